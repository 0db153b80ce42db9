-- core/management-review-interval: the last held review is older than the interval (never more
-- than 12 months), and planned reviews after it that were not held. Read by `ims check`.
WITH last AS (
    SELECT id, held_on,
           date(held_on, '+' || min(:management_review_interval_months, 12) || ' months') AS due
    FROM v1_management_reviews WHERE held_on IS NOT NULL AND held_on <= :as_of
    ORDER BY held_on DESC, id DESC LIMIT 1
)
SELECT 'management_review' AS subject_type, id AS subject_id, 'fail' AS status,
       'last review held ' || held_on || '; with an interval of '
       || min(:management_review_interval_months, 12) || ' months the next was due by ' || due
       || ' (' || CAST(julianday(:as_of) - julianday(due) AS INTEGER) || ' days ago)' AS message
FROM last WHERE due < :as_of
UNION ALL
SELECT 'management_review', m.id, 'fail',
       'planned for ' || m.planned_on || ' and not held ('
       || CAST(julianday(:as_of) - julianday(m.planned_on) AS INTEGER) || ' days ago)'
FROM v1_management_reviews m
WHERE (m.held_on IS NULL OR m.held_on > :as_of) AND m.planned_on < :as_of
  AND m.planned_on > coalesce((SELECT held_on FROM last), '0000-00-00')
UNION ALL
SELECT 'management_review', '', 'fail', 'no management review has been held'
WHERE NOT EXISTS (SELECT 1 FROM v1_management_reviews WHERE held_on <= :as_of)
  AND NOT EXISTS (SELECT 1 FROM v1_management_reviews WHERE planned_on < :as_of)
