-- core/training-current: per current member of staff, the mandatory courses of their audience that
-- they never passed (once training_grace_days after their start have passed) or whose last pass is
-- older than the course's refresh interval. Read by `ims check`.
WITH
-- Current staff on the as-of date.
staff AS (
    SELECT id, name, department_id, started_on FROM v1_people
    WHERE (started_on IS NULL OR started_on <= :as_of) AND (left_on IS NULL OR left_on >= :as_of)
),
-- Each mandatory course each person must hold, with their last passed completion.
owed AS (
    SELECT s.id AS person_id, s.department_id, s.started_on, c.id AS course_id,
           c.refresh_interval_months AS months,
           (SELECT max(t.completed_on) FROM v1_training_records t
            WHERE t.course_id = c.id AND t.person_id = s.id AND t.completed_on <= :as_of
              AND coalesce(t.passed, 1) = 1) AS last_passed
    FROM staff s JOIN v1_training_courses c ON c.mandatory = 1
    WHERE (json_array_length(coalesce(c.audience_ids, '[]')) = 0 OR EXISTS (
           SELECT 1 FROM json_each(c.audience_ids) j
           WHERE j.value = s.department_id))
),
judged AS (
    SELECT o.*,
           CASE WHEN o.last_passed IS NULL THEN
                     date(coalesce(o.started_on, '0000-01-01'), '+' || :training_grace_days || ' days')
                WHEN o.months IS NULL THEN NULL
                ELSE date(o.last_passed, '+' || o.months || ' months') END AS due_on
    FROM owed o
),
late AS (
    SELECT * FROM judged WHERE due_on IS NOT NULL AND due_on < :as_of ORDER BY person_id, course_id
)
SELECT 'person' AS subject_type, person_id AS subject_id, 'fail' AS status,
       group_concat(course_id || CASE WHEN last_passed IS NULL
                                      THEN ' never completed (due ' || due_on || ')'
                                      ELSE ' last passed ' || last_passed || ', refresh was due '
                                           || due_on END, '; ') AS message
FROM late GROUP BY person_id
