#!/usr/bin/env bash
# `make demo`: creates demo/acme.ims from scratch, adopts the installed standards and verifies it.
set -euo pipefail
build_dir=${1:-build}
ims="$build_dir/bin/ims"
mkdir -p demo
rm -f demo/acme.ims demo/acme.ims-wal demo/acme.ims-shm
"$ims" plugins list
"$ims" init demo/acme.ims --org "Acme Ltd" --actor demo
"$ims" adopt demo/acme.ims iso27001:2022 iso22301:2019 iso27701:2025 gdpr popia --actor demo
"$ims" verify demo/acme.ims
echo "demo store: demo/acme.ims"
