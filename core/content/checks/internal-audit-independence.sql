-- core/internal-audit-independence: audits planned or performed within the cycle whose auditor
-- belongs to an audited department or to its parent or child department. Read by `ims check`.
SELECT 'internal_audit' AS subject_type, a.id AS subject_id, 'fail' AS status,
       'auditor ' || a.auditor_id || ' belongs to ' || p.department_id || ', and the audit ('
       || coalesce(a.performed_on, a.planned_on) || ') covers '
       || (SELECT group_concat(j.value, ', ') FROM json_each(a.department_ids) j) AS message
FROM v1_internal_audits a JOIN v1_people p ON p.id = a.auditor_id
WHERE a.status <> 'cancelled' AND p.department_id IS NOT NULL
  AND coalesce(a.performed_on, a.planned_on)
      > date(:as_of, '-' || :internal_audit_cycle_months || ' months')
  AND EXISTS (
      SELECT 1 FROM json_each(coalesce(a.department_ids, '[]')) j
      LEFT JOIN v1_departments d ON d.id = j.value
      LEFT JOIN v1_departments mine ON mine.id = p.department_id
      WHERE j.value = p.department_id OR d.parent_id = p.department_id
         OR mine.parent_id = j.value)
