-- iso27001/soa-decision: Annex A controls with no Statement of Applicability entry.
-- Read by `ims check`.
SELECT 'requirement' AS subject_type, r.id AS subject_id, 'fail' AS status,
       r.ref || ' ' || r.title || ': no Statement of Applicability decision' AS message
FROM v1_requirements r
WHERE r.standard_id = 'iso27001:2022' AND r.kind = 'control' AND r.is_leaf
  AND NOT EXISTS (SELECT 1 FROM v1_soa_entries e WHERE e.requirement_id = r.id)
