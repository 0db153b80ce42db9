#!/usr/bin/env bash
# Measures how JSON input grows with its size: a catalog of N requirements in a data-only plugin,
# read and listed by 'ims catalog', and an import document of N evidence rows read and checked by
# 'ims import --dry-run'. Prints wall seconds and peak memory (max RSS) per size as Markdown.
#
#   bench/json_bench.sh [BUILD_DIR] [SIZES...]     (defaults: build, 10000 40000 160000)
#
# Linear parsing shows as about x4 time per x4 size. Uses bash, awk and GNU time only.
set -euo pipefail
export LC_ALL=C

build_dir=${1:-build}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 40000 160000)
ims=$(cd "$build_dir" 2>/dev/null && pwd)/bin/ims
[ -x "$ims" ] || { echo "json_bench: $ims is missing; build first" >&2; exit 1; }
/usr/bin/time --version 2>&1 | grep -q GNU || { echo "json_bench: needs GNU time" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ims-json-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# catalog N DIR: a data-only plugin whose catalog has N requirements (themes of 10 controls).
catalog() {
    mkdir -p "$2"
    cat >"$2/plugin.json" <<'EOF'
{"format": "ims-plugin/1", "id": "bench", "name": "JSON bench", "version": "1.0.0",
 "sdk_abi": "1.0", "provides": ["bench:1"], "catalogs": ["catalog.json"], "license": "CC0-1.0"}
EOF
    awk -v n="$1" 'BEGIN {
        printf "{\"format\": \"ims-catalog/1\",\n \"standard\": {\"id\": \"bench:1\", \"short_title\": \"Bench\"},\n \"requirements\": [\n"
        for (i = 0; i < n; i++) {
            if (i % 10 == 0) printf "%s  {\"ref\": \"T%d\", \"kind\": \"theme\", \"title\": \"Theme %d\"}", (i ? ",\n" : ""), i, i
            else printf ",\n  {\"ref\": \"T%d.%d\", \"parent\": \"T%d\", \"kind\": \"control\", \"title\": \"Control %d\", \"summary\": \"Do the thing number %d, and record that it was done.\"}", i - i % 10, i % 10, i - i % 10, i, i
        }
        printf "\n ]\n}\n"
    }' >"$2/catalog.json"
}

# document N FILE: an import document with N evidence rows.
document() {
    awk -v n="$1" 'BEGIN {
        printf "{\"format\": \"ims-import/1\",\n \"evidence\": [\n"
        for (i = 1; i <= n; i++)
            printf "%s  {\"id\": \"EV-%06d\", \"title\": \"Record %d, kept\", \"kind\": \"record\", \"collected_on\": \"2026-01-%02d\"}", (i > 1 ? ",\n" : ""), i, i, i % 28 + 1
        printf "\n ]\n}\n"
    }' >"$2"
}

measure() {  # measure LABEL CMD...: prints "| LABEL | seconds | MiB |"
    local label=$1
    shift
    /usr/bin/time -o "$tmp/time" -f '%e %M' "$@" >/dev/null 2>"$tmp/err" || {
        echo "json_bench: $label failed:" >&2
        cat "$tmp/err" >&2
        exit 1
    }
    read -r secs kib <"$tmp/time"
    printf '| %s | %s | %s | %d |\n' "$label" "$(du -h "$input" | cut -f1)" "$secs" $((kib / 1024))
}

echo "| input | size | seconds | peak MiB |"
echo "|---|---|---|---|"
"$ims" init "$tmp/store.ims" --org Bench >/dev/null 2>&1
for n in "${sizes[@]}"; do
    catalog "$n" "$tmp/cat$n"
    input=$tmp/cat$n/catalog.json
    measure "catalog, $n requirements" "$ims" catalog bench:1 --plugin-path "$tmp/cat$n"
done
for n in "${sizes[@]}"; do
    document "$n" "$tmp/doc$n.json"
    input=$tmp/doc$n.json
    measure "import document, $n evidence rows" "$ims" import "$tmp/store.ims" "$input" --dry-run
done
