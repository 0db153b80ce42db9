-- core/certificate-audits-planned: active certificates and the external audits of their standard:
-- the first surveillance within 12 months of the cycle's first certification decision, one audit in
-- every calendar year between the cycle's first and last, and a recertification audit planned
-- before expiry once it is near. Audits count by their performed date, else their planned date.
-- Read by `ims check`.
WITH cert AS (
    SELECT c.id, c.standard_id, c.expires_on,
           (SELECT min(coalesce(o.decision_on, o.issued_on)) FROM v1_certificates o
            WHERE o.standard_id = c.standard_id AND o.expires_on = c.expires_on) AS decided_on
    FROM v1_certificates c
    WHERE c.status = 'active' AND c.issued_on <= :as_of AND c.expires_on >= :as_of
),
audit AS (
    SELECT id, standard_id, kind, coalesce(performed_on, planned_on) AS on_date
    FROM v1_external_audits
    WHERE kind IN ('surveillance', 'recertification') AND coalesce(performed_on, planned_on) IS NOT NULL
),
problems AS (
    SELECT c.id, 1 AS n, 'the first surveillance audit after the certification decision of '
           || c.decided_on || ' is due by ' || c.deadline || '; '
           || coalesce('the first is dated ' || c.first_surveillance, 'none is planned') AS message
    FROM (SELECT cert.*, date(cert.decided_on, '+12 months') AS deadline,
                 (SELECT min(a.on_date) FROM audit a WHERE a.standard_id = cert.standard_id
                  AND a.kind = 'surveillance' AND a.on_date > cert.decided_on) AS first_surveillance
          FROM cert) c
    WHERE c.deadline < c.expires_on
      AND ((c.first_surveillance > c.deadline AND c.first_surveillance >= :as_of)
           OR (c.first_surveillance IS NULL
               AND c.deadline <= date(:as_of, '+' || :audit_planning_lead_months || ' months')))
    UNION ALL
    SELECT c.id, 2, 'no surveillance audit held or planned in ' || strftime('%Y', :as_of)
    FROM cert c
    WHERE strftime('%Y', :as_of) > strftime('%Y', c.decided_on)
      AND strftime('%Y', :as_of) < strftime('%Y', c.expires_on)
      AND NOT EXISTS (SELECT 1 FROM audit a WHERE a.standard_id = c.standard_id
                      AND strftime('%Y', a.on_date) = strftime('%Y', :as_of))
    UNION ALL
    SELECT c.id, 3, 'expires ' || c.expires_on || ' and no recertification audit is planned before then'
    FROM cert c
    WHERE c.expires_on <= date(:as_of, '+' || :audit_planning_lead_months || ' months')
      AND NOT EXISTS (SELECT 1 FROM audit a WHERE a.standard_id = c.standard_id
                      AND a.kind = 'recertification' AND a.on_date > c.decided_on
                      AND a.on_date <= c.expires_on)
    ORDER BY 1, 2
)
SELECT 'certificate' AS subject_type, id AS subject_id, 'fail' AS status,
       group_concat(message, '; ') AS message
FROM problems GROUP BY id
