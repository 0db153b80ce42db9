// The entities of the shared data model (docs/data-model.md is their reference). The store's
// tables and v1 views are generated from them: after a change here, `make schema` writes the next
// store migration and the generated docs, and a test fails until it has been run.
#include "ims/core/error.hpp"
#include "ims/core/model.hpp"

namespace ims::model {
namespace {

using enum FieldType;
constexpr bool kReq = true;

Field text(std::string_view name, std::string_view doc, bool required = false) {
    return {.name = name, .type = kText, .required = required, .doc = doc};
}
Field integer(std::string_view name, std::string_view doc, std::optional<int64_t> min,
              std::optional<int64_t> max, bool required = false) {
    return {
        .name = name, .type = kInteger, .required = required, .min = min, .max = max, .doc = doc};
}
Field boolean(std::string_view name, std::string_view doc, bool required = false) {
    return {.name = name, .type = kBoolean, .required = required, .doc = doc};
}
Field date(std::string_view name, std::string_view doc, bool required = false) {
    return {.name = name, .type = kDate, .required = required, .doc = doc};
}
Field datetime(std::string_view name, std::string_view doc, bool required = false) {
    return {.name = name, .type = kDateTime, .required = required, .doc = doc};
}
Field choice(std::string_view name, std::vector<std::string_view> values, std::string_view doc,
             bool required = false) {
    return {
        .name = name, .type = kEnum, .required = required, .values = std::move(values), .doc = doc};
}
Field choices(std::string_view name, std::vector<std::string_view> values, std::string_view doc) {
    return {.name = name, .type = kEnumList, .values = std::move(values), .doc = doc};
}
Field ref(std::string_view name, std::string_view target, std::string_view doc,
          bool required = false) {
    return {.name = name, .type = kRef, .required = required, .target = target, .doc = doc};
}
Field refs(std::string_view name, std::string_view target, std::string_view doc) {
    return {.name = name, .type = kRefList, .target = target, .doc = doc};
}
Field texts(std::string_view name, std::string_view doc) {
    return {.name = name, .type = kTextList, .doc = doc};
}
Field id(std::string_view doc = "the organisation's own stable id, e.g. CTRL-012") {
    return text("id", doc, kReq);
}
Field key_ref(std::string_view name, std::string_view target, std::string_view doc) {
    Field f = ref(name, target, doc, kReq);
    f.column = "id";
    return f;
}
// A reference SQLite enforces (the foundation tables' foreign keys).
Field enforced(Field field, ForeignKey key) {
    field.foreign_key = key;
    return field;
}
Field score(std::string_view name, std::string_view doc, bool required = false) {
    return integer(name, doc, 1, 5, required);
}

Entity record(std::string_view name, std::string_view collection, std::string_view table,
              std::vector<Field> fields, std::string_view doc) {
    return {.name = name,
            .collection = collection,
            .table = table,
            .kind = EntityKind::kRecord,
            .key = {"id"},
            .fields = std::move(fields),
            .doc = doc};
}
Entity link(std::string_view name, std::string_view collection, std::string_view table,
            std::vector<std::string_view> key, std::vector<Field> fields, std::string_view doc) {
    return {.name = name,
            .collection = collection,
            .table = table,
            .kind = EntityKind::kRecord,
            .key = std::move(key),
            .fields = std::move(fields),
            .doc = doc};
}

// An entity whose v1 view shows more than one column per field (see ViewExtension).
Entity with_view(Entity entity, ViewExtension view) {
    entity.view = std::move(view);
    return entity;
}
// An entity with indexes besides its key, for reads that look its rows up by other columns.
Entity indexed(Entity entity, std::vector<std::vector<std::string_view>> indexes) {
    entity.indexes = std::move(indexes);
    return entity;
}

std::vector<Entity> build() {
    std::vector<Entity> all;
    all.push_back(
        {.name = "standard",
         .collection = "standards",
         .table = "standards",
         .kind = EntityKind::kCatalog,
         .key = {"id"},
         .fields = {id("the standard's id, e.g. iso27001:2022"),
                    text("short_title", "e.g. ISO/IEC 27001:2022", kReq),
                    text("title", "the full title", kReq), text("publisher", "e.g. ISO/IEC"),
                    text("published", "publication date"),
                    text("source", "where the text is published"),
                    text("plugin_id", "the plugin that supplied the catalog", kReq),
                    text("plugin_version", "that plugin's version", kReq),
                    text("content_sha256", "sha256 of the catalog as synced", kReq)},
         .doc = "An installed standard's identity, copied from its plugin on adoption.",
         .view = {.columns = {"(a.id IS NOT NULL) AS adopted"},
                  .join = "LEFT JOIN adopted_standards a ON a.id = t.id",
                  .hidden = {"source"}}});
    all.push_back(
        {.name = "requirement",
         .collection = "requirements",
         .table = "requirements",
         .kind = EntityKind::kCatalog,
         .key = {"id"},
         .fields = {id("e.g. iso27001:2022/A.8.13"),
                    enforced(ref("standard_id", "standard", "its standard", kReq),
                             {.table = "standards", .cascade = true}),
                    text("ref", "the reference within the standard, e.g. A.8.13", kReq),
                    text("parent_id", "the enclosing clause"),
                    text("kind", "clause, control, article, ...", kReq),
                    text("title", "short title", kReq), text("summary", "our one-line summary"),
                    integer("position", "document order", 0, std::nullopt, kReq)},
         .doc = "A clause, control or article of an adopted standard, copied from its plugin.",
         .view = {.columns = {"NOT EXISTS (SELECT 1 FROM requirements c WHERE c.parent_id = t.id) "
                              "AS is_leaf"}},
         .indexes = {{"standard_id", "position"}}});
    all.push_back(
        {.name = "organisation",
         .collection = "organisation",
         .table = "organisation",
         .kind = EntityKind::kSingleton,
         .key = {},
         .fields = {text("name", "the organisation's legal or trading name", kReq),
                    text("country", "ISO 3166-1 alpha-2 country code, e.g. ZA"),
                    text("sector", "e.g. software, healthcare"),
                    integer("employee_count", "headcount", 0, std::nullopt),
                    text("scope", "the scope statement of the management system"),
                    ref("dpo_id", "person", "the Data Protection Officer (GDPR Art. 37)"),
                    ref("information_officer_id", "person", "the Information Officer (POPIA s55)"),
                    date("information_officer_registered_on",
                         "when the Information Officer was registered with the Regulator"),
                    boolean("dpo_required",
                            "whether GDPR Art. 37(1) requires a Data Protection Officer")},
         .doc = "The organisation the store belongs to; one per store."});
    all.push_back(record(
        "department", "departments", "departments",
        {id(), text("name", "e.g. Human Resources", kReq), ref("head_id", "person", "who heads it"),
         ref("parent_id", "department", "the department it belongs to")},
        "A department or team that owns controls, processes and actions."));
    all.push_back(record("person", "people", "people",
                         {id(), text("name", "full name", kReq), text("email", "work email"),
                          ref("department_id", "department", "their department"),
                          text("role", "job title or IMS role"), date("started_on", "first day"),
                          date("left_on", "last day, when they have left")},
                         "Staff and contractors: owners, auditors, attendees, trainees."));
    all.push_back(
        {.name = "adopted_standard",
         .collection = "adopted_standards",
         .table = "adopted_standards",
         .kind = EntityKind::kRecord,
         .key = {"standard_id"},
         .fields = {enforced(key_ref("standard_id", "standard",
                                     "an installed standard, e.g. iso27001:2022"),
                             {.table = "standards"}),
                    date("adopted_on", "when the organisation adopted it", kReq),
                    text("scope", "the scope of the management system for this standard"),
                    date("certification_target",
                         "the date by which certification is aimed for (none for laws)")},
         .doc = "A standard the organisation works to; importing one copies its catalog from the "
                "installed plugin."});
    all.push_back(
        record("certificate", "certificates", "certificates",
               {id(), ref("standard_id", "standard", "the certified standard", kReq),
                text("certification_body", "the accredited body that issued it", kReq),
                text("number", "the certificate number"),
                date("decision_on", "the certification decision date"),
                date("issued_on", "issue date", kReq), date("expires_on", "expiry date", kReq),
                text("scope", "the certified scope"),
                choice("status", {"active", "suspended", "withdrawn", "expired"}, "its standing")},
               "A certificate held, with the dates that drive the three-year cycle."));
    all.push_back(record(
        "external_audit", "external_audits", "external_audits",
        {id(), ref("standard_id", "standard", "the standard audited", kReq),
         ref("certificate_id", "certificate", "the certificate it maintains (none before stage 2)"),
         choice("kind", {"stage1", "stage2", "surveillance", "recertification", "special"},
                "the audit's place in the cycle", kReq),
         date("planned_on", "planned start"), date("performed_on", "actual start"),
         text("certification_body", "who audits"), text("lead_auditor", "the lead auditor's name"),
         choice("result",
                {"recommended", "recommended_with_conditions", "not_recommended", "pending"},
                "the audit team's recommendation")},
        "A certification body's audit: stage 1, stage 2, surveillance, recertification or "
        "special."));
    all.push_back(record(
        "internal_audit", "internal_audits", "internal_audits",
        {id(), text("title", "e.g. Q3 audit: access control", kReq),
         date("planned_on", "when it is planned", kReq), date("performed_on", "when it was done"),
         ref("auditor_id", "person", "the auditor (independent of the audited area)"),
         refs("requirement_ids", "requirement", "clauses and controls in scope"),
         refs("department_ids", "department", "departments in scope"),
         choice("status", {"planned", "in_progress", "completed", "cancelled"}, "its progress",
                kReq),
         text("summary", "the conclusion reported to management")},
        "One audit of the internal audit programme (27001 9.2)."));
    all.push_back(record(
        "incident", "incidents", "incidents",
        {id(), text("title", "what happened", kReq),
         datetime("detected_at", "when the organisation became aware (with time zone)", kReq),
         choice("severity", {"low", "medium", "high", "critical"}, "impact grading", kReq),
         text("category", "e.g. phishing, malware, lost device, outage"),
         boolean("personal_data_breach", "personal data was affected (GDPR Art. 4(12))", kReq),
         boolean("high_risk_to_subjects", "likely high risk to data subjects (GDPR Art. 34)"),
         datetime("authority_notified_at", "when the supervisory authority was notified"),
         datetime("subjects_notified_at", "when data subjects were notified"),
         text("delay_reason", "why notification took longer than 72 hours (GDPR Art. 33(1))"),
         datetime("contained_at", "when it was contained"),
         datetime("closed_at", "when it was closed"), ref("owner_id", "person", "who handles it"),
         text("lessons_learned", "what changes as a result")},
        "A security or continuity incident, including personal data breaches."));
    all.push_back(record(
        "management_review", "management_reviews", "management_reviews",
        {id(), date("planned_on", "when it is scheduled"), date("held_on", "when it was held"),
         ref("chair_id", "person", "top management chairing it"),
         refs("attendee_ids", "person", "who attended"),
         refs("standard_ids", "standard", "the management systems reviewed"),
         choices(
             "inputs_covered",
             {"previous_actions", "issue_changes", "party_changes", "nonconformities", "monitoring",
              "audit_results", "objectives", "party_feedback", "risk", "improvement"},
             "the 27001 9.3.2 inputs covered (see docs/data-model.md)"),
         text("decisions", "decisions on improvement and changes (9.3.3)")},
        "A management review meeting, its inputs and decisions."));
    all.push_back(record(
        "finding", "findings", "findings",
        {id(),
         choice("source",
                {"internal_audit", "external_audit", "management_review", "incident",
                 "self_assessment"},
                "where it was raised", kReq),
         {.name = "source_id",
          .type = kRef,
          .target_from = "source",
          .doc = "the audit, review or incident it came from (free text for self_assessment)"},
         choice("grade", {"major", "minor", "observation", "ofi"},
                "major or minor nonconformity, observation, opportunity for improvement", kReq),
         refs("requirement_ids", "requirement", "the requirements it is raised against"),
         ref("department_id", "department", "the department concerned"),
         date("raised_on", "when it was raised", kReq),
         text("description", "what was found", kReq),
         date("closed_on", "when it was closed")},
        "A nonconformity, observation or opportunity for improvement."));
    all.push_back(
        record("corrective_action", "corrective_actions", "corrective_actions",
               {id(), ref("finding_id", "finding", "the finding it answers"),
                ref("management_review_id", "management_review", "the review that decided it"),
                text("title", "what is to be done", kReq),
                ref("owner_id", "person", "who is accountable", kReq),
                ref("department_id", "department", "the department doing it"),
                date("due_on", "due date", kReq),
                choice("status", {"open", "in_progress", "done", "verified", "cancelled"},
                       "its progress", kReq),
                text("root_cause", "why the nonconformity happened"),
                text("action_taken", "what was done"), date("completed_on", "when it was done"),
                date("effectiveness_checked_on", "when its effect was checked (27001 10.2 d)"),
                boolean("effective", "whether the check found it effective")},
               "An action: a correction of a finding (10.2) or an improvement a review decided."));
    all.push_back(with_view(
        record("control", "controls", "controls",
               {id(), text("title", "e.g. Backups tested quarterly", kReq),
                text("description", "how it works"), ref("owner_id", "person", "who owns it"),
                ref("department_id", "department", "the owning department"),
                choice("status", {"planned", "implemented", "retired"}, "its state", kReq),
                date("implemented_on", "when it went live"),
                integer("review_interval_months", "how often it is reviewed", 1, 120),
                date("last_reviewed_on", "when it was last reviewed")},
               "A control the organisation operates, once, for every standard it maps to."),
        {.columns = {"t.owner_id AS owner", "t.department_id AS department"}}));
    all.push_back(
        link("control_requirement", "control_requirements", "control_requirements",
             {"control_id", "requirement_id"},
             {enforced(ref("control_id", "control", "the control", kReq),
                       {.table = "controls", .cascade = true}),
              ref("requirement_id", "requirement", "a requirement of an adopted standard", kReq),
              choice("coverage", {"full", "partial"},
                     "how much of the requirement the control meets", kReq)},
             "Which requirements a control meets; its id is control_id|requirement_id."));
    all.push_back({.name = "soa_entry",
                   .collection = "soa_entries",
                   .table = "soa_entries",
                   .kind = EntityKind::kRecord,
                   .key = {"requirement_id"},
                   .fields = {key_ref("requirement_id", "requirement",
                                      "an Annex A control (or any requirement)"),
                              boolean("applicable", "whether it applies", kReq),
                              text("justification", "why it is included or excluded"),
                              choice("implementation_status",
                                     {"not_started", "planned", "partial", "implemented"},
                                     "how far it is implemented")},
                   .doc = "A Statement of Applicability decision."});
    all.push_back(with_view(
        record(
            "evidence", "evidence", "evidence",
            {id(),
             text("title", "what it shows", kReq),
             choice("kind", {"document", "record", "screenshot", "link", "export", "attestation"},
                    "what sort of evidence", kReq),
             {.name = "file",
              .type = kFile,
              .doc = "import only: a file path relative to the import file, copied into the vault"},
             enforced(text("sha256",
                           "the vault file's hash (set from file; checked against it when "
                           "both are given)"),
                      {.table = "vault", .column = "sha256"}),
             text("file_name", "the file's name as collected"),
             text("url", "where it lives, for links"),
             date("collected_on", "when it was collected"),
             date("valid_until", "when it stops being current"),
             ref("owner_id", "person", "who keeps it current")},
            "A dated, owned piece of evidence; files are kept in the store's vault."),
        {.columns = {"v.size AS file_size", "t.owner_id AS owner"},
         .join = "LEFT JOIN vault v ON v.sha256 = t.sha256"}));
    all.push_back(indexed(
        link("evidence_control", "evidence_controls", "evidence_controls",
             {"evidence_id", "control_id"},
             {enforced(ref("evidence_id", "evidence", "the evidence", kReq),
                       {.table = "evidence", .cascade = true}),
              enforced(ref("control_id", "control", "a control it supports", kReq),
                       {.table = "controls", .cascade = true})},
             "Which controls a piece of evidence supports; its id is evidence_id|control_id."),
        {{"control_id"}}));
    all.push_back(record(
        "asset", "assets", "assets",
        {id(), text("name", "e.g. Customer database", kReq),
         choice("type",
                {"information", "software", "hardware", "service", "site", "people", "other"},
                "what sort of asset", kReq),
         ref("owner_id", "person", "the asset owner"),
         ref("department_id", "department", "the owning department"),
         choice("classification", {"public", "internal", "confidential", "restricted"},
                "information classification"),
         boolean("holds_personal_data", "whether it stores or processes personal data")},
        "An information asset, system, site or service in scope."));
    all.push_back(record(
        "risk", "risks", "risks",
        {id(), text("title", "the risk in one line", kReq),
         refs("asset_ids", "asset", "assets at risk"), text("threat", "the threat"),
         text("vulnerability", "the weakness exploited"),
         score("likelihood", "inherent likelihood 1-5", kReq),
         score("impact", "inherent impact 1-5", kReq),
         choice("treatment", {"mitigate", "accept", "avoid", "transfer"}, "the treatment option"),
         refs("control_ids", "control", "controls that treat it"),
         ref("owner_id", "person", "the risk owner"),
         score("residual_likelihood", "likelihood after treatment 1-5"),
         score("residual_impact", "impact after treatment 1-5"),
         ref("accepted_by_id", "person", "the risk owner who accepted the residual risk"),
         date("accepted_on", "when the residual risk was accepted"),
         date("assessed_on", "when it was last assessed"),
         date("review_by", "when it must be reassessed"),
         date("treatment_due_on", "when the risk treatment plan must be complete (6.1.3, 8.3)"),
         choice("status", {"open", "in_treatment", "accepted", "closed"}, "where it stands", kReq)},
        "A risk in the risk register with its treatment (27001 6.1.2, 6.1.3, 8.2, 8.3)."));
    all.push_back(
        record("supplier", "suppliers", "suppliers",
               {id(), text("name", "the supplier", kReq), text("service", "what they provide"),
                choice("criticality", {"low", "medium", "high", "critical"},
                       "how much depends on them", kReq),
                boolean("processes_personal_data",
                        "whether they process personal data for us (GDPR Art. 28)", kReq),
                date("dpa_signed_on", "when the data processing agreement was signed"),
                ref("owner_id", "person", "who manages the relationship"),
                text("country", "where they process, ISO 3166-1 alpha-2"),
                date("last_reviewed_on", "last supplier review"),
                date("next_review_on", "next supplier review")},
               "A supplier or processor and its review cycle."));
    all.push_back(record(
        "document", "documents", "documents",
        {id(), text("title", "e.g. Information security policy", kReq),
         choice("type", {"policy", "procedure", "plan", "record"}, "what sort of document", kReq),
         text("version", "the current version, e.g. 3.1", kReq),
         ref("owner_id", "person", "who maintains it"),
         ref("approved_by_id", "person", "who approved this version"),
         date("approved_on", "when it was approved"),
         date("next_review_on", "when it must be reviewed"),
         boolean("acknowledgement_required", "whether its audience must confirm reading it"),
         refs("audience_ids", "department", "departments that must read it; none means everyone"),
         refs("requirement_ids", "requirement",
              "the requirements it addresses, e.g. iso27001:2022/5.2")},
        "A controlled document: policy, procedure, plan or record."));
    all.push_back(link(
        "acknowledgement", "acknowledgements", "acknowledgements",
        {"document_id", "version", "person_id"},
        {ref("document_id", "document", "the document", kReq),
         text("version", "the version read", kReq), ref("person_id", "person", "who read it", kReq),
         date("acknowledged_on", "when", kReq)},
        "A person's confirmation that they read a document version; its id is "
        "document_id|version|person_id."));
    all.push_back(record(
        "training_course", "training_courses", "training_courses",
        {id(), text("title", "e.g. Security awareness basics", kReq),
         boolean("mandatory", "whether its audience must take it", kReq),
         integer("refresh_interval_months", "how often it must be retaken", 1, 120),
         refs("audience_ids", "department", "departments that must take it; none means everyone")},
        "A training course."));
    all.push_back(link(
        "training_record", "training_records", "training_records",
        {"course_id", "person_id", "completed_on"},
        {ref("course_id", "training_course", "the course", kReq),
         ref("person_id", "person", "who took it", kReq), date("completed_on", "when", kReq),
         integer("score", "score in percent", 0, 100), boolean("passed", "whether they passed")},
        "A completed course; its id is course_id|person_id|completed_on."));
    all.push_back(record(
        "awareness_activity", "awareness_activities", "awareness_activities",
        {id(),
         choice(
             "kind",
             {"poster", "bulletin", "briefing", "training_session", "phishing_simulation", "other"},
             "what sort of activity", kReq),
         date("held_on", "when", kReq), text("topic", "e.g. invoice fraud", kReq),
         refs("audience_ids", "department", "departments reached; none means everyone")},
        "An awareness and communication activity (27001 7.3, 7.4)."));
    all.push_back(
        record("phishing_campaign", "phishing_campaigns", "phishing_campaigns",
               {id(), date("sent_on", "when it was sent", kReq), text("theme", "the lure used"),
                integer("recipients", "how many received it", 0, std::nullopt, kReq),
                integer("clicked", "how many clicked", 0, std::nullopt, kReq),
                integer("reported", "how many reported it", 0, std::nullopt, kReq),
                integer("credentials_submitted", "how many entered credentials", 0, std::nullopt)},
               "A simulated phishing campaign and its organisation-wide results."));
    all.push_back(link(
        "phishing_result", "phishing_results", "phishing_results", {"campaign_id", "department_id"},
        {ref("campaign_id", "phishing_campaign", "the campaign", kReq),
         ref("department_id", "department", "the department", kReq),
         integer("recipients", "recipients in the department", 0, std::nullopt, kReq),
         integer("clicked", "clicked", 0, std::nullopt, kReq),
         integer("reported", "reported", 0, std::nullopt, kReq),
         integer("credentials_submitted", "entered credentials", 0, std::nullopt)},
        "A campaign's results for one department; its id is campaign_id|department_id."));
    all.push_back(record(
        "processing_activity", "processing_activities", "processing_activities",
        {id(), text("name", "e.g. Payroll", kReq),
         choice("role", {"controller", "processor"}, "our role", kReq),
         texts("purposes", "why the data is processed"),
         choice("lawful_basis",
                {"consent", "contract", "legal_obligation", "vital_interests", "public_task",
                 "legitimate_interests"},
                "GDPR Art. 6(1) basis (for controllers)"),
         texts("data_subjects", "categories of data subjects"),
         texts("data_categories", "categories of personal data"),
         texts("special_categories", "special categories (GDPR Art. 9), if any"),
         texts("recipients", "categories of recipients"),
         texts("transfers",
               "transfers outside the EEA / South Africa with their safeguard, e.g. 'US: SCCs'"),
         text("retention", "how long the data is kept"),
         boolean("dpia_required", "whether a DPIA is required (Art. 35)"),
         boolean("direct_marketing",
                 "whether it sends direct marketing by electronic communication (POPIA s69)"),
         refs("system_ids", "asset", "systems used"),
         ref("owner_id", "person", "the business owner"),
         ref("department_id", "department", "the department responsible")},
        "An entry in the records of processing activities (GDPR Art. 30, POPIA s17)."));
    all.push_back(record(
        "dpia", "dpias", "dpias",
        {id(),
         ref("processing_activity_id", "processing_activity", "the processing assessed", kReq),
         date("performed_on", "when it was completed"),
         choice("outcome",
                {"proceed", "proceed_with_measures", "consult_authority", "do_not_proceed"},
                "the conclusion"),
         choice("residual_risk", {"low", "medium", "high"}, "risk after measures"),
         boolean("dpo_consulted", "whether the DPO's advice was sought (Art. 35(2))"),
         date("next_review_on", "when it must be revisited")},
        "A data protection impact assessment (GDPR Art. 35)."));
    all.push_back(
        record("data_subject_request", "data_subject_requests", "data_subject_requests",
               {id(),
                choice("type",
                       {"access", "rectification", "erasure", "restriction", "portability",
                        "objection", "automated_decision"},
                       "the right exercised", kReq),
                date("received_on", "when it was received", kReq),
                boolean("extended", "whether the deadline was extended by two months (Art. 12(3))"),
                text("extension_reason", "why it was extended"),
                date("responded_on", "when the response was sent"),
                choice("outcome", {"fulfilled", "partially_fulfilled", "refused", "withdrawn"},
                       "how it ended"),
                ref("handler_id", "person", "who handles it")},
               "A data-subject request and its one-month clock (GDPR Art. 12(3), POPIA s23)."));
    all.push_back(record(
        "bia", "bias", "bias",
        {id(), text("activity", "the prioritised activity, e.g. Customer support", kReq),
         ref("owner_id", "person", "the activity owner"),
         ref("department_id", "department", "the department"),
         integer("mtpd_hours", "maximum tolerable period of disruption, hours", 0, std::nullopt),
         integer("rto_hours", "recovery time objective, hours", 0, std::nullopt),
         integer("rpo_hours", "recovery point objective, hours", 0, std::nullopt),
         refs("asset_ids", "asset", "systems and sites it depends on"),
         refs("supplier_ids", "supplier", "suppliers it depends on"),
         date("reviewed_on", "last review")},
        "A business impact analysis of one activity (ISO 22301 8.2.2)."));
    all.push_back(
        record("continuity_plan", "continuity_plans", "continuity_plans",
               {id(), text("title", "e.g. Office loss plan", kReq),
                refs("bia_ids", "bia", "the activities it recovers"),
                ref("owner_id", "person", "who maintains it"), text("version", "current version"),
                date("approved_on", "when it was approved"),
                date("next_review_on", "when it must be reviewed")},
               "A business continuity plan (ISO 22301 8.4)."));
    all.push_back(
        record("exercise", "exercises", "exercises",
               {id(), ref("plan_id", "continuity_plan", "the plan exercised", kReq),
                choice("kind", {"tabletop", "walkthrough", "simulation", "full_interruption"},
                       "how it was exercised", kReq),
                date("planned_on", "when it is planned"), date("performed_on", "when it was done"),
                choice("result", {"passed", "passed_with_issues", "failed"}, "the outcome"),
                text("lessons", "what was learned")},
               "An exercise or test of a continuity plan (ISO 22301 8.5)."));
    all.push_back(
        record("objective", "objectives", "objectives",
               {id(), text("title", "e.g. Phishing click rate below 5%", kReq),
                refs("standard_ids", "standard", "management systems it serves"),
                text("target", "the target value", kReq), text("measure", "how it is measured"),
                ref("owner_id", "person", "who is accountable"), date("due_on", "by when"),
                choice("status", {"on_track", "at_risk", "achieved", "missed", "cancelled"},
                       "where it stands", kReq),
                text("last_value", "the last measured value"),
                date("last_measured_on", "when it was measured")},
               "A management system objective (27001 6.2)."));
    all.push_back(record("interested_party", "interested_parties", "interested_parties",
                         {id(), text("name", "e.g. Information Regulator", kReq),
                          choice("type",
                                 {"customer", "regulator", "employee", "supplier", "shareholder",
                                  "partner", "public", "other"},
                                 "what sort of party", kReq),
                          text("needs", "their relevant needs and expectations (4.2)"),
                          date("reviewed_on", "last review")},
                         "An interested party and its requirements (27001 4.2)."));
    all.push_back(
        record("context_issue", "context_issues", "context_issues",
               {id(), text("title", "the issue", kReq),
                choice("type", {"internal", "external"}, "internal or external (4.1)", kReq),
                text("description", "how it affects the management system"),
                date("reviewed_on", "last review")},
               "An internal or external issue relevant to the management system (27001 4.1)."));
    all.push_back({.name = "policy_parameter",
                   .collection = "policy_parameters",
                   .table = "policy_parameters",
                   .kind = EntityKind::kRecord,
                   .key = {"key"},
                   .fields = {{.name = "key",
                               .type = kText,
                               .required = true,
                               .column = "id",
                               .doc = "the parameter, e.g. management_review_interval_months"},
                              text("value", "its value, e.g. 6", kReq),
                              text("note", "why the organisation chose it")},
                   .doc = "An organisation policy that overrides a check's default parameter."});
    all.push_back(
        record("waiver", "waivers", "waivers",
               {id(), text("check_id", "the check waived, e.g. core/evidence-current", kReq),
                text("subject_id", "the subject it covers; none covers every subject"),
                text("justification", "why the failure is accepted", kReq),
                ref("approved_by_id", "person", "who approved it", kReq),
                date("approved_on", "when"), date("expires_on", "when it lapses", kReq),
                ref("risk_id", "risk", "the risk accepted in its place")},
               "An approved, expiring exception for a failing check result."));
    return all;
}

}  // namespace

bool Field::is_list() const {
    return type == kTextList || type == kEnumList || type == kRefList;
}

const Field* Entity::field(std::string_view wanted) const {
    for (const auto& f : fields)
        if (f.name == wanted) return &f;
    return nullptr;
}

const std::vector<Entity>& entities() {
    static const std::vector<Entity> kEntities = build();
    return kEntities;
}

const Entity& entity(std::string_view name) {
    for (const auto& e : entities())
        if (e.name == name) return e;
    throw Error(ErrorCode::kInternal, "unknown entity '" + std::string(name) + "'");
}

const Entity* entity_by_collection(std::string_view collection) {
    for (const auto& e : entities())
        if (e.collection == collection) return &e;
    return nullptr;
}

}  // namespace ims::model
