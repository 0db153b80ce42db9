-- gdpr/dpia-reviewed: DPIAs past their next review date. Read by `ims check`.
SELECT 'dpia' AS subject_type, id AS subject_id, 'fail' AS status,
       'DPIA of ' || processing_activity_id || coalesce(' performed ' || performed_on, '')
       || ' was due for review ' || next_review_on || ' ('
       || CAST(julianday(:as_of) - julianday(next_review_on) AS INTEGER) || ' days ago)' AS message
FROM v1_dpias WHERE next_review_on < :as_of
