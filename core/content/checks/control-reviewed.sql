-- core/control-reviewed: implemented controls not reviewed within their interval (the check's
-- default when the control names none), counted from the last review or else the go-live date.
-- Read by `ims check`.
WITH due AS (
    SELECT id, last_reviewed_on, implemented_on,
           coalesce(review_interval_months, :control_review_interval_months) AS months,
           date(coalesce(last_reviewed_on, implemented_on),
                '+' || coalesce(review_interval_months, :control_review_interval_months)
                || ' months') AS due_on
    FROM v1_controls WHERE status = 'implemented'
)
SELECT 'control' AS subject_type, id AS subject_id, 'fail' AS status,
       CASE WHEN last_reviewed_on IS NULL AND implemented_on IS NULL
            THEN 'implemented control with no review or go-live date'
            ELSE coalesce('last reviewed ' || last_reviewed_on,
                          'never reviewed since going live ' || implemented_on)
                 || ' with a ' || months || '-month interval; review was due ' || due_on
                 || ' (' || CAST(julianday(:as_of) - julianday(due_on) AS INTEGER) || ' days ago)'
       END AS message
FROM due WHERE due_on IS NULL OR due_on < :as_of
