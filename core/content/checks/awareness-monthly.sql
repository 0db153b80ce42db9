-- core/awareness-monthly: each complete calendar month that started within the 12 months before
-- the as-of date (and not before the first adoption) with no awareness activity. Read by `ims check`.
WITH RECURSIVE months(start) AS (
    SELECT date(:as_of, '-12 months', 'start of month', '+1 month')
    UNION ALL
    SELECT date(start, '+1 month') FROM months WHERE date(start, '+2 months') <= :as_of
)
SELECT 'month' AS subject_type, strftime('%Y-%m', m.start) AS subject_id, 'fail' AS status,
       'no awareness activity between ' || m.start || ' and ' || date(m.start, '+1 month', '-1 day')
       AS message
FROM months m
WHERE date(m.start, '+1 month') <= :as_of
  AND m.start >= (SELECT date(min(adopted_on), 'start of month') FROM v1_adopted_standards)
  AND NOT EXISTS (SELECT 1 FROM v1_awareness_activities a
                  WHERE a.held_on >= m.start AND a.held_on < date(m.start, '+1 month'))
