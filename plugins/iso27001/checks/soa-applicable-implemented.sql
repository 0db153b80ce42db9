-- iso27001/soa-applicable-implemented: applicable Annex A controls whose SoA status is not
-- implemented and that no organisation control (planned or implemented) is mapped to.
-- Read by `ims check`.
SELECT 'requirement' AS subject_type, e.requirement_id AS subject_id, 'fail' AS status,
       coalesce(r.ref || ' ' || r.title, e.requirement_id) || ': applicable, '
       || coalesce(e.implementation_status, 'no implementation status')
       || ', and no control is planned or in place to meet it' AS message
FROM v1_soa_entries e LEFT JOIN v1_requirements r ON r.id = e.requirement_id
WHERE e.applicable = 1 AND coalesce(e.implementation_status, '') <> 'implemented'
  AND e.requirement_id LIKE 'iso27001:2022/%'
  AND NOT EXISTS (SELECT 1 FROM v1_control_requirements cr JOIN v1_controls c ON c.id = cr.control_id
                  WHERE cr.requirement_id = e.requirement_id AND c.status <> 'retired')
