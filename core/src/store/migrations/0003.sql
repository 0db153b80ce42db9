-- Format 3: the whole shared data model (ims/core/model.hpp, docs/data-model.md). New tables and
-- their v1 views; references are kept as ids and resolved by import, lists as JSON arrays with a
-- v1 link view each. The v1 columns `owner` and `department` of format 1 stay as aliases of the
-- new `owner_id` and `department_id`.
-- Written by hand. Frozen: released stores were made by this text; never edit it.

DROP VIEW v1_organisation;
DROP VIEW v1_controls;
DROP VIEW v1_evidence;
ALTER TABLE organisation ADD COLUMN dpo_id TEXT;
ALTER TABLE organisation ADD COLUMN information_officer_id TEXT;
ALTER TABLE organisation ADD COLUMN information_officer_registered_on TEXT;
ALTER TABLE controls RENAME COLUMN owner TO owner_id;
ALTER TABLE controls RENAME COLUMN department TO department_id;
ALTER TABLE evidence RENAME COLUMN owner TO owner_id;
CREATE INDEX evidence_controls_by_control ON evidence_controls(control_id);
CREATE VIEW v1_organisation AS
    SELECT id, name, country, sector, employee_count, scope, dpo_id, information_officer_id,
           information_officer_registered_on FROM organisation;
CREATE VIEW v1_controls AS
    SELECT id, title, description, owner_id, department_id, status, implemented_on,
           review_interval_months, last_reviewed_on,
           owner_id AS owner, department_id AS department FROM controls;
CREATE VIEW v1_evidence AS
    SELECT e.id, e.title, e.kind, e.sha256, e.file_name, e.url, e.collected_on, e.valid_until,
           e.owner_id, v.size AS file_size, e.owner_id AS owner
    FROM evidence e LEFT JOIN vault v ON v.sha256 = e.sha256;

CREATE TABLE departments (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    head_id TEXT,
    parent_id TEXT
) STRICT;

CREATE TABLE people (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT,
    department_id TEXT,
    role TEXT,
    started_on TEXT,
    left_on TEXT
) STRICT;

CREATE TABLE certificates (
    id TEXT PRIMARY KEY,
    standard_id TEXT NOT NULL,
    certification_body TEXT NOT NULL,
    number TEXT,
    decision_on TEXT,
    issued_on TEXT NOT NULL,
    expires_on TEXT NOT NULL,
    scope TEXT,
    status TEXT CHECK (status IN ('active', 'suspended', 'withdrawn', 'expired'))
) STRICT;

CREATE TABLE external_audits (
    id TEXT PRIMARY KEY,
    standard_id TEXT NOT NULL,
    certificate_id TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('stage1', 'stage2', 'surveillance', 'recertification', 'special')),
    planned_on TEXT,
    performed_on TEXT,
    certification_body TEXT,
    lead_auditor TEXT,
    result TEXT CHECK (result IN ('recommended', 'recommended_with_conditions', 'not_recommended', 'pending'))
) STRICT;

CREATE TABLE internal_audits (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    planned_on TEXT NOT NULL,
    performed_on TEXT,
    auditor_id TEXT,
    requirement_ids TEXT CHECK (json_type(requirement_ids) = 'array'),
    department_ids TEXT CHECK (json_type(department_ids) = 'array'),
    status TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'completed', 'cancelled')),
    summary TEXT
) STRICT;

CREATE TABLE incidents (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    detected_at TEXT NOT NULL,
    severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
    category TEXT,
    personal_data_breach INTEGER NOT NULL CHECK (personal_data_breach IN (0, 1)),
    high_risk_to_subjects INTEGER CHECK (high_risk_to_subjects IN (0, 1)),
    authority_notified_at TEXT,
    subjects_notified_at TEXT,
    delay_reason TEXT,
    contained_at TEXT,
    closed_at TEXT,
    owner_id TEXT,
    lessons_learned TEXT
) STRICT;

CREATE TABLE management_reviews (
    id TEXT PRIMARY KEY,
    planned_on TEXT,
    held_on TEXT,
    chair_id TEXT,
    attendee_ids TEXT CHECK (json_type(attendee_ids) = 'array'),
    standard_ids TEXT CHECK (json_type(standard_ids) = 'array'),
    inputs_covered TEXT CHECK (json_type(inputs_covered) = 'array'),
    decisions TEXT
) STRICT;

CREATE TABLE findings (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL CHECK (source IN ('internal_audit', 'external_audit', 'management_review', 'incident', 'self_assessment')),
    source_id TEXT,
    grade TEXT NOT NULL CHECK (grade IN ('major', 'minor', 'observation', 'ofi')),
    requirement_ids TEXT CHECK (json_type(requirement_ids) = 'array'),
    department_id TEXT,
    raised_on TEXT NOT NULL,
    description TEXT NOT NULL,
    closed_on TEXT
) STRICT;

CREATE TABLE corrective_actions (
    id TEXT PRIMARY KEY,
    finding_id TEXT,
    management_review_id TEXT,
    title TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    department_id TEXT,
    due_on TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'verified', 'cancelled')),
    root_cause TEXT,
    action_taken TEXT,
    completed_on TEXT,
    effectiveness_checked_on TEXT,
    effective INTEGER CHECK (effective IN (0, 1))
) STRICT;

CREATE TABLE assets (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('information', 'software', 'hardware', 'service', 'site', 'people', 'other')),
    owner_id TEXT,
    department_id TEXT,
    classification TEXT CHECK (classification IN ('public', 'internal', 'confidential', 'restricted')),
    holds_personal_data INTEGER CHECK (holds_personal_data IN (0, 1))
) STRICT;

CREATE TABLE risks (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    asset_ids TEXT CHECK (json_type(asset_ids) = 'array'),
    threat TEXT,
    vulnerability TEXT,
    likelihood INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
    impact INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
    treatment TEXT CHECK (treatment IN ('mitigate', 'accept', 'avoid', 'transfer')),
    control_ids TEXT CHECK (json_type(control_ids) = 'array'),
    owner_id TEXT,
    residual_likelihood INTEGER CHECK (residual_likelihood BETWEEN 1 AND 5),
    residual_impact INTEGER CHECK (residual_impact BETWEEN 1 AND 5),
    accepted_by_id TEXT,
    accepted_on TEXT,
    assessed_on TEXT,
    review_by TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'in_treatment', 'accepted', 'closed'))
) STRICT;

CREATE TABLE suppliers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    service TEXT,
    criticality TEXT NOT NULL CHECK (criticality IN ('low', 'medium', 'high', 'critical')),
    processes_personal_data INTEGER NOT NULL CHECK (processes_personal_data IN (0, 1)),
    dpa_signed_on TEXT,
    owner_id TEXT,
    country TEXT,
    last_reviewed_on TEXT,
    next_review_on TEXT
) STRICT;

CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('policy', 'procedure', 'plan', 'record')),
    version TEXT NOT NULL,
    owner_id TEXT,
    approved_by_id TEXT,
    approved_on TEXT,
    next_review_on TEXT,
    acknowledgement_required INTEGER CHECK (acknowledgement_required IN (0, 1)),
    audience_ids TEXT CHECK (json_type(audience_ids) = 'array'),
    requirement_ids TEXT CHECK (json_type(requirement_ids) = 'array')
) STRICT;

CREATE TABLE acknowledgements (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL,
    version TEXT NOT NULL,
    person_id TEXT NOT NULL,
    acknowledged_on TEXT NOT NULL
) STRICT;

CREATE TABLE training_courses (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    mandatory INTEGER NOT NULL CHECK (mandatory IN (0, 1)),
    refresh_interval_months INTEGER CHECK (refresh_interval_months BETWEEN 1 AND 120),
    audience_ids TEXT CHECK (json_type(audience_ids) = 'array')
) STRICT;

CREATE TABLE training_records (
    id TEXT PRIMARY KEY,
    course_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    completed_on TEXT NOT NULL,
    score INTEGER CHECK (score BETWEEN 0 AND 100),
    passed INTEGER CHECK (passed IN (0, 1))
) STRICT;

CREATE TABLE awareness_activities (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('poster', 'bulletin', 'briefing', 'training_session', 'phishing_simulation', 'other')),
    held_on TEXT NOT NULL,
    topic TEXT NOT NULL,
    audience_ids TEXT CHECK (json_type(audience_ids) = 'array')
) STRICT;

CREATE TABLE phishing_campaigns (
    id TEXT PRIMARY KEY,
    sent_on TEXT NOT NULL,
    theme TEXT,
    recipients INTEGER NOT NULL CHECK (recipients >= 0),
    clicked INTEGER NOT NULL CHECK (clicked >= 0),
    reported INTEGER NOT NULL CHECK (reported >= 0),
    credentials_submitted INTEGER CHECK (credentials_submitted >= 0)
) STRICT;

CREATE TABLE phishing_results (
    id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL,
    department_id TEXT NOT NULL,
    recipients INTEGER NOT NULL CHECK (recipients >= 0),
    clicked INTEGER NOT NULL CHECK (clicked >= 0),
    reported INTEGER NOT NULL CHECK (reported >= 0),
    credentials_submitted INTEGER CHECK (credentials_submitted >= 0)
) STRICT;

CREATE TABLE processing_activities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('controller', 'processor')),
    purposes TEXT CHECK (json_type(purposes) = 'array'),
    lawful_basis TEXT CHECK (lawful_basis IN ('consent', 'contract', 'legal_obligation', 'vital_interests', 'public_task', 'legitimate_interests')),
    data_subjects TEXT CHECK (json_type(data_subjects) = 'array'),
    data_categories TEXT CHECK (json_type(data_categories) = 'array'),
    special_categories TEXT CHECK (json_type(special_categories) = 'array'),
    recipients TEXT CHECK (json_type(recipients) = 'array'),
    transfers TEXT CHECK (json_type(transfers) = 'array'),
    retention TEXT,
    dpia_required INTEGER CHECK (dpia_required IN (0, 1)),
    system_ids TEXT CHECK (json_type(system_ids) = 'array'),
    owner_id TEXT,
    department_id TEXT
) STRICT;

CREATE TABLE dpias (
    id TEXT PRIMARY KEY,
    processing_activity_id TEXT NOT NULL,
    performed_on TEXT,
    outcome TEXT CHECK (outcome IN ('proceed', 'proceed_with_measures', 'consult_authority', 'do_not_proceed')),
    residual_risk TEXT CHECK (residual_risk IN ('low', 'medium', 'high')),
    dpo_consulted INTEGER CHECK (dpo_consulted IN (0, 1)),
    next_review_on TEXT
) STRICT;

CREATE TABLE data_subject_requests (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL CHECK (type IN ('access', 'rectification', 'erasure', 'restriction', 'portability', 'objection', 'automated_decision')),
    received_on TEXT NOT NULL,
    extended INTEGER CHECK (extended IN (0, 1)),
    extension_reason TEXT,
    responded_on TEXT,
    outcome TEXT CHECK (outcome IN ('fulfilled', 'partially_fulfilled', 'refused', 'withdrawn')),
    handler_id TEXT
) STRICT;

CREATE TABLE bias (
    id TEXT PRIMARY KEY,
    activity TEXT NOT NULL,
    owner_id TEXT,
    department_id TEXT,
    mtpd_hours INTEGER CHECK (mtpd_hours >= 0),
    rto_hours INTEGER CHECK (rto_hours >= 0),
    rpo_hours INTEGER CHECK (rpo_hours >= 0),
    asset_ids TEXT CHECK (json_type(asset_ids) = 'array'),
    supplier_ids TEXT CHECK (json_type(supplier_ids) = 'array'),
    reviewed_on TEXT
) STRICT;

CREATE TABLE continuity_plans (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    bia_ids TEXT CHECK (json_type(bia_ids) = 'array'),
    owner_id TEXT,
    version TEXT,
    approved_on TEXT,
    next_review_on TEXT
) STRICT;

CREATE TABLE exercises (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('tabletop', 'walkthrough', 'simulation', 'full_interruption')),
    planned_on TEXT,
    performed_on TEXT,
    result TEXT CHECK (result IN ('passed', 'passed_with_issues', 'failed')),
    lessons TEXT
) STRICT;

CREATE TABLE objectives (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    standard_ids TEXT CHECK (json_type(standard_ids) = 'array'),
    target TEXT NOT NULL,
    measure TEXT,
    owner_id TEXT,
    due_on TEXT,
    status TEXT NOT NULL CHECK (status IN ('on_track', 'at_risk', 'achieved', 'missed', 'cancelled')),
    last_value TEXT,
    last_measured_on TEXT
) STRICT;

CREATE TABLE interested_parties (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('customer', 'regulator', 'employee', 'supplier', 'shareholder', 'partner', 'public', 'other')),
    needs TEXT,
    reviewed_on TEXT
) STRICT;

CREATE TABLE context_issues (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('internal', 'external')),
    description TEXT,
    reviewed_on TEXT
) STRICT;

CREATE TABLE policy_parameters (
    id TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    note TEXT
) STRICT;

CREATE TABLE waivers (
    id TEXT PRIMARY KEY,
    check_id TEXT NOT NULL,
    subject_id TEXT,
    justification TEXT NOT NULL,
    approved_by_id TEXT NOT NULL,
    approved_on TEXT,
    expires_on TEXT NOT NULL,
    risk_id TEXT
) STRICT;

CREATE VIEW v1_departments AS
    SELECT id, name, head_id, parent_id FROM departments;
CREATE VIEW v1_people AS
    SELECT id, name, email, department_id, role, started_on, left_on FROM people;
CREATE VIEW v1_certificates AS
    SELECT id, standard_id, certification_body, number, decision_on, issued_on, expires_on, scope, status FROM certificates;
CREATE VIEW v1_external_audits AS
    SELECT id, standard_id, certificate_id, kind, planned_on, performed_on, certification_body, lead_auditor, result FROM external_audits;
CREATE VIEW v1_internal_audits AS
    SELECT id, title, planned_on, performed_on, auditor_id, requirement_ids, department_ids, status, summary FROM internal_audits;
CREATE VIEW v1_incidents AS
    SELECT id, title, detected_at, severity, category, personal_data_breach, high_risk_to_subjects, authority_notified_at, subjects_notified_at, delay_reason, contained_at, closed_at, owner_id, lessons_learned FROM incidents;
CREATE VIEW v1_management_reviews AS
    SELECT id, planned_on, held_on, chair_id, attendee_ids, standard_ids, inputs_covered, decisions FROM management_reviews;
CREATE VIEW v1_findings AS
    SELECT id, source, source_id, grade, requirement_ids, department_id, raised_on, description, closed_on FROM findings;
CREATE VIEW v1_corrective_actions AS
    SELECT id, finding_id, management_review_id, title, owner_id, department_id, due_on, status, root_cause, action_taken, completed_on, effectiveness_checked_on, effective FROM corrective_actions;
CREATE VIEW v1_assets AS
    SELECT id, name, type, owner_id, department_id, classification, holds_personal_data FROM assets;
CREATE VIEW v1_risks AS
    SELECT id, title, asset_ids, threat, vulnerability, likelihood, impact, treatment, control_ids, owner_id, residual_likelihood, residual_impact, accepted_by_id, accepted_on, assessed_on, review_by, status FROM risks;
CREATE VIEW v1_suppliers AS
    SELECT id, name, service, criticality, processes_personal_data, dpa_signed_on, owner_id, country, last_reviewed_on, next_review_on FROM suppliers;
CREATE VIEW v1_documents AS
    SELECT id, title, type, version, owner_id, approved_by_id, approved_on, next_review_on, acknowledgement_required, audience_ids, requirement_ids FROM documents;
CREATE VIEW v1_acknowledgements AS
    SELECT document_id, version, person_id, acknowledged_on FROM acknowledgements;
CREATE VIEW v1_training_courses AS
    SELECT id, title, mandatory, refresh_interval_months, audience_ids FROM training_courses;
CREATE VIEW v1_training_records AS
    SELECT course_id, person_id, completed_on, score, passed FROM training_records;
CREATE VIEW v1_awareness_activities AS
    SELECT id, kind, held_on, topic, audience_ids FROM awareness_activities;
CREATE VIEW v1_phishing_campaigns AS
    SELECT id, sent_on, theme, recipients, clicked, reported, credentials_submitted FROM phishing_campaigns;
CREATE VIEW v1_phishing_results AS
    SELECT campaign_id, department_id, recipients, clicked, reported, credentials_submitted FROM phishing_results;
CREATE VIEW v1_processing_activities AS
    SELECT id, name, role, purposes, lawful_basis, data_subjects, data_categories, special_categories, recipients, transfers, retention, dpia_required, system_ids, owner_id, department_id FROM processing_activities;
CREATE VIEW v1_dpias AS
    SELECT id, processing_activity_id, performed_on, outcome, residual_risk, dpo_consulted, next_review_on FROM dpias;
CREATE VIEW v1_data_subject_requests AS
    SELECT id, type, received_on, extended, extension_reason, responded_on, outcome, handler_id FROM data_subject_requests;
CREATE VIEW v1_bias AS
    SELECT id, activity, owner_id, department_id, mtpd_hours, rto_hours, rpo_hours, asset_ids, supplier_ids, reviewed_on FROM bias;
CREATE VIEW v1_continuity_plans AS
    SELECT id, title, bia_ids, owner_id, version, approved_on, next_review_on FROM continuity_plans;
CREATE VIEW v1_exercises AS
    SELECT id, plan_id, kind, planned_on, performed_on, result, lessons FROM exercises;
CREATE VIEW v1_objectives AS
    SELECT id, title, standard_ids, target, measure, owner_id, due_on, status, last_value, last_measured_on FROM objectives;
CREATE VIEW v1_interested_parties AS
    SELECT id, name, type, needs, reviewed_on FROM interested_parties;
CREATE VIEW v1_context_issues AS
    SELECT id, title, type, description, reviewed_on FROM context_issues;
CREATE VIEW v1_policy_parameters AS
    SELECT id AS key, value, note FROM policy_parameters;
CREATE VIEW v1_waivers AS
    SELECT id, check_id, subject_id, justification, approved_by_id, approved_on, expires_on, risk_id FROM waivers;
CREATE VIEW v1_internal_audit_requirements AS
    SELECT o.id AS internal_audit_id, j.value AS requirement_id FROM internal_audits o, json_each(o.requirement_ids) j;
CREATE VIEW v1_internal_audit_departments AS
    SELECT o.id AS internal_audit_id, j.value AS department_id FROM internal_audits o, json_each(o.department_ids) j;
CREATE VIEW v1_management_review_attendees AS
    SELECT o.id AS management_review_id, j.value AS person_id FROM management_reviews o, json_each(o.attendee_ids) j;
CREATE VIEW v1_management_review_standards AS
    SELECT o.id AS management_review_id, j.value AS standard_id FROM management_reviews o, json_each(o.standard_ids) j;
CREATE VIEW v1_finding_requirements AS
    SELECT o.id AS finding_id, j.value AS requirement_id FROM findings o, json_each(o.requirement_ids) j;
CREATE VIEW v1_risk_assets AS
    SELECT o.id AS risk_id, j.value AS asset_id FROM risks o, json_each(o.asset_ids) j;
CREATE VIEW v1_risk_controls AS
    SELECT o.id AS risk_id, j.value AS control_id FROM risks o, json_each(o.control_ids) j;
CREATE VIEW v1_document_audiences AS
    SELECT o.id AS document_id, j.value AS department_id FROM documents o, json_each(o.audience_ids) j;
CREATE VIEW v1_document_requirements AS
    SELECT o.id AS document_id, j.value AS requirement_id FROM documents o, json_each(o.requirement_ids) j;
CREATE VIEW v1_training_course_audiences AS
    SELECT o.id AS training_course_id, j.value AS department_id FROM training_courses o, json_each(o.audience_ids) j;
CREATE VIEW v1_awareness_activity_audiences AS
    SELECT o.id AS awareness_activity_id, j.value AS department_id FROM awareness_activities o, json_each(o.audience_ids) j;
CREATE VIEW v1_processing_activity_systems AS
    SELECT o.id AS processing_activity_id, j.value AS asset_id FROM processing_activities o, json_each(o.system_ids) j;
CREATE VIEW v1_bia_assets AS
    SELECT o.id AS bia_id, j.value AS asset_id FROM bias o, json_each(o.asset_ids) j;
CREATE VIEW v1_bia_suppliers AS
    SELECT o.id AS bia_id, j.value AS supplier_id FROM bias o, json_each(o.supplier_ids) j;
CREATE VIEW v1_continuity_plan_bias AS
    SELECT o.id AS continuity_plan_id, j.value AS bia_id FROM continuity_plans o, json_each(o.bia_ids) j;
CREATE VIEW v1_objective_standards AS
    SELECT o.id AS objective_id, j.value AS standard_id FROM objectives o, json_each(o.standard_ids) j;

-- Before format 3, owners and departments were free text. Each distinct value becomes a person
-- or department whose id and name are that text, so that every reference resolves and an export
-- of an upgraded store imports again; rename them by importing people and departments.
INSERT INTO people (id, name)
    SELECT owner_id, owner_id FROM controls WHERE owner_id IS NOT NULL
    UNION SELECT owner_id, owner_id FROM evidence WHERE owner_id IS NOT NULL;
INSERT INTO departments (id, name)
    SELECT DISTINCT department_id, department_id FROM controls WHERE department_id IS NOT NULL;
