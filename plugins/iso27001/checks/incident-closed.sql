-- iso27001/incident-closed: incidents detected by the as-of date that are still open (warn, fail
-- once open longer than incident_close_days) and closed ones with no lessons learned.
-- Read by `ims check`.
SELECT 'incident' AS subject_type, id AS subject_id,
       CASE WHEN julianday(:as_of) - julianday(detected_at) > :incident_close_days THEN 'fail'
            ELSE 'warn' END AS status,
       severity || ' incident detected ' || detected_at || ', open for '
       || CAST(julianday(:as_of) - julianday(detected_at) AS INTEGER) || ' days'
       || coalesce(', contained ' || contained_at, ', not contained') AS message
FROM v1_incidents
WHERE date(detected_at) <= :as_of AND (closed_at IS NULL OR date(closed_at) > :as_of)
UNION ALL
SELECT 'incident', id, 'fail', 'closed ' || closed_at || ' with no lessons learned recorded'
FROM v1_incidents
WHERE date(closed_at) <= :as_of AND trim(coalesce(lessons_learned, '')) = ''
  AND date(closed_at) > date(:as_of, '-12 months')
