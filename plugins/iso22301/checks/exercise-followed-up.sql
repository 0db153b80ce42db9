-- iso22301/exercise-followed-up: failed exercises with no later passed (or passed with issues)
-- exercise of the same plan. Read by `ims check`.
SELECT 'exercise' AS subject_type, e.id AS subject_id, 'fail' AS status,
       e.kind || ' of ' || e.plan_id || ' failed on ' || e.performed_on
       || '; no later exercise of the plan has passed'
       || coalesce('; next planned ' || (SELECT min(n.planned_on) FROM v1_exercises n
                                         WHERE n.plan_id = e.plan_id AND n.performed_on IS NULL
                                           AND n.planned_on >= :as_of), '') AS message
FROM v1_exercises e
WHERE e.result = 'failed' AND e.performed_on <= :as_of
  AND NOT EXISTS (SELECT 1 FROM v1_exercises n WHERE n.plan_id = e.plan_id
                  AND n.performed_on > e.performed_on AND n.performed_on <= :as_of
                  AND n.result IN ('passed', 'passed_with_issues'))
