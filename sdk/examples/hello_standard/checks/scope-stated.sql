-- hello/scope-stated: one result per adopted standard, failing when it has no scope statement.
SELECT 'adopted_standard' AS subject_type, standard_id AS subject_id,
       CASE WHEN scope IS NULL OR scope = '' THEN 'fail' ELSE 'pass' END AS status,
       CASE WHEN scope IS NULL OR scope = '' THEN 'no scope statement for ' || standard_id
            ELSE 'scope stated: ' || scope END AS message
FROM v1_adopted_standards
