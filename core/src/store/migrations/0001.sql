-- Format 1: the foundation tables, the evidence vault, the change log and the v1 views.
-- Views are the data contract for checks and plugins (sdk/schema/v1/views.md); tables are not.
-- Written by hand. Frozen: released stores were made by this text; never edit it.

CREATE TABLE organisation (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    country TEXT,
    sector TEXT,
    employee_count INTEGER,
    scope TEXT
) STRICT;

CREATE TABLE standards (
    id TEXT PRIMARY KEY,
    short_title TEXT NOT NULL,
    title TEXT NOT NULL,
    publisher TEXT,
    published TEXT,
    source TEXT,
    plugin_id TEXT NOT NULL,
    plugin_version TEXT NOT NULL,
    content_sha256 TEXT NOT NULL
) STRICT;

CREATE TABLE requirements (
    id TEXT PRIMARY KEY,
    standard_id TEXT NOT NULL REFERENCES standards(id) ON DELETE CASCADE,
    ref TEXT NOT NULL,
    parent_id TEXT,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT,
    position INTEGER NOT NULL
) STRICT;
CREATE INDEX requirements_by_standard ON requirements(standard_id, position);

CREATE TABLE adopted_standards (
    id TEXT PRIMARY KEY REFERENCES standards(id),
    adopted_on TEXT NOT NULL,
    scope TEXT,
    certification_target TEXT
) STRICT;

CREATE TABLE controls (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    description TEXT,
    owner TEXT,
    department TEXT,
    status TEXT NOT NULL CHECK (status IN ('planned', 'implemented', 'retired')),
    implemented_on TEXT,
    review_interval_months INTEGER,
    last_reviewed_on TEXT
) STRICT;

CREATE TABLE control_requirements (
    id TEXT PRIMARY KEY,
    control_id TEXT NOT NULL REFERENCES controls(id) ON DELETE CASCADE,
    requirement_id TEXT NOT NULL,
    coverage TEXT NOT NULL CHECK (coverage IN ('full', 'partial')),
    UNIQUE (control_id, requirement_id)
) STRICT;

CREATE TABLE vault (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    data BLOB NOT NULL
) STRICT;

CREATE TABLE evidence (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    kind TEXT NOT NULL
        CHECK (kind IN ('document', 'record', 'screenshot', 'link', 'export', 'attestation')),
    sha256 TEXT REFERENCES vault(sha256),
    file_name TEXT,
    url TEXT,
    collected_on TEXT,
    valid_until TEXT,
    owner TEXT
) STRICT;

CREATE TABLE evidence_controls (
    id TEXT PRIMARY KEY,
    evidence_id TEXT NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
    control_id TEXT NOT NULL REFERENCES controls(id) ON DELETE CASCADE,
    UNIQUE (evidence_id, control_id)
) STRICT;

CREATE TABLE change_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    payload TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
) STRICT;

CREATE VIEW v1_organisation AS
    SELECT id, name, country, sector, employee_count, scope FROM organisation;
CREATE VIEW v1_standards AS
    SELECT s.id, s.short_title, s.title, s.publisher, s.published, s.plugin_id, s.plugin_version,
           s.content_sha256, (a.id IS NOT NULL) AS adopted
    FROM standards s LEFT JOIN adopted_standards a ON a.id = s.id;
CREATE VIEW v1_requirements AS
    SELECT id, standard_id, ref, parent_id, kind, title, summary, position,
           NOT EXISTS (SELECT 1 FROM requirements c WHERE c.parent_id = r.id) AS is_leaf
    FROM requirements r;
CREATE VIEW v1_adopted_standards AS
    SELECT id AS standard_id, adopted_on, scope, certification_target FROM adopted_standards;
CREATE VIEW v1_controls AS
    SELECT id, title, description, owner, department, status, implemented_on,
           review_interval_months, last_reviewed_on FROM controls;
CREATE VIEW v1_control_requirements AS
    SELECT control_id, requirement_id, coverage FROM control_requirements;
CREATE VIEW v1_evidence AS
    SELECT e.id, e.title, e.kind, e.sha256, e.file_name, e.url, e.collected_on, e.valid_until,
           e.owner, v.size AS file_size
    FROM evidence e LEFT JOIN vault v ON v.sha256 = e.sha256;
CREATE VIEW v1_evidence_controls AS
    SELECT evidence_id, control_id FROM evidence_controls;
