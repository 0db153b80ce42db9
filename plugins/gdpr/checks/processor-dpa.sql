-- gdpr/processor-dpa: suppliers that process personal data with no DPA signed by the as-of date.
-- Read by `ims check`.
SELECT 'supplier' AS subject_type, id AS subject_id, 'fail' AS status,
       name || coalesce(' (' || service || ')', '') || ' processes personal data with no signed DPA'
       AS message
FROM v1_suppliers
WHERE processes_personal_data = 1 AND (dpa_signed_on IS NULL OR dpa_signed_on > :as_of)
