#!/usr/bin/env bash
# `make demo`: creates demo/acme.ims from scratch, imports the example organisation
# (examples/acme), verifies the store, and writes what ims can report today into demo/: the
# gap analysis, coverage, the Statement of Applicability, the checks' findings and a CSV export.
set -euo pipefail
build_dir=${1:-build}
ims="$build_dir/bin/ims"
mkdir -p demo
rm -rf demo/acme.ims demo/acme.ims-wal demo/acme.ims-shm demo/export
"$ims" plugins list
"$ims" init demo/acme.ims --org "Acme Payroll Cloud (Pty) Ltd" --actor demo
"$ims" import demo/acme.ims examples/acme --actor demo
"$ims" verify demo/acme.ims
"$ims" map iso27001:2022/10.2
"$ims" gap demo/acme.ims --adopt iso22301:2019 > demo/gap-iso22301.txt
"$ims" coverage demo/acme.ims --output json:demo/coverage.json --force
"$ims" soa demo/acme.ims --output xlsx:demo/soa.xlsx --output html:demo/soa.html --force
"$ims" export demo/acme.ims --output csv:demo/export --force
# What an auditor would find on the example's "today": the summary on stdout, every result in
# demo/check.json. Exit 1 means findings, which the example has on purpose; anything else fails.
check_status=0
"$ims" check demo/acme.ims --as-of 2026-11-25 --output text --output json:demo/check.json --force ||
    check_status=$?
if [ "$check_status" -ne 0 ] && [ "$check_status" -ne 1 ]; then exit "$check_status"; fi
echo "demo store: demo/acme.ims; reports in demo/ (gap-iso22301.txt, coverage.json, soa.xlsx, soa.html, check.json, export/)"
echo "what an auditor would flag in it: examples/acme/README.md"
