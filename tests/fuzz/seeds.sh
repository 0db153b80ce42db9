#!/usr/bin/env bash
# Writes the seed corpus of one fuzz target into OUT_DIR: the repository's own examples, fixtures,
# plugin content and schemas in the target's input format, plus the small hand-written seeds in
# tests/fuzz/seeds/TARGET/. Generated on every run, so no binary corpus is committed.
#
#   tests/fuzz/seeds.sh TARGET OUT_DIR
set -euo pipefail

target=$1
out=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
mkdir -p "$out"

files() {  # files PATTERN...: repository files matching any of the find -name patterns
    local args=()
    for pattern in "$@"; do args+=(-o -name "$pattern"); done
    find "$root/examples" "$root/tests/fixtures" "$root/plugins" "$root/sdk" "$root/core/content" \
        -type f \( "${args[@]:1}" \) | sort
}

copy() {  # copy FILE...: each file as one seed, named after its path
    for file in "$@"; do
        local name=${file#"$root"/}
        cp "$file" "$out/${name//\//_}"
    done
}

case "$target" in
    fuzz_json) mapfile -t found < <(files '*.json' '*.json.in') ;;
    fuzz_csv) mapfile -t found < <(files '*.csv') ;;
    fuzz_catalog) mapfile -t found < <(files 'catalog*.json') ;;
    fuzz_mapping) mapfile -t found < <(find "$root/plugins" "$root/tests/fixtures" -path '*/mappings/*.json' | sort) ;;
    fuzz_manifest) mapfile -t found < <(files 'plugin.json' 'plugin.json.in') ;;
    fuzz_check) mapfile -t found < <(find "$root/plugins" "$root/core/content" "$root/sdk" "$root/tests" -path '*/checks/*.json' | sort) ;;
    fuzz_import)
        # The import target's input: the file name on the first line, then the file.
        found=()
        while IFS= read -r file; do
            name=${file#"$root"/}
            { printf '%s\n' "$(basename "$file")"; cat "$file"; } >"$out/${name//\//_}"
        done < <(find "$root/examples" "$root/tests/fixtures/import" -type f \( -name '*.json' -o -name '*.csv' \) | sort)
        ;;
    *)
        echo "seeds: unknown target '$target'" >&2
        exit 2
        ;;
esac
copy "${found[@]}"
if [ -d "$here/seeds/$target" ]; then
    cp "$here/seeds/$target"/* "$out/"
fi
