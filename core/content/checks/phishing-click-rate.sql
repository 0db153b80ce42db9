-- core/phishing-click-rate: the latest campaign sent by the as-of date, its click rate against the
-- threshold and against the campaign before it. Read by `ims check`.
WITH ranked AS (
    SELECT id, sent_on, clicked, recipients,
           CASE WHEN recipients > 0 THEN round(100.0 * clicked / recipients, 1) END AS rate,
           row_number() OVER (ORDER BY sent_on DESC, id DESC) AS n
    FROM v1_phishing_campaigns WHERE sent_on <= :as_of
),
latest AS (
    SELECT l.*, p.id AS prev_id, p.rate AS prev_rate
    FROM ranked l LEFT JOIN ranked p ON p.n = 2 WHERE l.n = 1
)
SELECT 'phishing_campaign' AS subject_type, id AS subject_id, 'fail' AS status,
       'sent ' || sent_on || ': ' || clicked || ' of ' || recipients || ' clicked (' || rate || ' %)'
       || CASE WHEN rate > :phishing_click_rate_max_percent
               THEN ', above the threshold of ' || :phishing_click_rate_max_percent || ' %' ELSE '' END
       || CASE WHEN rate > prev_rate
               THEN ', up from ' || prev_rate || ' % in ' || prev_id ELSE '' END AS message
FROM latest
WHERE rate > :phishing_click_rate_max_percent OR rate > prev_rate
