-- popia/compromise-notified: personal data breaches with no notification to the Regulator, or one
-- made later than the organisation's review threshold with no delay_reason. POPIA s22 asks for "as
-- soon as reasonably possible" and sets no hours. Read by `ims check`.
WITH breach AS (
    SELECT id, detected_at, authority_notified_at, delay_reason,
           round((julianday(authority_notified_at) - julianday(detected_at)) * 24, 1) AS hours
    FROM v1_incidents WHERE personal_data_breach = 1 AND date(detected_at) <= :as_of
)
SELECT 'incident' AS subject_type, id AS subject_id, 'fail' AS status,
       'compromise detected ' || detected_at || ', '
       || CASE WHEN authority_notified_at IS NULL THEN 'the Regulator was not notified'
               ELSE 'the Regulator was notified ' || hours || ' hours later with no reason for the delay'
                    || ' recorded (review threshold ' || :popia_notification_review_hours || ' hours)'
          END AS message
FROM breach
WHERE (authority_notified_at IS NULL AND trim(coalesce(delay_reason, '')) = '')
   OR (hours > :popia_notification_review_hours AND trim(coalesce(delay_reason, '')) = '')
