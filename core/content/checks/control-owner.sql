-- core/control-owner: controls that are not retired with no owner, or an owner who left before
-- the as-of date. Read by `ims check`.
SELECT 'control' AS subject_type, c.id AS subject_id, 'fail' AS status,
       CASE WHEN c.owner_id IS NULL THEN c.status || ' control with no owner'
            ELSE 'owned by ' || c.owner_id || coalesce(' (' || p.name || ')', '')
                 || ', who left on ' || p.left_on END AS message
FROM v1_controls c LEFT JOIN v1_people p ON p.id = c.owner_id
WHERE c.status <> 'retired'
  AND (c.owner_id IS NULL OR (p.left_on IS NOT NULL AND p.left_on < :as_of))
