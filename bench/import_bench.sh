#!/usr/bin/env bash
# Measures 'ims import' of N evidence rows (plus 20 people) against the sqlite3 shell's '.import'
# of the same evidence CSV, on this machine: wall seconds and peak memory (max RSS) of each step,
# taken with GNU time. docs/performance.md explains the steps and records a run.
#
#   bench/import_bench.sh [BUILD_DIR] [N]      (defaults: build, 100000; 'make bench' runs it)
#
# Steps, each timed on its own:
#   import      'ims import STORE DIR' into a store just made by 'ims init' (one transaction)
#   re-import   the same import again into that store: every row unchanged, so no change-log
#               entries; the script checks that change_log did not grow and fails if it did
#   dry run     'ims import --dry-run' into a fresh store (nothing is written; checked)
#   sqlite3     'sqlite3 NEW.db' with '.mode csv' and '.import evidence.csv evidence': the same
#               CSV into a plain table, in sqlite3's default mode; the baseline
# Each step runs 3 times and the median is reported, unless the first round suggests that three
# rounds take more than about 3 minutes; then each step runs once, and the output says so.
# BENCH_RUNS=1 (or 3, 5, ...) sets the number of runs instead.
#
# Results go to stdout as Markdown; progress goes to stderr. Needs bash, awk, sqlite3 and GNU
# time (/usr/bin/time, Debian package 'time'). Timings are not checked against any limit here.
set -euo pipefail
export LC_ALL=C

build_dir=${1:-build}
n=${2:-100000}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

die() {
    echo "import_bench: $*" >&2
    exit 1
}

[[ "$n" =~ ^[1-9][0-9]{0,5}$ ]] || die "N must be a number from 1 to 999999, got '$n'"
ims=$(cd "$build_dir" 2>/dev/null && pwd)/bin/ims || die "no build directory '$build_dir'"
[ -x "$ims" ] || die "$ims is missing; build first ('make build')"
command -v sqlite3 >/dev/null || die "sqlite3 is missing (Debian package 'sqlite3'; scripts/install-deps.sh installs it)"
gnu_time=/usr/bin/time
"$gnu_time" --version 2>&1 | grep -q 'GNU' || die "$gnu_time is not GNU time (Debian package 'time'; scripts/install-deps.sh installs it)"
if [ -n "${BENCH_RUNS:-}" ] && ! [[ "$BENCH_RUNS" =~ ^[1-9][0-9]?$ ]]; then
    die "BENCH_RUNS must be a number from 1 to 99, got '$BENCH_RUNS'"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ims-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
data=$tmp/data
actor=bench

# --- the data ----------------------------------------------------------------------------------
echo "import_bench: generating $n evidence rows in $data" >&2
"$here/gen_evidence.sh" "$n" "$data"
people=$(($(wc -l <"$data/people.csv") - 1))
ims_rows=$((n + people))

# --- helpers -----------------------------------------------------------------------------------
# timed STEP CMD...: runs CMD under GNU time (stdout and stderr to files, stdin inherited) and
# appends its wall seconds and peak RSS (KiB) to secs_STEP and kib_STEP. Any failure stops the
# benchmark with the command and its output.
declare -A secs kib
timed() {
    local step=$1
    shift
    local rc=0
    "$gnu_time" -f '%e %M' -o "$tmp/time.txt" "$@" >"$tmp/out.txt" 2>"$tmp/err.txt" || rc=$?
    if [ "$rc" -ne 0 ]; then
        {
            echo "import_bench: step '$step' failed (exit $rc): $*"
            echo "--- stdout (last 20 lines)"
            tail -n 20 "$tmp/out.txt"
            echo "--- stderr (last 20 lines)"
            tail -n 20 "$tmp/err.txt"
        } >&2
        exit 1
    fi
    local s k
    read -r s k < <(tail -n 1 "$tmp/time.txt")
    secs[$step]="${secs[$step]:-} $s"
    kib[$step]="${kib[$step]:-} $k"
    echo "import_bench:   $step: ${s} s, ${k} KiB" >&2
}

sql() { sqlite3 "$1" "$2"; }

new_store() {
    rm -f "$1" "$1-wal" "$1-shm"
    "$ims" init "$1" --org "Bench Ltd" --actor "$actor" >"$tmp/init.txt" 2>&1 ||
        die "ims init $1 failed: $(cat "$tmp/init.txt")"
}

# One round: each step once.
round() {
    local store=$tmp/import.ims fresh=$tmp/dry-run.ims db=$tmp/baseline.db

    new_store "$store"
    local log_before log_after log_again
    log_before=$(sql "$store" 'select count(*) from change_log')
    timed import "$ims" import "$store" "$data" --actor "$actor"
    local stored
    stored=$(sql "$store" 'select count(*) from evidence')
    [ "$stored" -eq "$n" ] || die "after the import the store holds $stored evidence rows, not $n"
    log_after=$(sql "$store" 'select count(*) from change_log')
    [ "$log_after" -eq $((log_before + ims_rows)) ] ||
        die "the import wrote $((log_after - log_before)) change-log entries, not one per row ($ims_rows)"

    timed re-import "$ims" import "$store" "$data" --actor "$actor"
    log_again=$(sql "$store" 'select count(*) from change_log')
    if [ "$log_again" -ne "$log_after" ]; then
        die "RE-IMPORT WROTE TO THE CHANGE LOG: change_log grew from $log_after to $log_again rows although no row changed ($ims import $store $data)"
    fi
    grep -q "^added 0, changed 0," "$tmp/out.txt" ||
        die "the re-import reported changes: $(tail -n 1 "$tmp/out.txt")"

    new_store "$fresh"
    log_before=$(sql "$fresh" 'select count(*) from change_log')
    timed "dry run" "$ims" import --dry-run "$fresh" "$data" --actor "$actor"
    [ "$(sql "$fresh" 'select count(*) from change_log')" -eq "$log_before" ] || die "the dry run wrote to the change log"
    [ "$(sql "$fresh" 'select count(*) from evidence')" -eq 0 ] || die "the dry run wrote evidence rows"

    rm -f "$db"
    timed sqlite3 sqlite3 "$db" <<EOF
.mode csv
.import '$data/evidence.csv' evidence
EOF
    stored=$(sql "$db" 'select count(*) from evidence')
    [ "$stored" -eq "$n" ] || die "sqlite3 .import stored $stored rows, not $n"
}

# $1 is a space-separated list of numbers, split on purpose.
# shellcheck disable=SC2086
median() { printf '%s\n' $1 | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# --- the runs ----------------------------------------------------------------------------------
budget=180
start=$(date +%s.%N)
echo "import_bench: round 1" >&2
round
first=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
if [ -n "${BENCH_RUNS:-}" ]; then
    runs=$BENCH_RUNS
    runs_note="each step ran $runs time(s) (BENCH_RUNS=$runs)"
elif awk -v f="$first" -v b="$budget" 'BEGIN { exit !(3 * f > b) }'; then
    runs=1
    runs_note="each step ran ONCE: one round took ${first} s, so three would exceed about ${budget} s"
else
    runs=3
    runs_note="each step ran 3 times; the table shows the median seconds and the median peak memory"
fi
for ((r = 2; r <= runs; r++)); do
    echo "import_bench: round $r of $runs" >&2
    round
done

# --- the report --------------------------------------------------------------------------------
cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
# shellcheck disable=SC1091
os=$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-unknown}")
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build_dir/CMakeCache.txt" 2>/dev/null || true)
fs=$(df -PT "$tmp" | awk 'NR == 2 { print $2 }')

echo "## ims import benchmark"
echo
echo "- date: $(date -u +%F)"
echo "- machine: ${cpu:-unknown CPU}, $(nproc) CPUs (nproc), $mem RAM; $os, Linux $(uname -r)"
echo "- ims: $("$ims" version | head -n 1)${build_type:+; build type $build_type}"
echo "- sqlite3 shell: $(sqlite3 --version | awk '{ print $1, $2 }')"
echo "- data: $n evidence rows ($(wc -c <"$data/evidence.csv") bytes of CSV) and $people people, made by bench/gen_evidence.sh; stores on $fs in ${TMPDIR:-/tmp}"
echo "- runs: $runs_note"
echo
echo "| step | rows | seconds | rows/s | peak MiB |"
echo "|---|---:|---:|---:|---:|"
for step in import re-import "dry run" sqlite3; do
    rows=$ims_rows
    [ "$step" = sqlite3 ] && rows=$n
    # shellcheck disable=SC2016  # the backquotes are Markdown
    case $step in
        import) label='`ims import` into a new store' ;;
        re-import) label='`ims import` again (all unchanged)' ;;
        "dry run") label='`ims import --dry-run`, new store' ;;
        sqlite3) label='`sqlite3` `.import` (baseline)' ;;
    esac
    s=$(median "${secs[$step]}")
    k=$(median "${kib[$step]}")
    awk -v label="$label" -v rows="$rows" -v s="$s" -v k="$k" '
    function grouped(x,    out) {
        x = sprintf("%d", x)
        out = ""
        while (length(x) > 3) { out = "," substr(x, length(x) - 2) out; x = substr(x, 1, length(x) - 3) }
        return x out
    }
    BEGIN {
        rate = s > 0 ? grouped(rows / s) : "-"
        printf "| %s | %s | %.2f | %s | %.1f |\n", label, grouped(rows), s, rate, k / 1024
    }'
done
echo
echo "All runs (seconds / peak KiB):"
echo
for step in import re-import "dry run" sqlite3; do
    echo "- $step:${secs[$step]} /${kib[$step]}"
done
