-- gdpr/dpia-done: processing activities that require a DPIA and have none completed.
-- Read by `ims check`.
SELECT 'processing_activity' AS subject_type, p.id AS subject_id, 'fail' AS status,
       p.name || ': a DPIA is required and '
       || CASE WHEN EXISTS (SELECT 1 FROM v1_dpias d WHERE d.processing_activity_id = p.id)
               THEN 'its DPIA is not completed' ELSE 'none is recorded' END AS message
FROM v1_processing_activities p
WHERE p.dpia_required = 1
  AND NOT EXISTS (SELECT 1 FROM v1_dpias d WHERE d.processing_activity_id = p.id
                  AND d.performed_on <= :as_of)
