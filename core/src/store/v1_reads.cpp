#include "store/v1_reads.hpp"

namespace ims::store {

std::map<std::string, std::vector<std::string>> current_evidence_by_control(QueryConnection& db,
                                                                            const std::string& as_of) {
    std::map<std::string, std::vector<std::string>> evidence;
    db.query(
        "SELECT ec.control_id, e.id FROM v1_evidence e JOIN v1_evidence_controls ec "
        "ON ec.evidence_id = e.id WHERE (e.collected_on IS NULL OR e.collected_on <= :as_of) "
        "AND (e.valid_until IS NULL OR e.valid_until >= :as_of) ORDER BY ec.control_id, e.id",
        {{":as_of", as_of}}, [&](const QueryRow& row) {
            evidence[*row.values[0]].push_back(*row.values[1]);
            return true;
        });
    return evidence;
}

}  // namespace ims::store
