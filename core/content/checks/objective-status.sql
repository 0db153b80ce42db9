-- core/objective-status: missed objectives and objectives past their due date that were not
-- achieved (fail); objectives at risk (warn). Read by `ims check`.
SELECT 'objective' AS subject_type, id AS subject_id,
       CASE WHEN status = 'at_risk' AND (due_on IS NULL OR due_on >= :as_of) THEN 'warn'
            ELSE 'fail' END AS status,
       CASE WHEN status = 'missed' THEN 'missed'
            WHEN due_on < :as_of THEN 'due ' || due_on || ' and still ' || status
            ELSE 'at risk' END
       || coalesce(': last value ' || last_value, '')
       || coalesce(' (' || last_measured_on || ')', '')
       || ' against the target ' || target
       || coalesce('; due ' || CASE WHEN status IN ('missed', 'at_risk') THEN due_on END, '')
       AS message
FROM v1_objectives
WHERE status = 'missed' OR status = 'at_risk'
   OR (status = 'on_track' AND due_on < :as_of)
