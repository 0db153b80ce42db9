-- core/corrective-action-effectiveness: actions answering a major or minor nonconformity that are
-- verified, or whose finding was closed, with no effectiveness check. Read by `ims check`.
SELECT 'corrective_action' AS subject_type, a.id AS subject_id, 'fail' AS status,
       'answers ' || f.grade || ' finding ' || f.id
       || CASE WHEN f.closed_on IS NOT NULL AND f.closed_on <= :as_of
               THEN ', closed ' || f.closed_on ELSE '' END
       || '; action ' || a.status || coalesce(' on ' || a.completed_on, '')
       || ' with no effectiveness check recorded' AS message
FROM v1_corrective_actions a JOIN v1_findings f ON f.id = a.finding_id
WHERE f.grade IN ('major', 'minor') AND a.effectiveness_checked_on IS NULL
  AND (a.status = 'verified' OR (f.closed_on IS NOT NULL AND f.closed_on <= :as_of))
  AND a.status <> 'cancelled'
