-- core/control-evidence-current: implemented controls none of whose evidence is current (collected
-- by the as-of date and not past its valid_until). Read by `ims check`.
SELECT 'control' AS subject_type, c.id AS subject_id, 'fail' AS status,
       coalesce('no current evidence; ' || (
           SELECT group_concat(x, ', ') FROM (
               SELECT e.id || CASE WHEN e.valid_until < :as_of
                                   THEN ' expired ' || e.valid_until
                                   ELSE ' collected ' || e.collected_on END AS x
               FROM v1_evidence_controls ec JOIN v1_evidence e ON e.id = ec.evidence_id
               WHERE ec.control_id = c.id ORDER BY e.id)),
           'no evidence linked') AS message
FROM v1_controls c
WHERE c.status = 'implemented'
  AND NOT EXISTS (
      SELECT 1 FROM v1_evidence_controls ec JOIN v1_evidence e ON e.id = ec.evidence_id
      WHERE ec.control_id = c.id AND (e.valid_until IS NULL OR e.valid_until >= :as_of)
        AND (e.collected_on IS NULL OR e.collected_on <= :as_of))
