-- gdpr/breach-notified-72h: personal data breaches notified to the authority after the limit, or not
-- notified once it has passed, without a delay_reason. Hours run from detection, time zones
-- included. Read by `ims check`.
WITH breach AS (
    SELECT id, detected_at, authority_notified_at,
           round((julianday(authority_notified_at) - julianday(detected_at)) * 24, 1) AS hours,
           round((julianday(:as_of) - julianday(detected_at)) * 24, 1) AS hours_open
    FROM v1_incidents
    WHERE personal_data_breach = 1 AND date(detected_at) <= :as_of
      AND trim(coalesce(delay_reason, '')) = ''
)
SELECT 'incident' AS subject_type, id AS subject_id, 'fail' AS status,
       'breach detected ' || detected_at || ', '
       || CASE WHEN authority_notified_at IS NOT NULL
               THEN 'authority notified ' || authority_notified_at || ', ' || hours || ' hours later'
               ELSE 'authority not notified' END
       || '; limit ' || :breach_notification_hours || ' hours and no reason for the delay recorded'
       AS message
FROM breach
WHERE (authority_notified_at IS NOT NULL AND hours > :breach_notification_hours)
   OR (authority_notified_at IS NULL AND hours_open > :breach_notification_hours)
