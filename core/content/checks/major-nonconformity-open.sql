-- core/major-nonconformity-open: major findings still open on the as-of date, with their actions.
-- Read by `ims check`.
SELECT 'finding' AS subject_type, f.id AS subject_id, 'fail' AS status,
       'major nonconformity raised ' || f.raised_on
       || coalesce(' by ' || f.source || ' ' || f.source_id, '')
       || ', open for ' || CAST(julianday(:as_of) - julianday(f.raised_on) AS INTEGER) || ' days'
       || coalesce('; actions: ' || (SELECT group_concat(x, ', ') FROM (
              SELECT a.id || ' ' || a.status || ' due ' || a.due_on AS x
              FROM v1_corrective_actions a WHERE a.finding_id = f.id ORDER BY a.id)),
              '; no corrective action') AS message
FROM v1_findings f
WHERE f.grade = 'major' AND f.raised_on <= :as_of AND (f.closed_on IS NULL OR f.closed_on > :as_of)
