#!/usr/bin/env bash
# Writes benchmark import data: OUTDIR/people.csv (20 people) and OUTDIR/evidence.csv (N rows).
# Deterministic: the same N gives the same bytes, with any awk (no rand(), no clock, no locale).
# Uses bash and awk only, so it runs on a fresh Debian 12 (mawk) without Python.
#
#   bench/gen_evidence.sh N OUTDIR
#
# The rows follow the data model (core/src/model/entities.cpp): person has id, name (required)
# and email; evidence has id, title and kind (required), url, collected_on and valid_until
# (calendar dates YYYY-MM-DD) and owner_id, a reference to a person. kind cycles through
# record, document, export, link, screenshot, attestation; only link rows have a url. Some titles
# hold a comma and are quoted, as a spreadsheet would write them.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [ $# -ne 2 ] || ! [[ "$1" =~ ^[1-9][0-9]{0,5}$ ]]; then
    echo "usage: $0 N OUTDIR   (N from 1 to 999999)" >&2
    exit 2
fi
n=$1
out=$2
mkdir -p "$out"
export LC_ALL=C

awk -v out="$out" 'BEGIN {
    first = "Amara Bongani Chloe Daniel Elif Farah Gareth Hannah Ivan Jabu Kofi Lerato Marta Nomsa Oliver Priya Quentin Rosa Sipho Thandi"
    last = "Naidoo Dlamini Smith Botha Khumalo Patel vanWyk Mokoena Nel Pillay Jacobs Steyn Mahlangu Zulu Fourie Adams Ndlovu Venter Moyo Williams"
    split(first, f, " ")
    split(last, l, " ")
    file = out "/people.csv"
    printf "id,name,email\r\n" > file
    for (i = 1; i <= 20; i++) {
        surname = l[i]
        if (surname == "vanWyk") surname = "van Wyk"
        email = tolower(f[i]) "." tolower(l[i]) "@example.com"
        printf "P-%03d,%s %s,%s\r\n", i, f[i], surname, email > file
    }
    close(file)
}'

awk -v n="$n" -v out="$out" "$(cat "$here/dates.awk")"'
# Park-Miller minimal standard generator: every product stays below 2^53, so doubles are exact
# and mawk and gawk give the same sequence.
function next_rand() {
    seed = (seed * 16807) % 2147483647
    return seed
}
BEGIN {
    seed = 20261125
    nk = split("record document export link screenshot attestation", kind, " ")
    ns = split("Access review|Backup restore test|Vulnerability scan report|Firewall rule review|Awareness training attendance|Supplier due diligence|Incident response exercise|Change approval record|Patch compliance report|Encryption key rotation log|Policy acknowledgements|MFA enrolment status|Joiner-mover-leaver check|Privileged account review|Business continuity test|Data retention purge log|Penetration test report|Asset inventory reconciliation|Log review sign-off|Clean desk walkthrough", subject, "|")
    nt = split("payroll|CRM|HR system|finance ERP|customer portal|mail gateway|VPN|data warehouse|Cape Town office|Johannesburg office|laptops|build servers", target, "|")
    np = split("Q1|Q2|Q3|Q4", quarter, "|")
    first_day = 19358   # 2023-01-01
    span = 1400         # collected up to early November 2026
    file = out "/evidence.csv"
    printf "id,title,kind,url,collected_on,valid_until,owner_id\r\n" > file
    for (i = 1; i <= n; i++) {
        id = sprintf("EV-%06d", i)
        k = kind[(i - 1) % nk + 1]
        collected = first_day + next_rand() % span
        year = substr(ymd(collected), 1, 4)
        q = quarter[int((substr(ymd(collected), 6, 2) - 1) / 3) + 1]
        title = subject[next_rand() % ns + 1] " " q " " year
        r = next_rand()
        if (r % 4 == 0) title = "\"" title ", " target[r % nt + 1] "\""
        else title = title " - " target[r % nt + 1]
        url = k == "link" ? "https://intranet.example.com/evidence/" id : ""
        r = next_rand() % 10
        # Most evidence is valid for a quarter, half a year or a year; some has no expiry.
        valid = r < 3 ? ymd(collected + 91) : r < 6 ? ymd(collected + 182) : r < 9 ? ymd(collected + 365) : ""
        owner = sprintf("P-%03d", next_rand() % 20 + 1)
        printf "%s,%s,%s,%s,%s,%s,%s\r\n", id, title, k, url, ymd(collected), valid, owner > file
    }
    close(file)
}'
