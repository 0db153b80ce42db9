#include "store/v1_reads.hpp"

#include <algorithm>

namespace ims::store {

std::map<std::string, std::vector<std::string>> current_evidence_by_control(
    Database& db, const std::string& as_of) {
    // Driven from the evidence: one pass over it and, for each current record, its links from the
    // (evidence_id, control_id) index. Walked from the links instead (as an ORDER BY control_id
    // makes SQLite do), every link costs two random lookups, which grows faster than the store
    // once its pages no longer fit the page cache. The grouping is done here, not by a sort.
    Statement stmt(
        db,
        "SELECT ec.control_id, e.id FROM v1_evidence e CROSS JOIN v1_evidence_controls ec "
        "ON ec.evidence_id = e.id WHERE (e.collected_on IS NULL OR e.collected_on <= ?1) "
        "AND (e.valid_until IS NULL OR e.valid_until >= ?1)");
    stmt.bind(1, as_of);
    std::map<std::string, std::vector<std::string>> evidence;
    while (stmt.step()) evidence[stmt.text(0)].push_back(stmt.text(1));
    for (auto& [control, ids] : evidence) std::sort(ids.begin(), ids.end());
    return evidence;
}

}  // namespace ims::store
