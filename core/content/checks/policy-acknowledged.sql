-- core/policy-acknowledged: per current member of staff, the acknowledgement-required documents of
-- their audience whose current version they have not acknowledged once the grace period after
-- their start or the version's approval has passed. Read by `ims check`.
WITH
-- Current staff on the as-of date.
staff AS (
    SELECT id, name, department_id, started_on FROM v1_people
    WHERE (started_on IS NULL OR started_on <= :as_of) AND (left_on IS NULL OR left_on >= :as_of)
),
docs AS (
    SELECT id, version, approved_on, audience_ids FROM v1_documents
    WHERE acknowledgement_required = 1
),
-- Each document's audience: a NULL department for everyone, else each department it names.
audience(document_id, department_id) AS (
    SELECT id, NULL FROM docs WHERE json_array_length(coalesce(audience_ids, '[]')) = 0
    UNION ALL
    SELECT d.id, j.value FROM docs d, json_each(d.audience_ids) j
),
owed AS (
    SELECT s.id AS person_id, d.id AS document_id, d.version, d.approved_on
    FROM audience a JOIN docs d ON d.id = a.document_id
    JOIN staff s ON a.department_id IS NULL OR s.department_id = a.department_id
    WHERE max(coalesce(s.started_on, ''), coalesce(d.approved_on, ''))
          < date(:as_of, '-' || :acknowledgement_grace_days || ' days')
      AND NOT EXISTS (SELECT 1 FROM v1_acknowledgements k
                      WHERE k.document_id = d.id AND k.version = d.version
                        AND k.person_id = s.id AND k.acknowledged_on <= :as_of)
),
-- The first ten documents by id name themselves in the message; the rest are counted.
numbered AS (
    SELECT o.*, row_number() OVER (PARTITION BY person_id ORDER BY document_id) AS n FROM owed o
)
SELECT 'person' AS subject_type, person_id AS subject_id, 'fail' AS status,
       'has not acknowledged '
       || group_concat(CASE WHEN n <= 10 THEN document_id || ' v' || version
                            || coalesce(' (approved ' || approved_on || ')', '') END, ', ')
       || CASE WHEN count(*) > 10 THEN ' and ' || (count(*) - 10) || ' more' ELSE '' END
       AS message
FROM (SELECT * FROM numbered ORDER BY person_id, n) GROUP BY person_id
