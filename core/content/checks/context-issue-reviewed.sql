-- core/context-issue-reviewed: internal and external issues never reviewed or last reviewed before
-- the interval. Read by `ims check`.
SELECT 'context_issue' AS subject_type, id AS subject_id, 'fail' AS status,
       type || ' issue ' || coalesce('last reviewed ' || reviewed_on || ', more than '
                || :context_review_interval_months || ' months ago', 'never reviewed') AS message
FROM v1_context_issues
WHERE reviewed_on IS NULL
   OR reviewed_on < date(:as_of, '-' || :context_review_interval_months || ' months')
