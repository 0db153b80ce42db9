-- gdpr/processing-lawful-basis: processing activities as controller without a lawful basis.
-- Read by `ims check`.
SELECT 'processing_activity' AS subject_type, id AS subject_id, 'fail' AS status,
       name || ': controller processing with no lawful basis recorded' AS message
FROM v1_processing_activities WHERE role = 'controller' AND lawful_basis IS NULL
