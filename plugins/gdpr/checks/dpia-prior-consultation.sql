-- gdpr/dpia-prior-consultation: DPIAs with the outcome consult_authority; the store does not record
-- the consultation itself, so each is a manual result for a person to confirm. Read by `ims check`.
SELECT 'dpia' AS subject_type, d.id AS subject_id, 'manual' AS status,
       'DPIA of ' || d.processing_activity_id || coalesce(' (' || p.name || ')', '')
       || coalesce(' performed ' || d.performed_on, '') || ' concluded consult_authority'
       || coalesce(' with ' || d.residual_risk || ' residual risk', '')
       || ': confirm the supervisory authority was consulted before the processing starts' AS message
FROM v1_dpias d LEFT JOIN v1_processing_activities p ON p.id = d.processing_activity_id
WHERE d.outcome = 'consult_authority' AND (d.performed_on IS NULL OR d.performed_on <= :as_of)
