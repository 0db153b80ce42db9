-- popia/compromise-notified: personal data breaches with no notification to the Regulator and no
-- delay_reason (fail), and notifications with no delay_reason (manual). POPIA s22 asks for "as
-- soon as reasonably possible" and sets no hours, so the check names the hours and a person
-- judges them. Read by `ims check`.
SELECT 'incident' AS subject_type, id AS subject_id,
       CASE WHEN authority_notified_at IS NULL THEN 'fail' ELSE 'manual' END AS status,
       'compromise detected ' || detected_at || ', '
       || CASE WHEN authority_notified_at IS NULL
               THEN 'the Regulator was not notified and no reason is recorded'
               ELSE 'the Regulator was notified '
                    || round((julianday(authority_notified_at) - julianday(detected_at)) * 24, 1)
                    || ' hours later with no reason for the time taken recorded: confirm that was as'
                    || ' soon as reasonably possible (s22(2))' END AS message
FROM v1_incidents
WHERE personal_data_breach = 1 AND date(detected_at) <= :as_of
  AND trim(coalesce(delay_reason, '')) = ''
