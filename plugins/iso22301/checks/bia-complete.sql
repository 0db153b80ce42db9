-- iso22301/bia-complete: BIAs missing an RTO or RPO, or not covered by any continuity plan.
-- Read by `ims check`.
SELECT 'bia' AS subject_type, b.id AS subject_id, 'fail' AS status,
       b.activity || ': ' || trim(
           CASE WHEN b.rto_hours IS NULL THEN 'no RTO; ' ELSE '' END
           || CASE WHEN b.rpo_hours IS NULL THEN 'no RPO; ' ELSE '' END
           || CASE WHEN NOT EXISTS (SELECT 1 FROM v1_continuity_plans c, json_each(coalesce(c.bia_ids, '[]')) j
                                    WHERE j.value = b.id)
                   THEN 'no continuity plan covers it; ' ELSE '' END, '; ') AS message
FROM v1_bias b
WHERE b.rto_hours IS NULL OR b.rpo_hours IS NULL
   OR NOT EXISTS (SELECT 1 FROM v1_continuity_plans c, json_each(coalesce(c.bia_ids, '[]')) j
                  WHERE j.value = b.id)
