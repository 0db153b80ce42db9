-- core/management-review-inputs: reviews held in the 12 months before the as-of date and the 9.3.2
-- inputs (the model's inputs_covered values) they left out. Read by `ims check`.
WITH inputs(name, position) AS (VALUES
    ('previous_actions', 1), ('issue_changes', 2), ('party_changes', 3), ('nonconformities', 4),
    ('monitoring', 5), ('audit_results', 6), ('objectives', 7), ('party_feedback', 8),
    ('risk', 9), ('improvement', 10)),
missing AS (
    SELECT m.id, m.held_on, i.name, i.position
    FROM v1_management_reviews m CROSS JOIN inputs i
    WHERE m.held_on IS NOT NULL AND m.held_on <= :as_of
      AND m.held_on > date(:as_of, '-12 months')
      AND NOT EXISTS (SELECT 1 FROM json_each(coalesce(m.inputs_covered, '[]')) j
                      WHERE j.value = i.name)
    ORDER BY m.id, i.position
)
SELECT 'management_review' AS subject_type, id AS subject_id, 'fail' AS status,
       'held ' || held_on || ' without the 9.3.2 inputs: ' || group_concat(name, ', ') AS message
FROM missing GROUP BY id, held_on
