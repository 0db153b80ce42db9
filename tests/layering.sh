#!/usr/bin/env bash
# The layering rule of libims_core, checked from the #include lines: a folder of core/src may
# include only its own files and those of lower layers (docs/architecture.md draws them).
# Usage: tests/layering.sh [SOURCE_ROOT]; prints one line per violation and exits 1 if any.
set -euo pipefail
root=${1:-$(dirname "$0")/..}
cd "$root/core"

# Rank of each layer; folders of equal rank (the features, store and plugins) must not include
# each other either. Public headers belong to the layer that implements them.
declare -A rank=(
    [util]=0 [formats]=1 [io]=1 [model]=2 [store]=3 [plugins]=3 [catalog]=4 [mappings]=5 [records]=5
    [exchange]=6 [coverage]=6 [soa]=6 [checks]=6
)
declare -A header_layer=(
    [error.hpp]=util [output_file.hpp]=io [model.hpp]=model [store.hpp]=store
    [plugins.hpp]=plugins [catalog.hpp]=catalog [mappings.hpp]=mappings [records.hpp]=records
    [exchange.hpp]=exchange [coverage.hpp]=coverage [soa.hpp]=soa [checks.hpp]=checks
)

layer_of_include() {  # prints the layer of an included path, or nothing for outside headers
    local inc=$1
    case $inc in
        ims/core/*) echo "${header_layer[${inc#ims/core/}]:-unknown}" ;;
        ims/*) ;;  # the SDK's C header sits below every layer
        */*) echo "${inc%%/*}" ;;
    esac
}

violations=0
report() { echo "layering: $1"; violations=$((violations + 1)); }

check_file() {  # file, its layer
    local file=$1 own=$2 inc layer
    [[ -n ${rank[$own]+x} ]] || { report "$file: folder '$own' has no layer in tests/layering.sh"; return; }
    while IFS= read -r inc; do
        layer=$(layer_of_include "$inc")
        [[ -z $layer || $layer == "$own" ]] && continue
        if [[ $layer == unknown || -z ${rank[$layer]+x} ]]; then
            report "$file includes \"$inc\", which belongs to no known layer"
        elif (( rank[$layer] >= rank[$own] )); then
            report "$file ($own, layer ${rank[$own]}) includes \"$inc\" ($layer, layer ${rank[$layer]})"
        fi
    done < <(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$file")
}

for file in src/*/*.cpp src/*/*.hpp; do
    own=${file#src/}
    check_file "$file" "${own%%/*}"
done
for file in include/ims/core/*.hpp; do
    name=${file##*/}
    own=${header_layer[$name]:-}
    [[ -n $own ]] || { report "$file has no layer in tests/layering.sh"; continue; }
    check_file "$file" "$own"
done

if (( violations > 0 )); then
    echo "layering: $violations violation(s); see docs/architecture.md"
    exit 1
fi
echo "layering: ok"
