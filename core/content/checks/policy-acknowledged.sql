-- core/policy-acknowledged: per current member of staff, the acknowledgement-required documents of
-- their audience whose current version they have not acknowledged once the grace period after
-- their start or the version's approval has passed. Read by `ims check`.
WITH
-- Current staff on the as-of date.
staff AS (
    SELECT id, name, department_id, started_on FROM v1_people
    WHERE (started_on IS NULL OR started_on <= :as_of) AND (left_on IS NULL OR left_on >= :as_of)
),
owed AS (
    SELECT s.id AS person_id, d.id AS document_id, d.version, d.approved_on
    FROM staff s JOIN v1_documents d ON d.acknowledgement_required = 1
    WHERE (json_array_length(coalesce(d.audience_ids, '[]')) = 0 OR EXISTS (
           SELECT 1 FROM json_each(d.audience_ids) j
           WHERE j.value = s.department_id))
      AND date(max(coalesce(s.started_on, '0000-01-01'), coalesce(d.approved_on, '0000-01-01')),
               '+' || :acknowledgement_grace_days || ' days') < :as_of
      AND NOT EXISTS (SELECT 1 FROM v1_acknowledgements a
                      WHERE a.document_id = d.id AND a.version = d.version
                        AND a.person_id = s.id AND a.acknowledged_on <= :as_of)
    ORDER BY s.id, d.id
)
SELECT 'person' AS subject_type, person_id AS subject_id, 'fail' AS status,
       'has not acknowledged ' || group_concat(document_id || ' v' || version
                                               || coalesce(' (approved ' || approved_on || ')', ''), ', ')
       AS message
FROM owed GROUP BY person_id
