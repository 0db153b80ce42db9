// The hash-chained change log: appended in the writer's transaction, walked by Store::verify.
// hash = sha256(prev_hash || "\n" || canonical JSON of {seq, at, actor, entity, entity_id, op,
// payload}); canonical means keys sorted, no whitespace (nlohmann::json::dump()).
#include "ims/core/store.hpp"

#include "store/sqlite.hpp"
#include "util/sha256.hpp"

namespace ims::store {
namespace {

std::string entry_hash(const std::string& prev_hash, int64_t seq, const std::string& at,
                       const std::string& actor, const std::string& entity,
                       const std::string& entity_id, const std::string& op,
                       const nlohmann::json& payload) {
    nlohmann::json record = {{"seq", seq},       {"at", at}, {"actor", actor},
                             {"entity", entity}, {"entity_id", entity_id},
                             {"op", op},         {"payload", payload}};
    return util::sha256_hex(prev_hash + "\n" + record.dump());
}

}  // namespace

void WriteTxn::append_log(std::string_view entity, std::string_view id, std::string_view op,
                          const nlohmann::json& payload) {
    int64_t seq = last_seq_ + 1;
    std::string hash = entry_hash(last_hash_, seq, at_, actor_, std::string(entity),
                                  std::string(id), std::string(op), payload);
    Statement& stmt = db_.cached(
        "INSERT INTO change_log (seq, at, actor, entity, entity_id, op, payload, "
        "prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    stmt.bind(1, seq).bind(2, at_).bind(3, actor_).bind(4, entity).bind(5, id).bind(6, op);
    stmt.bind(7, payload.dump()).bind(8, last_hash_).bind(9, hash);
    stmt.run();
    last_seq_ = seq;
    last_hash_ = hash;
}

// Appends problems found in the chain to `report`.
void verify_change_log(Database& db, VerifyReport& report) {
    Statement stmt(db,
                   "SELECT seq, at, actor, entity, entity_id, op, payload, prev_hash, hash "
                   "FROM change_log ORDER BY seq");
    std::string expected_prev(64, '0');
    int64_t expected_seq = 1;
    while (stmt.step()) {
        ++report.log_entries;
        int64_t seq = stmt.integer(0);
        std::string where = "change log row seq " + std::to_string(seq);
        if (seq != expected_seq)
            report.problems.push_back(where + ": expected seq " + std::to_string(expected_seq) +
                                      " (rows are missing or were inserted)");
        expected_seq = seq + 1;
        std::string prev = stmt.text(7), hash = stmt.text(8);
        if (prev != expected_prev)
            report.problems.push_back(where + ": prev_hash does not match the previous row's hash");
        nlohmann::json payload;
        try {
            payload = nlohmann::json::parse(stmt.text(6));
        } catch (const nlohmann::json::exception&) {
            report.problems.push_back(where + ": payload is not valid JSON");
            expected_prev = hash;
            continue;
        }
        std::string recomputed = entry_hash(prev, seq, stmt.text(1), stmt.text(2), stmt.text(3),
                                            stmt.text(4), stmt.text(5), payload);
        if (recomputed != hash)
            report.problems.push_back(where + " (" + stmt.text(3) + " '" + stmt.text(4) +
                                      "'): content does not match its hash; the row was altered");
        expected_prev = hash;
    }
}

}  // namespace ims::store
