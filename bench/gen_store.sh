#!/usr/bin/env bash
# Writes a synthetic organisation as import CSV files, one per collection, for the scale benchmark
# (bench/scale_bench.sh). Deterministic: the same SCALE, requirement list and SEED give the same
# bytes with any awk (no rand(), no clock, no locale). bash and awk only: no Python on CI.
#
#   bench/gen_store.sh SCALE REQUIREMENTS OUTDIR [SEED]
#
# SCALE is a factor (0.25, 1, 4, ...); at 1 the files hold about 163,000 rows (see the table in
# docs/performance.md). REQUIREMENTS lists the adopted catalogs' requirements, one
# "id|kind|leaf" line each (leaf 1 when no requirement names it as parent), as
#   sqlite3 -separator '|' STORE "SELECT id, kind, NOT EXISTS (SELECT 1 FROM requirements c
#       WHERE c.parent_id = r.id) FROM requirements r ORDER BY id"
# prints for a store that adopted the standards. Controls link to leaf requirements, findings,
# audits and documents name them, and every control-kind requirement of iso27001:2022 gets a
# Statement of Applicability decision. The store must adopt those standards before the import.
#
# The shapes follow the data model (core/src/model/entities.cpp) and examples/acme: about 15
# evidence links per control (each evidence record supports one or two controls), three
# requirement links per control, 85% of controls implemented, evidence current or expired around
# 2026-11-29, risks naming assets and controls, documents with acknowledgements, people with
# training records, incidents with findings and corrective actions.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

if [ $# -lt 3 ] || [ $# -gt 4 ] || ! [[ "$1" =~ ^[0-9]+(\.[0-9]+)?$ ]]; then
    echo "usage: $0 SCALE REQUIREMENTS OUTDIR [SEED]   (SCALE e.g. 0.25, 1, 4)" >&2
    exit 2
fi
scale=$1
requirements=$2
out=$3
seed=${4:-20261129}
[ -s "$requirements" ] || { echo "gen_store: $requirements is missing or empty" >&2; exit 2; }
[[ "$seed" =~ ^[1-9][0-9]{0,8}$ ]] || { echo "gen_store: SEED must be a number, got '$seed'" >&2; exit 2; }
mkdir -p "$out"
export LC_ALL=C

awk -F'|' -v scale="$scale" -v out="$out" -v seed="$seed" "$(cat "$here/dates.awk")"'
# Park-Miller minimal standard generator: products stay below 2^53, so mawk and gawk agree.
function rnd(n) {
    seed = (seed * 16807) % 2147483647
    return seed % n
}
function pick(list,    parts, k) {
    k = split(list, parts, "|")
    return parts[rnd(k) + 1]
}
function count(base,    n) {
    n = int(base * scale + 0.5)
    return n < 1 ? 1 : n
}
function id(prefix, i, width) { return sprintf("%s-%0" width "d", prefix, i) }
function person() { return id("P", rnd(n_people) + 1, 6) }
function dept() { return id("D", rnd(n_depts) + 1, 4) }
function control() { return id("CTRL", rnd(n_controls) + 1, 6) }
function leaf() { return leaves[rnd(n_leaves) + 1] }
function day(from, span) { return ymd(from + rnd(span)) }
function stamp(days) { return ymd(days) sprintf("T%02d:%02d:00+02:00", 7 + rnd(12), rnd(60)) }
# Items joined with ";" (a CSV list cell), each from fn-like generators chosen by kind.
function list_of(kind, n,    s, i, item, seen) {
    s = ""
    split("", seen)
    for (i = 0; i < n; i++) {
        item = kind == "person" ? person() : kind == "dept" ? dept() : kind == "control" ? control() : kind == "asset" ? id("A", rnd(n_assets) + 1, 6) : leaf()
        if (item in seen) continue
        seen[item] = 1
        s = s (s == "" ? "" : ";") item
    }
    return s
}
function header(name, fields) {
    if (file != "") close(file)
    file = out "/" name ".csv"
    print fields > file
}
function row(text) { print text > file }

{ # the requirement list
    if ($3 == 1) leaves[++n_leaves] = $1
    if ($2 == "control" && index($1, "iso27001:2022/") == 1) annex[++n_annex] = $1
}

END {
    if (n_leaves == 0) { print "gen_store: no leaf requirements in the list" > "/dev/stderr"; exit 2 }
    base_day = 20000   # 2024-10-04; dates spread over the two years before 2026-11-29
    n_depts = count(40); n_people = count(4000); n_controls = count(4000)
    n_evidence = count(40000); n_assets = count(3000); n_risks = count(4000)
    n_suppliers = count(1000); n_docs = count(1000); n_acks = count(12000)
    n_courses = 20; n_training = count(16000); n_incidents = count(1500)
    n_audits = count(200); n_findings = count(1500); n_actions = count(1500)
    n_awareness = count(300); n_processing = count(300)
    words = "access|backup|change|vendor|payroll|identity|network|endpoint|logging|privacy|continuity|encryption|release|cloud|physical"
    verbs = "reviewed|tested|approved|monitored|reconciled|restricted|rotated|documented|enforced|audited"

    header("departments", "id,name,head_id,parent_id")
    for (i = 1; i <= n_depts; i++)
        row(id("D", i, 4) ",Department " i " (" pick(words) ")," person() "," (i > 8 ? id("D", rnd(8) + 1, 4) : ""))

    header("people", "id,name,email,department_id,role,started_on,left_on")
    for (i = 1; i <= n_people; i++) {
        name = pick("Amara|Bongani|Chloe|Daniel|Elif|Farah|Gareth|Hannah|Ivan|Jabu|Kofi|Lerato|Marta|Nomsa|Oliver|Priya") " " pick("Naidoo|Dlamini|Smith|Botha|Khumalo|Patel|van Wyk|Mokoena|Nel|Pillay|Jacobs|Steyn")
        started = base_day - 3000 + rnd(3500)
        row(id("P", i, 6) "," name ",p" i "@example.com," dept() "," pick("Engineer|Analyst|Manager|Auditor|Officer|Specialist") "," ymd(started) "," (rnd(10) == 0 ? ymd(started + 400 + rnd(600)) : ""))
    }

    header("controls", "id,title,description,owner_id,department_id,status,implemented_on,review_interval_months,last_reviewed_on")
    for (i = 1; i <= n_controls; i++) {
        r = rnd(20)
        status = r < 17 ? "implemented" : r < 19 ? "planned" : "retired"
        row(id("CTRL", i, 6) ",Control " i ": " pick(words) " " pick(verbs) ",The owner checks that " pick(words) " work is " pick(verbs) " every cycle and keeps the record in the ticket system.," person() "," dept() "," status "," (status == "planned" ? "" : day(base_day - 1500, 1200)) "," (3 * (rnd(4) + 1)) "," day(base_day, 700))
    }

    # Three distinct leaf requirements per control.
    header("control_requirements", "control_id,requirement_id,coverage")
    for (i = 1; i <= n_controls; i++) {
        first = rnd(n_leaves)
        stride = 1 + rnd(int((n_leaves - 1) / 3))
        for (k = 0; k < 3; k++)
            row(id("CTRL", i, 6) "," leaves[(first + k * stride) % n_leaves + 1] "," (rnd(3) ? "full" : "partial"))
    }

    header("soa_entries", "requirement_id,applicable,justification,implementation_status")
    for (i = 1; i <= n_annex; i++) {
        if (rnd(20) == 0) continue   # a few decisions missing, as the SoA reports them
        applicable = rnd(10) ? "true" : "false"
        row(annex[i] "," applicable "," (applicable == "true" ? "Applicable: treats the " pick(words) " risks." : "Excluded: no such activity in scope.") "," pick("not_started|planned|partial|implemented"))
    }

    # Evidence collected over two years and valid for a quarter, half a year or a year, so that
    # about half is current on 2026-11-29.
    header("evidence", "id,title,kind,url,collected_on,valid_until,owner_id")
    for (i = 1; i <= n_evidence; i++) {
        kind = pick("record|document|export|link|screenshot|attestation")
        collected = base_day + rnd(786)
        r = rnd(10)
        valid = r < 3 ? ymd(collected + 91) : r < 6 ? ymd(collected + 182) : r < 9 ? ymd(collected + 365) : ""
        title = pick("Access review|Backup restore test|Vulnerability scan|Firewall rule review|Change approval|Patch report|Key rotation log|MFA status|Leaver check|Log review") " " ymd(collected)
        if (rnd(4) == 0) title = "\"" title ", " pick(words) "\""
        row(id("EV", i, 7) "," title "," kind "," (kind == "link" ? "https://intranet.example.com/ev/" i : "") "," ymd(collected) "," valid "," person())
    }

    # One or two controls per evidence record: 1.5 on average, about 15 per control.
    header("evidence_controls", "evidence_id,control_id")
    for (i = 1; i <= n_evidence; i++) {
        c = rnd(n_controls) + 1
        row(id("EV", i, 7) "," id("CTRL", c, 6))
        if (i % 2 == 0 && n_controls > 1)
            row(id("EV", i, 7) "," id("CTRL", (c + rnd(n_controls - 1)) % n_controls + 1, 6))
    }

    header("assets", "id,name,type,owner_id,department_id,classification,holds_personal_data")
    for (i = 1; i <= n_assets; i++)
        row(id("A", i, 6) ",Asset " i " " pick(words) " system," pick("information|software|hardware|service|site|people|other") "," person() "," dept() "," pick("public|internal|confidential|restricted") "," (rnd(3) ? "false" : "true"))

    header("risks", "id,title,asset_ids,threat,vulnerability,likelihood,impact,treatment,control_ids,owner_id,residual_likelihood,residual_impact,accepted_by_id,accepted_on,assessed_on,review_by,status")
    for (i = 1; i <= n_risks; i++) {
        assessed = base_day + rnd(700)
        status = pick("open|in_treatment|accepted|closed")
        accepted = status == "accepted"
        row(id("R", i, 6) ",Risk " i ": " pick(words) " failure," list_of("asset", 1 + rnd(3)) "," pick("Ransomware|Insider misuse|Supplier outage|Phishing|Software defect") ",Weak " pick(words) " practice," (1 + rnd(5)) "," (1 + rnd(5)) "," pick("mitigate|accept|avoid|transfer") "," list_of("control", 1 + rnd(4)) "," person() "," (1 + rnd(5)) "," (1 + rnd(5)) "," (accepted ? person() : "") "," (accepted ? ymd(assessed) : "") "," ymd(assessed) "," ymd(assessed + 365) "," status)
    }

    header("suppliers", "id,name,service,criticality,processes_personal_data,dpa_signed_on,owner_id,country,last_reviewed_on,next_review_on")
    for (i = 1; i <= n_suppliers; i++) {
        reviewed = base_day + rnd(700)
        personal = rnd(2)
        row(id("S", i, 6) ",Supplier " i " (fictional)," pick(words) " services," pick("low|medium|high|critical") "," (personal ? "true" : "false") "," (personal ? ymd(reviewed - 300) : "") "," person() "," pick("ZA|IE|DE|US|GB|NL") "," ymd(reviewed) "," ymd(reviewed + 365))
    }

    header("documents", "id,title,type,version,owner_id,approved_by_id,approved_on,next_review_on,acknowledgement_required,audience_ids,requirement_ids")
    for (i = 1; i <= n_docs; i++) {
        approved = base_day + rnd(700)
        row(id("DOC", i, 6) ",Document " i " on " pick(words) "," pick("policy|procedure|plan|record") "," (1 + rnd(5)) "." rnd(10) "," person() "," person() "," ymd(approved) "," ymd(approved + 365) "," (rnd(2) ? "true" : "false") "," (rnd(3) ? "" : list_of("dept", 2)) "," list_of("leaf", 1 + rnd(3)))
    }

    # Distinct readers per document: document i % n_docs, reader j = i / n_docs.
    header("acknowledgements", "document_id,version,person_id,acknowledged_on")
    for (i = 0; i < n_acks; i++) {
        d = i % n_docs
        j = int(i / n_docs)
        row(id("DOC", d + 1, 6) ",1.0," id("P", (d * 7 + j * 331) % n_people + 1, 6) "," day(base_day, 700))
    }

    header("training_courses", "id,title,mandatory,refresh_interval_months,audience_ids")
    for (i = 1; i <= n_courses; i++)
        row(id("TC", i, 3) ",Course " i ": " pick(words) " basics," (rnd(2) ? "true" : "false") "," 12 * (1 + rnd(2)) ",")

    # Distinct courses per person: person i % n_people takes course (person + 7k) % 20.
    header("training_records", "course_id,person_id,completed_on,score,passed")
    for (i = 0; i < n_training; i++) {
        p = i % n_people
        k = int(i / n_people)
        score = 40 + rnd(61)
        row(id("TC", (p + 7 * k) % n_courses + 1, 3) "," id("P", p + 1, 6) "," day(base_day, 780) "," score "," (score >= 70 ? "true" : "false"))
    }

    header("incidents", "id,title,detected_at,severity,category,personal_data_breach,high_risk_to_subjects,authority_notified_at,subjects_notified_at,delay_reason,contained_at,closed_at,owner_id,lessons_learned")
    for (i = 1; i <= n_incidents; i++) {
        detected = base_day + rnd(780)
        breach = rnd(5) == 0
        row(id("INC", i, 6) ",Incident " i ": " pick(words) " " pick("outage|leak|misuse|phishing") "," stamp(detected) "," pick("low|medium|high|critical") "," pick("phishing|malware|lost device|outage") "," (breach ? "true" : "false") "," (breach ? "false" : "") "," (breach ? stamp(detected + 2) : "") ",,," stamp(detected + 1) "," stamp(detected + 10) "," person() ",Tighten the " pick(words) " runbook.")
    }

    header("internal_audits", "id,title,planned_on,performed_on,auditor_id,requirement_ids,department_ids,status,summary")
    for (i = 1; i <= n_audits; i++) {
        planned = base_day + rnd(780)
        row(id("IA", i, 5) ",Audit " i ": " pick(words) "," ymd(planned) "," ymd(planned + 2) "," person() "," list_of("leaf", 2 + rnd(6)) "," list_of("dept", 1 + rnd(2)) ",completed,One minor nonconformity on " pick(words) ".")
    }

    header("findings", "id,source,source_id,grade,requirement_ids,department_id,raised_on,description,closed_on")
    for (i = 1; i <= n_findings; i++) {
        raised = base_day + rnd(780)
        r = rnd(3)
        source = r == 0 ? "internal_audit" : r == 1 ? "incident" : "self_assessment"
        source_id = r == 0 ? id("IA", rnd(n_audits) + 1, 5) : r == 1 ? id("INC", rnd(n_incidents) + 1, 6) : "Quarterly self-check"
        row(id("F", i, 6) "," source "," source_id "," pick("major|minor|observation|ofi") "," list_of("leaf", 1 + rnd(2)) "," dept() "," ymd(raised) ",The " pick(words) " records were not " pick(verbs) " on time.," (rnd(2) ? ymd(raised + 60) : ""))
    }

    header("corrective_actions", "id,finding_id,management_review_id,title,owner_id,department_id,due_on,status,root_cause,action_taken,completed_on,effectiveness_checked_on,effective")
    for (i = 1; i <= n_actions; i++) {
        due = base_day + rnd(800)
        status = pick("open|in_progress|done|verified|cancelled")
        done = status == "done" || status == "verified"
        row(id("CA", i, 6) "," id("F", (i - 1) % n_findings + 1, 6) ",,Fix the " pick(words) " gap," person() "," dept() "," ymd(due) "," status ",No owner for " pick(words) "," (done ? "Owner named and trained" : "") "," (done ? ymd(due - 5) : "") "," (status == "verified" ? ymd(due + 60) : "") "," (status == "verified" ? "true" : ""))
    }

    header("awareness_activities", "id,kind,held_on,topic,audience_ids")
    for (i = 1; i <= n_awareness; i++)
        row(id("AW", i, 5) "," pick("poster|bulletin|briefing|training_session|phishing_simulation|other") "," day(base_day, 780) "," pick(words) " awareness," (rnd(2) ? "" : list_of("dept", 2)))

    header("processing_activities", "id,name,role,purposes,lawful_basis,data_subjects,data_categories,special_categories,recipients,transfers,retention,dpia_required,system_ids,owner_id,department_id")
    for (i = 1; i <= n_processing; i++)
        row(id("PA", i, 5) ",Processing " i ": " pick(words) "," pick("controller|processor") ",Run " pick(words) ";Report to clients," pick("consent|contract|legal_obligation|legitimate_interests") ",employees;clients,contact details;bank details,," pick(words) " vendors,US: SCCs,Five years after the contract ends," (rnd(4) ? "false" : "true") "," list_of("asset", 1 + rnd(3)) "," person() "," dept())
}' "$requirements"
