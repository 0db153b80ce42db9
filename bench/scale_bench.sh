#!/usr/bin/env bash
# Measures how every store command grows with the store: a synthetic organisation
# (bench/gen_store.sh) at each SCALE (default 1/4x, 1x and 4x of about 163,000 rows), each
# command's wall seconds and peak memory (max RSS, GNU time), the growth between sizes, and the
# sqlite3 shell doing the same reads or writes on the same data as a baseline. Prints Markdown;
# docs/performance.md records a run and explains the baselines.
#
#   bench/scale_bench.sh [BUILD_DIR] [SCALE...]     (defaults: build, 0.25 1 4; 'make bench')
#
# Each step runs BENCH_RUNS times (default 1) and the median is shown. Progress goes to stderr.
# Needs bash, awk, sqlite3 and GNU time (/usr/bin/time); no timing is checked against a limit.
set -euo pipefail
export LC_ALL=C

build_dir=${1:-build}
shift || true
scales=("$@")
[ ${#scales[@]} -gt 0 ] || scales=(0.25 1 4)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
as_of=2026-11-29
standards=(iso27001:2022 iso27701:2025 iso22301:2019 gdpr popia)
runs=${BENCH_RUNS:-1}

die() {
    echo "scale_bench: $*" >&2
    exit 1
}

ims=$(cd "$build_dir" 2>/dev/null && pwd)/bin/ims || die "no build directory '$build_dir'"
[ -x "$ims" ] || die "$ims is missing; build first ('make build')"
command -v sqlite3 >/dev/null || die "sqlite3 is missing (Debian package 'sqlite3')"
gnu_time=/usr/bin/time
"$gnu_time" --version 2>&1 | grep -q GNU || die "$gnu_time is not GNU time (Debian package 'time')"
[[ "$runs" =~ ^[1-9][0-9]?$ ]] || die "BENCH_RUNS must be a number from 1 to 99, got '$runs'"
for s in "${scales[@]}"; do [[ "$s" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "SCALE must be a number, got '$s'"; done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ims-scale-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# --- the steps ---------------------------------------------------------------------------------
# Each step: a label, the ims command (words; STORE, DATA and OUT are replaced) and the sqlite3
# baseline (a function below, or '-' for none). Steps run in this order on one store per scale.
steps=(
    "import|import STORE DATA --actor bench|base_import"
    "import again (unchanged)|import STORE DATA --actor bench|-"
    "verify|verify STORE|base_verify"
    "export --output json|export STORE --output json:OUT/export.json|base_export_json"
    "export --output csv|export STORE --output csv:OUT/export-csv|base_export_csv"
    "coverage --format json|coverage STORE --as-of $as_of --format json|base_coverage"
    "coverage (text)|coverage STORE --as-of $as_of|base_coverage"
    "gap --adopt iso27001:2022|gap STORE --adopt iso27001:2022 --as-of $as_of|base_coverage"
    "gap --adopt iso27001:2022 --format json|gap STORE --adopt iso27001:2022 --as-of $as_of --format json|base_coverage"
    "soa --output md|soa STORE --as-of $as_of|base_soa"
    "soa --output csv|soa STORE --as-of $as_of --output csv|base_soa"
    "catalog iso27001:2022|catalog iso27001:2022|base_catalog"
)

# The record tables an export writes (every table but the catalogs, the log and the vault).
record_tables() {
    sqlite3 -readonly "$1" "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE
        'sqlite_%' AND name NOT IN ('change_log', 'vault', 'standards', 'requirements') ORDER BY name"
}

# Baselines: sqlite3 scripts on stdout, run as 'sqlite3 DB < script' (a new DB for the import,
# the store read-only for the rest). Each writes what the command writes, to a file under OUT.
base_import() {  # .import of every CSV into new tables, as the shell does it by default
    for f in "$data"/*.csv; do echo ".import --csv '$f' $(basename "$f" .csv)"; done
}
base_verify() {  # the same checks: pages, the chain's hashes (sha3), newest entry per row, every row
    echo "PRAGMA integrity_check;"
    echo "SELECT count(*), sum(length(sha3(prev_hash || char(10) || actor || at || entity ||
          entity_id || op || payload || seq, 256))) FROM change_log;"
    echo "SELECT count(*) FROM (SELECT entity, entity_id, op, payload, max(seq) FROM change_log
          GROUP BY entity, entity_id);"
    echo ".output /dev/null"
    for t in $tables; do echo "SELECT * FROM $t ORDER BY id;"; done
}
base_export_json() {  # every record table as JSON rows, in id order
    echo ".mode json"
    echo ".output '$out/base-export.json'"
    for t in $tables; do echo "SELECT * FROM $t ORDER BY id;"; done
}
base_export_csv() {  # one CSV file per record table
    mkdir -p "$out/base-csv"
    echo ".mode csv"
    echo ".headers on"
    for t in $tables; do
        echo ".output '$out/base-csv/$t.csv'"
        echo "SELECT * FROM $t ORDER BY id;"
    done
}
base_coverage() {  # the facts coverage reads: links of implemented controls with current evidence
    echo ".mode json"
    echo ".output '$out/base-coverage.json'"
    echo "WITH current AS (SELECT ec.control_id, json_group_array(e.id) AS evidence
          FROM evidence e CROSS JOIN evidence_controls ec ON ec.evidence_id = e.id
          WHERE (e.collected_on IS NULL OR e.collected_on <= '$as_of')
          AND (e.valid_until IS NULL OR e.valid_until >= '$as_of') GROUP BY ec.control_id)
          SELECT l.requirement_id, c.id, c.title, l.coverage, current.evidence
          FROM controls c JOIN control_requirements l ON l.control_id = c.id
          LEFT JOIN current ON current.control_id = c.id
          WHERE c.status = 'implemented' ORDER BY l.requirement_id, c.id;"
}
base_soa() {  # the SoA's rows: decisions, linked controls and their current evidence
    echo "CREATE TEMP TABLE current AS SELECT ec.control_id, e.id FROM evidence e
          JOIN evidence_controls ec ON ec.evidence_id = e.id
          WHERE (e.collected_on IS NULL OR e.collected_on <= '$as_of')
          AND (e.valid_until IS NULL OR e.valid_until >= '$as_of');"
    echo "CREATE INDEX temp.current_by_control ON current (control_id);"
    echo "CREATE TEMP TABLE links AS SELECT requirement_id, control_id FROM control_requirements
          WHERE requirement_id GLOB 'iso27001:2022/*';"
    echo "CREATE INDEX temp.links_by_requirement ON links (requirement_id);"
    echo ".mode csv"
    echo ".output '$out/base-soa.csv'"
    echo "SELECT r.id, r.title, s.applicable, s.justification, s.implementation_status,
          (SELECT group_concat(c.id || ' ' || c.title, '; ') FROM links l
           JOIN controls c ON c.id = l.control_id WHERE l.requirement_id = r.id),
          (SELECT group_concat(DISTINCT e.id) FROM links l JOIN current e
           ON e.control_id = l.control_id WHERE l.requirement_id = r.id)
          FROM requirements r LEFT JOIN soa_entries s ON s.id = r.id
          WHERE r.standard_id = 'iso27001:2022' AND r.kind = 'control' ORDER BY r.position;"
}
base_catalog() {  # the standard's requirements
    echo ".output '$out/base-catalog.txt'"
    echo "SELECT id, title FROM requirements WHERE standard_id = 'iso27001:2022' ORDER BY position;"
}

# --- measuring ---------------------------------------------------------------------------------
# timed KEY CMD...: runs CMD under GNU time (stdin from $stdin, stdout and stderr to files) and
# records under KEY its wall seconds (bash's clock), its CPU seconds (user + system) and its peak
# RSS (KiB). CPU seconds barely change when other processes compete for the CPUs, wall seconds
# do. A failure stops the benchmark with the command and its output.
declare -A secs cpu kib
stdin=/dev/null
timed() {
    local key=$1
    shift
    local rc=0 start end
    start=$EPOCHREALTIME
    "$gnu_time" -f '%U %S %M' -o "$tmp/time.txt" "$@" <"$stdin" >"$tmp/out.txt" 2>"$tmp/err.txt" || rc=$?
    end=$EPOCHREALTIME
    if [ "$rc" -ne 0 ]; then
        echo "scale_bench: '$key' failed (exit $rc): $*" >&2
        tail -n 20 "$tmp/err.txt" >&2
        exit 1
    fi
    local user sys peak
    read -r user sys peak < <(tail -n 1 "$tmp/time.txt")
    secs[$key]="${secs[$key]:-} $(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')"
    cpu[$key]="${cpu[$key]:-} $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')"
    kib[$key]="${kib[$key]:-} $peak"
}

# shellcheck disable=SC2086  # $1 is a list of numbers, split on purpose
median() { printf '%s\n' $1 | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

new_store() {
    rm -rf "$1" "$1-wal" "$1-shm"
    "$ims" init "$1" --org "Bench Ltd" --actor bench >/dev/null
    "$ims" adopt "$1" "${standards[@]}" --on 2024-01-01 --actor bench >/dev/null
}

declare -A rows store_mb
for scale in "${scales[@]}"; do
    dir=$tmp/scale-$scale
    data=$dir/data
    out=$dir/out
    store=$dir/store.ims
    mkdir -p "$dir"
    echo "scale_bench: scale $scale: generating the data" >&2
    new_store "$dir/catalogs.ims"
    sqlite3 -separator '|' "$dir/catalogs.ims" "SELECT id, kind, NOT EXISTS (SELECT 1 FROM
        requirements c WHERE c.parent_id = r.id) FROM requirements r ORDER BY id" >"$dir/requirements.txt"
    "$here/gen_store.sh" "$scale" "$dir/requirements.txt" "$data"
    rows[$scale]=$(awk 'FNR > 1 { n++ } END { print n }' "$data"/*.csv)
    for ((run = 1; run <= runs; run++)); do
        new_store "$store"
        for step in "${steps[@]}"; do
            IFS='|' read -r label command baseline <<<"$step"
            rm -rf "$out"
            mkdir -p "$out"
            words=${command//STORE/$store}
            words=${words//DATA/$data}
            words=${words//OUT/$out}
            echo "scale_bench: scale $scale, run $run: ims $words" >&2
            # shellcheck disable=SC2086  # the command's words
            timed "$scale|$label" "$ims" $words
            [ "$baseline" = - ] && continue
            rm -rf "$out"
            mkdir -p "$out"
            tables=$(record_tables "$store")
            "$baseline" >"$tmp/baseline.sql"
            stdin=$tmp/baseline.sql
            if [ "$baseline" = base_import ]; then
                rm -f "$dir/baseline.db"
                timed "$scale|$label|sqlite3" sqlite3 "$dir/baseline.db"
            else
                timed "$scale|$label|sqlite3" sqlite3 -readonly "$store"
            fi
            stdin=/dev/null
        done
    done
    store_mb[$scale]=$(du -m "$store" | cut -f1)
    rm -rf "$dir"
done

# --- the report --------------------------------------------------------------------------------
label_of() { awk -v s="$1" 'BEGIN { if (s + 0 < 1) printf "1/%g×", 1 / s; else printf "%g×", s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.1f", a / b; else printf "–" }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

model=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
# shellcheck disable=SC1091
os=$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-unknown}")
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build_dir/CMakeCache.txt" 2>/dev/null || true)
last=${scales[${#scales[@]} - 1]}
last_label=$(label_of "$last")

echo "## Scale benchmark"
echo
echo "- date: $(date -u +%F); machine: ${model:-unknown CPU}, $(nproc) CPUs, $mem RAM; $os"
echo "- load average at the end (other work on the machine): $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- ims: $("$ims" version | head -n 1)${build_type:+; build type $build_type}"
echo "- sqlite3 shell: $(sqlite3 --version | awk '{ print $1 }'); runs per step: $runs (median shown)"
printf -- "- data (bench/gen_store.sh, as of %s):" "$as_of"
for s in "${scales[@]}"; do printf " %s %s rows, store %s MB;" "$(label_of "$s")" "${rows[$s]}" "${store_mb[$s]}"; done
echo
echo
echo "Time: wall seconds, CPU seconds (user + system) and the growth of each from one size to the"
echo "next; the sqlite3 shell doing the same work at $last_label, and ims's wall and CPU time as a"
echo "multiple of it."
echo
header="| command |"
rule="|---|"
for s in "${scales[@]}"; do header+=" wall $(label_of "$s") |"; rule+="---:|"; done
for ((i = 1; i < ${#scales[@]}; i++)); do header+=" →$(label_of "${scales[i]}") |"; rule+="---:|"; done
for s in "${scales[@]}"; do header+=" CPU $(label_of "$s") |"; rule+="---:|"; done
for ((i = 1; i < ${#scales[@]}; i++)); do header+=" →$(label_of "${scales[i]}") |"; rule+="---:|"; done
header+=" sqlite3 wall $last_label | sqlite3 CPU $last_label | ims ÷ sqlite3 (wall, CPU) |"
rule+="---:|---:|---:|"
echo "$header"
echo "$rule"
for step in "${steps[@]}"; do
    IFS='|' read -r label command baseline <<<"$step"
    line="| \`$label\` |"
    for measure in secs cpu; do
        declare -n values=$measure
        for s in "${scales[@]}"; do line+=" $(median "${values[$s|$label]}") |"; done
        for ((i = 1; i < ${#scales[@]}; i++)); do
            line+=" ×$(ratio "$(median "${values[${scales[i]}|$label]}")" "$(median "${values[${scales[i - 1]}|$label]}")") |"
        done
        unset -n values
    done
    if [ "$baseline" = - ]; then
        line+=" – | – | – |"
    else
        bw=$(median "${secs[$last|$label|sqlite3]}")
        bc=$(median "${cpu[$last|$label|sqlite3]}")
        line+=" $bw | $bc | ×$(ratio "$(median "${secs[$last|$label]}")" "$bw"), ×$(ratio "$(median "${cpu[$last|$label]}")" "$bc") |"
    fi
    echo "$line"
done
echo
echo "Peak memory (maximum resident set size, MiB):"
echo
header="| command |"
rule="|---|"
for s in "${scales[@]}"; do header+=" $(label_of "$s") |"; rule+="---:|"; done
header+=" sqlite3 $last_label |"
rule+="---:|"
echo "$header"
echo "$rule"
for step in "${steps[@]}"; do
    IFS='|' read -r label command baseline <<<"$step"
    line="| \`$label\` |"
    for s in "${scales[@]}"; do line+=" $(mib "$(median "${kib[$s|$label]}")") |"; done
    if [ "$baseline" = - ]; then line+=" – |"; else line+=" $(mib "$(median "${kib[$last|$label|sqlite3]}")") |"; fi
    echo "$line"
done
