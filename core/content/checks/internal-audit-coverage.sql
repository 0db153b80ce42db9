-- core/internal-audit-coverage: per adopted standard, the leaf clauses 4-10 and the applicable
-- (SoA) Annex A controls that no internal audit performed in the last cycle covered, directly or
-- through an enclosing clause. Read by `ims check`.
WITH RECURSIVE
scope AS (
    SELECT r.id, r.standard_id, r.ref, r.position
    FROM v1_requirements r JOIN v1_adopted_standards s ON s.standard_id = r.standard_id
    WHERE r.is_leaf AND (
        -- ISO/IEC 27701:2019 states its management system requirements in clause 5 (its clause
        -- 6 is guidance on 27002's controls); every other standard in clauses 4 to 10.
        (r.kind = 'clause' AND CASE WHEN r.standard_id = 'iso27701:2019' THEN r.ref LIKE '5.%'
                                    ELSE CAST(r.ref AS INTEGER) BETWEEN 4 AND 10 END)
        OR EXISTS (SELECT 1 FROM v1_soa_entries e
                   WHERE e.requirement_id = r.id AND e.applicable = 1))
),
up(id, ancestor) AS (
    SELECT id, id FROM scope
    UNION
    SELECT up.id, r.parent_id FROM up JOIN v1_requirements r ON r.id = up.ancestor
    WHERE r.parent_id IS NOT NULL
),
audited AS (
    SELECT DISTINCT j.value AS requirement_id
    FROM v1_internal_audits a, json_each(coalesce(a.requirement_ids, '[]')) j
    WHERE a.status IN ('completed', 'in_progress') AND a.performed_on <= :as_of
      AND a.performed_on > date(:as_of, '-' || :internal_audit_cycle_months || ' months')
),
gaps AS (
    SELECT s.standard_id, s.ref, s.position FROM scope s
    WHERE NOT EXISTS (SELECT 1 FROM up JOIN audited d ON d.requirement_id = up.ancestor
                      WHERE up.id = s.id)
),
summary AS (
    SELECT a.standard_id, a.adopted_on,
           (SELECT count(*) FROM scope s WHERE s.standard_id = a.standard_id) AS total,
           (SELECT count(*) FROM gaps g WHERE g.standard_id = a.standard_id) AS missing,
           (SELECT group_concat(ref, ', ') FROM (
                SELECT g.ref FROM gaps g WHERE g.standard_id = a.standard_id
                ORDER BY g.position, g.ref LIMIT 20)) AS first_refs
    FROM v1_adopted_standards a
)
-- A standard adopted less than a cycle ago still has time: its gaps are a warning.
SELECT 'standard' AS subject_type, standard_id AS subject_id,
       CASE WHEN adopted_on > date(:as_of, '-' || :internal_audit_cycle_months || ' months')
            THEN 'warn' ELSE 'fail' END AS status,
       missing || ' of ' || total || ' clauses and applicable controls not audited since '
       || date(:as_of, '-' || :internal_audit_cycle_months || ' months') || ' ('
       || :internal_audit_cycle_months || '-month cycle'
       || CASE WHEN adopted_on > date(:as_of, '-' || :internal_audit_cycle_months || ' months')
               THEN '; adopted ' || adopted_on || ', so the first cycle ends '
                    || date(adopted_on, '+' || :internal_audit_cycle_months || ' months')
               ELSE '' END
       || '): ' || first_refs || CASE WHEN missing > 20 THEN ' and ' || (missing - 20) || ' more'
                                      ELSE '' END AS message
FROM summary WHERE missing > 0
