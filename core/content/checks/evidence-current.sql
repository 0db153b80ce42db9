-- core/evidence-current: expired evidence (fail) and evidence expiring within the warning window
-- (warn); a piece whose every control has other evidence current beyond it is replaced and not
-- reported. Read by `ims check`.
WITH judged AS (
    SELECT e.id, e.valid_until,
           CASE WHEN e.valid_until < :as_of THEN 'fail' ELSE 'warn' END AS status,
           CASE WHEN e.valid_until < :as_of THEN :as_of
                ELSE date(:as_of, '+' || :evidence_warn_days || ' days') END AS needed_until,
           (SELECT group_concat(control_id, ', ') FROM (
                SELECT ec.control_id FROM v1_evidence_controls ec
                WHERE ec.evidence_id = e.id ORDER BY ec.control_id)) AS controls
    FROM v1_evidence e
    WHERE e.valid_until IS NOT NULL
      AND e.valid_until <= date(:as_of, '+' || :evidence_warn_days || ' days')
)
SELECT 'evidence' AS subject_type, j.id AS subject_id, j.status AS status,
       CASE WHEN j.status = 'fail'
            THEN 'expired ' || j.valid_until || ' ('
                 || CAST(julianday(:as_of) - julianday(j.valid_until) AS INTEGER) || ' days ago)'
            ELSE 'expires ' || j.valid_until || ' (in '
                 || CAST(julianday(j.valid_until) - julianday(:as_of) AS INTEGER) || ' days, within '
                 || :evidence_warn_days || ')' END
       || coalesce('; sole current evidence for ' || j.controls, '; supports no control')
       AS message
FROM judged j
WHERE j.controls IS NULL OR EXISTS (
    SELECT 1 FROM v1_evidence_controls ec WHERE ec.evidence_id = j.id AND NOT EXISTS (
        SELECT 1 FROM v1_evidence_controls o JOIN v1_evidence e2 ON e2.id = o.evidence_id
        WHERE o.control_id = ec.control_id AND e2.id <> j.id
          AND (e2.valid_until IS NULL OR e2.valid_until > j.needed_until)
          AND (e2.collected_on IS NULL OR e2.collected_on <= :as_of)))
