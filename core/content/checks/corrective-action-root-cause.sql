-- core/corrective-action-root-cause: major and minor nonconformities (open, or closed in the last
-- 12 months) without a corrective action that records a root cause. Read by `ims check`.
WITH nc AS (
    SELECT f.id, f.grade, f.raised_on,
           (SELECT group_concat(id, ', ') FROM (
                SELECT a.id FROM v1_corrective_actions a
                WHERE a.finding_id = f.id AND a.status <> 'cancelled' ORDER BY a.id)) AS actions,
           EXISTS (SELECT 1 FROM v1_corrective_actions a
                   WHERE a.finding_id = f.id AND a.status <> 'cancelled'
                     AND trim(coalesce(a.root_cause, '')) <> '') AS has_cause
    FROM v1_findings f
    WHERE f.grade IN ('major', 'minor') AND f.raised_on <= :as_of
      AND (f.closed_on IS NULL OR f.closed_on > date(:as_of, '-12 months'))
)
SELECT 'finding' AS subject_type, id AS subject_id, 'fail' AS status,
       grade || ' nonconformity raised ' || raised_on || ': '
       || CASE WHEN actions IS NULL THEN 'no corrective action, so no root cause recorded'
               ELSE 'no root cause recorded on its corrective actions (' || actions || ')' END
       AS message
FROM nc WHERE NOT has_cause
