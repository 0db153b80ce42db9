-- core/risk-treatment-overdue: risks with a treatment plan that are still open or in treatment after
-- its due date, with the controls that are not yet implemented. Read by `ims check`.
SELECT 'risk' AS subject_type, r.id AS subject_id, 'fail' AS status,
       r.treatment || ' treatment was due ' || r.treatment_due_on || ', risk still ' || r.status
       || ' (' || CAST(julianday(:as_of) - julianday(r.treatment_due_on) AS INTEGER) || ' days late)'
       || coalesce('; controls not implemented: ' || (
              SELECT group_concat(x, ', ') FROM (
                  SELECT c.id || ' ' || c.status AS x
                  FROM json_each(coalesce(r.control_ids, '[]')) j JOIN v1_controls c ON c.id = j.value
                  WHERE c.status <> 'implemented' ORDER BY c.id)), '') AS message
FROM v1_risks r
WHERE r.treatment IN ('mitigate', 'avoid', 'transfer') AND r.status IN ('open', 'in_treatment')
  AND r.treatment_due_on < :as_of
