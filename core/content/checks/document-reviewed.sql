-- core/document-reviewed: documents past their next review date. Read by `ims check`.
SELECT 'document' AS subject_type, id AS subject_id, 'fail' AS status,
       type || ' v' || version || ' was due for review ' || next_review_on || ' ('
       || CAST(julianday(:as_of) - julianday(next_review_on) AS INTEGER) || ' days ago)'
       || coalesce('; owner ' || owner_id, '') AS message
FROM v1_documents WHERE next_review_on < :as_of
