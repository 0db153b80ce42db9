-- gdpr/dpo-designated: the organisation's DPO where Art. 37(1) requires one (dpo_required): none, or
-- one who has left; a manual result when there is none and dpo_required is not recorded. Read by `ims check`.
SELECT 'organisation' AS subject_type, o.id AS subject_id,
       CASE WHEN o.dpo_id IS NULL AND o.dpo_required IS NULL THEN 'manual' ELSE 'fail' END AS status,
       CASE WHEN o.dpo_id IS NOT NULL
            THEN 'the DPO ' || o.dpo_id || coalesce(' (' || p.name || ')', '') || ' left on '
                 || p.left_on
            WHEN o.dpo_required = 1 THEN 'GDPR Art. 37(1) requires a DPO and none is designated'
            ELSE 'no DPO is designated and whether GDPR Art. 37(1) requires one is not recorded'
       END AS message
FROM v1_organisation o LEFT JOIN v1_people p ON p.id = o.dpo_id
WHERE (o.dpo_id IS NOT NULL AND p.left_on < :as_of)
   OR (o.dpo_id IS NULL AND (o.dpo_required IS NULL OR o.dpo_required = 1))
