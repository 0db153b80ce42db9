-- core/supplier-reviewed: suppliers past their next review date, or past their last review plus
-- the interval when no next date is set, or never reviewed. Read by `ims check`.
WITH due AS (
    SELECT id, criticality, last_reviewed_on,
           coalesce(next_review_on,
                    date(last_reviewed_on, '+' || :supplier_review_interval_months || ' months'))
           AS due_on
    FROM v1_suppliers
)
SELECT 'supplier' AS subject_type, id AS subject_id, 'fail' AS status,
       criticality || '-criticality supplier '
       || CASE WHEN due_on IS NULL THEN 'never reviewed'
               ELSE coalesce('last reviewed ' || last_reviewed_on || ', ', '')
                    || 'review was due ' || due_on || ' ('
                    || CAST(julianday(:as_of) - julianday(due_on) AS INTEGER) || ' days ago)' END
       AS message
FROM due WHERE due_on IS NULL OR due_on < :as_of
