#!/usr/bin/env bash
# Every built plugin library exports exactly one dynamic symbol: ims_plugin_entry_v1.
# (fixture-no-entry is the deliberate exception: the version script hides its only function.)
set -euo pipefail
count=0 failed=0
while IFS= read -r -d '' lib; do
    count=$((count + 1))
    symbols=$(nm -D --defined-only "$lib" | awk '{print $NF}')
    case "$lib" in
        */fixture-no-entry/*) expected="" ;;
        *) expected=ims_plugin_entry_v1 ;;
    esac
    if [ "$symbols" != "$expected" ]; then
        echo "FAIL $lib exports: $(echo $symbols)"; failed=1
    else
        echo "ok   $lib: $symbols"
    fi
done < <(find "$@" -name '*.so' -print0 2>/dev/null)
[ "$count" -gt 0 ] || { echo "no plugin libraries found under $*"; exit 1; }
exit $failed
