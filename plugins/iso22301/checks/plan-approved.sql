-- iso22301/plan-approved: continuity plans with no approval date, or past their next review (12
-- months after the approval when no review date is set).
-- Read by `ims check`.
SELECT 'continuity_plan' AS subject_type, id AS subject_id, 'fail' AS status,
       title || coalesce(' v' || version, '') || ': '
       || CASE WHEN approved_on IS NULL OR approved_on > :as_of THEN 'never approved'
               ELSE 'approved ' || approved_on || ', review was due '
                    || coalesce(next_review_on, date(approved_on, '+12 months')) END AS message
FROM v1_continuity_plans
WHERE approved_on IS NULL OR approved_on > :as_of
   OR coalesce(next_review_on, date(approved_on, '+12 months')) < :as_of
