-- core/training-completion-rate: per department (its own staff), the percentage of people with a
-- mandatory course due who hold all of them; below the target it fails. Read by `ims check`.
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
people AS (
    SELECT person_id, department_id, max(due_on IS NOT NULL AND due_on < :as_of) AS late
    FROM judged
    WHERE NOT (last_passed IS NULL AND due_on >= :as_of)
    GROUP BY person_id, department_id
),
rates AS (
    SELECT department_id, count(*) AS total, sum(late) AS late,
           round(100.0 * (count(*) - sum(late)) / count(*), 1) AS rate
    FROM people WHERE department_id IS NOT NULL GROUP BY department_id
)
SELECT 'department' AS subject_type, department_id AS subject_id,
       CASE WHEN rate < :training_completion_target_percent THEN 'fail' ELSE 'pass' END AS status,
       (total - late) || ' of ' || total || ' people (' || rate || ' %) hold every mandatory course; target '
       || :training_completion_target_percent || ' %' AS message
FROM rates
