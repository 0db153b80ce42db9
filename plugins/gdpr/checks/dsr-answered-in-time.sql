-- gdpr/dsr-answered-in-time: requests answered after their deadline, or open past it: one month
-- from receipt, three months when extended with a recorded reason (Art. 12(3)). Read by `ims check`.
WITH dsr AS (
    SELECT id, type, received_on, responded_on,
           extended = 1 AND trim(coalesce(extension_reason, '')) <> '' AS extended_ok,
           extended = 1 AND trim(coalesce(extension_reason, '')) = '' AS extended_no_reason,
           date(received_on, CASE WHEN extended = 1 AND trim(coalesce(extension_reason, '')) <> ''
                                  THEN '+3 months' ELSE '+1 month' END) AS due_on
    FROM v1_data_subject_requests WHERE received_on <= :as_of
)
SELECT 'data_subject_request' AS subject_type, id AS subject_id, 'fail' AS status,
       type || ' request received ' || received_on || ', '
       || CASE WHEN responded_on IS NOT NULL AND responded_on <= :as_of
               THEN 'answered ' || responded_on || ' (' ||
                    CAST(julianday(responded_on) - julianday(received_on) AS INTEGER) || ' days)'
               ELSE 'still open' END
       || '; the deadline was ' || due_on
       || CASE WHEN extended_ok THEN ' (extended)'
               WHEN extended_no_reason THEN ' (marked extended, but no reason is recorded)'
               ELSE ' (not extended)' END AS message
FROM dsr
WHERE CASE WHEN responded_on IS NOT NULL AND responded_on <= :as_of THEN responded_on > due_on
           ELSE due_on < :as_of END
