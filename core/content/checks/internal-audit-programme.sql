-- core/internal-audit-programme: audits past their planned date and not performed, audits still in
-- progress, and completed audits without a reported summary. Read by `ims check`.
SELECT 'internal_audit' AS subject_type, id AS subject_id, 'fail' AS status,
       'planned for ' || planned_on || ' and not performed ('
       || CAST(julianday(:as_of) - julianday(planned_on) AS INTEGER) || ' days ago)' AS message
FROM v1_internal_audits
WHERE status = 'planned' AND planned_on < :as_of
UNION ALL
SELECT 'internal_audit', id, 'warn',
       'in progress since ' || coalesce(performed_on, planned_on) || '; results not yet reported'
FROM v1_internal_audits WHERE status = 'in_progress'
UNION ALL
SELECT 'internal_audit', id, 'fail',
       'completed ' || coalesce(performed_on, planned_on) || ' with no summary of its results'
FROM v1_internal_audits
WHERE status = 'completed' AND trim(coalesce(summary, '')) = ''
  AND coalesce(performed_on, planned_on) > date(:as_of, '-12 months')
