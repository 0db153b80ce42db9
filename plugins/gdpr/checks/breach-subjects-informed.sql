-- gdpr/breach-subjects-informed: high-risk personal data breaches not communicated to the data
-- subjects. Read by `ims check`.
SELECT 'incident' AS subject_type, id AS subject_id, 'fail' AS status,
       'high-risk breach detected ' || detected_at || ' with no communication to the data subjects'
       || ' recorded (' || CAST(julianday(:as_of) - julianday(detected_at) AS INTEGER) || ' days)'
       AS message
FROM v1_incidents
WHERE personal_data_breach = 1 AND high_risk_to_subjects = 1 AND date(detected_at) <= :as_of
  AND (subjects_notified_at IS NULL OR date(subjects_notified_at) > :as_of)
