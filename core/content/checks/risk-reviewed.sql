-- core/risk-reviewed: risks that are not closed and are past their review date: the earlier of
-- review_by and the last assessment plus the interval. Read by `ims check`.
WITH due AS (
    SELECT id, assessed_on, review_by,
           CASE WHEN review_by IS NULL THEN
                     date(assessed_on, '+' || :risk_review_interval_months || ' months')
                WHEN assessed_on IS NULL THEN review_by
                ELSE min(review_by, date(assessed_on, '+' || :risk_review_interval_months || ' months'))
           END AS due_on
    FROM v1_risks WHERE status <> 'closed'
)
SELECT 'risk' AS subject_type, id AS subject_id, 'fail' AS status,
       CASE WHEN due_on IS NULL THEN 'never assessed'
            ELSE coalesce('last assessed ' || assessed_on, 'no assessment date')
                 || '; reassessment was due ' || due_on || ' ('
                 || CAST(julianday(:as_of) - julianday(due_on) AS INTEGER) || ' days ago)' END
       AS message
FROM due WHERE due_on IS NULL OR due_on < :as_of
