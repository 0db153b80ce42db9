-- iso22301/exercise-coverage: continuity plans not exercised within the interval, with the last
-- exercise and the next one planned. Read by `ims check`.
SELECT 'continuity_plan' AS subject_type, p.id AS subject_id, 'fail' AS status,
       coalesce('last exercised ' || (SELECT max(e.performed_on) FROM v1_exercises e
                                      WHERE e.plan_id = p.id AND e.performed_on <= :as_of),
                'never exercised')
       || ', not within ' || :exercise_interval_months || ' months'
       || coalesce('; next planned ' || (SELECT min(e.planned_on) FROM v1_exercises e
                                         WHERE e.plan_id = p.id AND e.performed_on IS NULL
                                           AND e.planned_on >= :as_of), '') AS message
FROM v1_continuity_plans p
WHERE NOT EXISTS (SELECT 1 FROM v1_exercises e WHERE e.plan_id = p.id
                  AND e.performed_on <= :as_of
                  AND e.performed_on > date(:as_of, '-' || :exercise_interval_months || ' months'))
