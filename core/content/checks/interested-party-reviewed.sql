-- core/interested-party-reviewed: interested parties never reviewed or last reviewed before the
-- interval. Read by `ims check`.
SELECT 'interested_party' AS subject_type, id AS subject_id, 'fail' AS status,
       coalesce('last reviewed ' || reviewed_on || ', more than '
                || :context_review_interval_months || ' months ago', 'never reviewed') AS message
FROM v1_interested_parties
WHERE reviewed_on IS NULL
   OR reviewed_on < date(:as_of, '-' || :context_review_interval_months || ' months')
