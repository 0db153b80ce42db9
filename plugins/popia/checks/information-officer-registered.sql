-- popia/information-officer-registered: the organisation's Information Officer: none, not
-- registered with the Regulator (s55(2)), or left. Read by `ims check`.
SELECT 'organisation' AS subject_type, o.id AS subject_id, 'fail' AS status,
       CASE WHEN o.information_officer_id IS NULL THEN 'no Information Officer is named'
            WHEN p.left_on < :as_of
            THEN 'the Information Officer ' || o.information_officer_id || ' left on ' || p.left_on
            ELSE 'the Information Officer ' || o.information_officer_id
                 || ' is not registered with the Information Regulator' END AS message
FROM v1_organisation o LEFT JOIN v1_people p ON p.id = o.information_officer_id
WHERE o.information_officer_id IS NULL OR p.left_on < :as_of
   OR o.information_officer_registered_on IS NULL OR o.information_officer_registered_on > :as_of
