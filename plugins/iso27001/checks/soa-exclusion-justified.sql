-- iso27001/soa-exclusion-justified: SoA exclusions with an empty justification. Read by `ims check`.
SELECT 'requirement' AS subject_type, e.requirement_id AS subject_id, 'fail' AS status,
       coalesce(r.ref || ' ' || r.title, e.requirement_id) || ': excluded with no justification'
       AS message
FROM v1_soa_entries e LEFT JOIN v1_requirements r ON r.id = e.requirement_id
WHERE e.applicable = 0 AND trim(coalesce(e.justification, '')) = ''
  AND e.requirement_id LIKE 'iso27001:2022/%'
