-- core/corrective-action-overdue: open and in-progress actions past their due date.
-- Read by `ims check` (docs/checks.md); returns subject_type, subject_id, status, message.
SELECT 'corrective_action' AS subject_type, a.id AS subject_id, 'fail' AS status,
       'due ' || a.due_on || ', still ' || a.status || ' '
       || CAST(julianday(:as_of) - julianday(a.due_on) AS INTEGER) || ' days later'
       || coalesce('; answers finding ' || a.finding_id, '')
       || coalesce('; owner ' || a.owner_id, '') AS message
FROM v1_corrective_actions a
WHERE a.status IN ('open', 'in_progress') AND a.due_on < :as_of
