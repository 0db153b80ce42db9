-- Format 2: Statement of Applicability decisions, one per requirement (Annex A control).
-- Written by hand. Frozen: released stores were made by this text; never edit it.

CREATE TABLE soa_entries (
    id TEXT PRIMARY KEY,
    applicable INTEGER NOT NULL CHECK (applicable IN (0, 1)),
    justification TEXT,
    implementation_status TEXT
        CHECK (implementation_status IN ('not_started', 'planned', 'partial', 'implemented'))
) STRICT;

CREATE VIEW v1_soa_entries AS
    SELECT id AS requirement_id, applicable, justification, implementation_status
    FROM soa_entries;
