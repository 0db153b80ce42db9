#!/usr/bin/env bash
# Runs one libFuzzer target of the `fuzz` preset: first every committed regression input
# (tests/fuzz/regressions/TARGET/), then fuzzing for SECONDS from the seed corpus (made afresh
# from the repository's examples and fixtures by seeds.sh) and the corpus kept in WORK_DIR.
# Exits non-zero when an input crashes, leaks or trips a sanitizer, and prints the reproducer.
#
#   tests/fuzz/run_fuzzer.sh BINARY TARGET WORK_DIR [SECONDS]
#
# SECONDS defaults to $FUZZ_SECONDS, else 10 (the short run of `make test`; `make fuzz` passes
# more). Inputs found to add coverage are kept in WORK_DIR/corpus/TARGET for the next run.
set -euo pipefail

if [ $# -lt 3 ] || [ $# -gt 4 ]; then
    echo "usage: $0 BINARY TARGET WORK_DIR [SECONDS]" >&2
    exit 2
fi
binary=$1
target=$2
work=$3
seconds=${4:-${FUZZ_SECONDS:-10}}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "run_fuzzer: SECONDS must be a number, got '$seconds'" >&2; exit 2; }

seeds=$work/seeds/$target
corpus=$work/corpus/$target
artifacts=$work/artifacts/$target
rm -rf "$seeds"
mkdir -p "$seeds" "$corpus" "$artifacts"
"$here/seeds.sh" "$target" "$seeds"

options=(-artifact_prefix="$artifacts/" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1)
dict=$here/json.dict
[ "$target" = fuzz_csv ] && dict=$here/csv.dict
options+=(-dict="$dict")

report() {
    echo "run_fuzzer: $target FAILED: $1" >&2
    for file in "$artifacts"/*; do
        [ -e "$file" ] || continue
        [ "$file" -nt "$stamp" ] || continue
        echo "run_fuzzer: reproducer: $file" >&2
        echo "run_fuzzer: rerun with: $binary $file" >&2
    done
    exit 1
}
stamp=$(mktemp "${TMPDIR:-/tmp}/ims-fuzz-stamp.XXXXXX")
trap 'rm -f "$stamp"' EXIT

regressions=("$here/regressions/$target"/*)
if [ -e "${regressions[0]}" ]; then
    echo "run_fuzzer: $target: replaying ${#regressions[@]} regression inputs" >&2
    "$binary" "${options[@]}" "${regressions[@]}" || report "a committed regression input fails again"
fi
echo "run_fuzzer: $target: fuzzing for $seconds s" >&2
"$binary" "${options[@]}" -max_total_time="$seconds" "$corpus" "$seeds" || report "a new input fails"
echo "run_fuzzer: $target: no failure in $seconds s" >&2
