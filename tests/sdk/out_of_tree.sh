#!/usr/bin/env bash
# Installs the SDK into a temporary prefix, builds sdk/examples/hello_standard out of tree with
# find_package(ImsSdk), and has the real ims host verify and load it.
set -euo pipefail
build_dir=$1 source_dir=$2 work=$3 ims=$4
rm -rf "$work"
mkdir -p "$work"
cmake --install "$build_dir" --prefix "$work/prefix" --component sdk >/dev/null
cmake -S "$source_dir/sdk/examples/hello_standard" -B "$work/build" -G Ninja \
      -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/build" >/dev/null
out=$("$ims" plugins verify "$work/build/plugins/hello" --format json)
echo "$out"
echo "$out" | grep -q '"state": "loaded"'
echo "$out" | grep -q '"hello.organisation_named"'
"$ims" catalog hello:1 --plugin-path "$work/build/plugins" | grep -q "Organisation named"
# Its checks run through `ims check`: the native one through its library, the SQL one as data.
"$ims" init "$work/hello.ims" --org "Hello Ltd" >/dev/null
"$ims" adopt "$work/hello.ims" hello:1 --plugin-path "$work/build/plugins" >/dev/null
check=$("$ims" check "$work/hello.ims" --plugin-path "$work/build/plugins" --check hello/organisation-named \
        --check hello/scope-stated --fail-on none --output json)
echo "$check"
echo "$check" | grep -q '"check_id": "hello/organisation-named"'
echo "$check" | grep -q '"message": "the organisation is named"'
echo "$check" | grep -q '"message": "no scope statement for hello:1"'
echo "out-of-tree plugin built against the installed SDK, loaded and its checks run"
