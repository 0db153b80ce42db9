-- popia/direct-marketing-consent: processing activities marked direct_marketing whose lawful basis is
-- not consent. Read by `ims check`.
SELECT 'processing_activity' AS subject_type, id AS subject_id, 'fail' AS status,
       name || ': electronic direct marketing on the basis '
       || coalesce(lawful_basis, '(none recorded)') || ', not consent' AS message
FROM v1_processing_activities
WHERE direct_marketing = 1 AND coalesce(lawful_basis, '') <> 'consent'
