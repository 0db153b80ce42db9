-- gdpr/processing-retention: processing activities with no retention recorded. Read by `ims check`.
SELECT 'processing_activity' AS subject_type, id AS subject_id, 'fail' AS status,
       name || ' (' || role || '): no retention period recorded' AS message
FROM v1_processing_activities WHERE trim(coalesce(retention, '')) = ''
