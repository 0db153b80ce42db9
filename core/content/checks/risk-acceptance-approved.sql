-- core/risk-acceptance-approved: accepted risks with no recorded approver or acceptance date.
-- Read by `ims check`.
SELECT 'risk' AS subject_type, id AS subject_id, 'fail' AS status,
       'risk ' || status || ' (treatment ' || coalesce(treatment, 'none') || ') '
       || CASE WHEN accepted_by_id IS NULL THEN 'with no one recorded as accepting it'
               ELSE 'accepted by ' || accepted_by_id || ' with no acceptance date' END AS message
FROM v1_risks
WHERE (status = 'accepted' OR treatment = 'accept')
  AND (accepted_by_id IS NULL OR accepted_on IS NULL)
