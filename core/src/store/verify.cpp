// `ims verify`: everything that proves a store was changed only by ims. The change log's hash
// chain is walked over the stored bytes; the log is replayed against every live table (and the
// vault), so an edit made outside ims is named by entity, id and field; every evidence record's
// file must be in the vault; the vault is re-hashed; SQLite checks its own pages. Damage is
// reported, never thrown: a damaged store is exactly what verify exists to describe.
#include "store/verify.hpp"

#include "formats/json_reader.hpp"
#include "formats/json_writer.hpp"
#include "ims/core/error.hpp"
#include "ims/core/model.hpp"
#include "store/change_log.hpp"
#include "store/rows.hpp"
#include "store/vault.hpp"

#include <algorithm>
#include <set>

namespace ims::store {
namespace {

constexpr std::string_view kVaultEntity = "vault_blob";

// Runs one stage of verification; an error (a damaged page, say) becomes a problem and the other
// stages still run.
void stage(VerifyReport& report, const std::string& what, const std::function<void()>& fn) {
    try {
        fn();
    } catch (const std::exception& e) {
        report.problems.push_back("could not finish " + what + ": " + e.what());
    }
}

void check_pages(Database& db, VerifyReport& report) {
    Statement integrity(db, "PRAGMA integrity_check(100)");
    while (integrity.step()) {
        std::string line = integrity.text(0);
        if (line != "ok") report.problems.push_back("SQLite integrity check: " + line);
    }
}

void walk_chain(Database& db, VerifyReport& report, const std::optional<LogHead>& expected) {
    Statement stmt(db,
                   "SELECT seq, at, actor, entity, entity_id, op, payload, prev_hash, hash FROM "
                   "change_log ORDER BY seq");
    std::string expected_prev = genesis_hash();
    int64_t expected_seq = 1;
    std::optional<std::string> hash_at_expected;
    while (stmt.step()) {
        ++report.log_entries;
        LogEntry e{stmt.integer(0), stmt.text(1), stmt.text(2), stmt.text(3),
                   stmt.text(4),    stmt.text(5), stmt.text(6)};
        const std::string prev = stmt.text(7), hash = stmt.text(8);
        const std::string where = "change log entry seq " + std::to_string(e.seq);
        if (e.seq != expected_seq)
            report.problems.push_back(where + ": expected seq " + std::to_string(expected_seq) +
                                      " (entries are missing or were inserted)");
        if (prev != expected_prev)
            report.problems.push_back(where +
                                      ": prev_hash does not match the previous entry's hash");
        try {
            if (entry_hash(prev, e) != hash)
                report.problems.push_back(
                    where + " (" + e.entity + " '" + e.entity_id +
                    "'): content does not match its hash; the entry was altered");
        } catch (const Error& error) {
            report.problems.push_back(where + ": " + error.what() + "; the entry was altered");
        }
        if (expected && e.seq == expected->seq) hash_at_expected = hash;
        report.head = {e.seq, hash};
        expected_seq = e.seq + 1;
        expected_prev = hash;
    }
    if (!expected) return;
    const std::string receipt = std::to_string(expected->seq) + ":" + expected->hash;
    if (!hash_at_expected)
        report.problems.push_back("the change log ends at seq " + std::to_string(report.head.seq) +
                                  ", before the receipt's " + receipt +
                                  ": entries were removed since the receipt was taken");
    else if (*hash_at_expected != expected->hash)
        report.problems.push_back("change log entry seq " + std::to_string(expected->seq) +
                                  " has hash " + *hash_at_expected + ", not the receipt's " +
                                  expected->hash +
                                  ": the log was rewritten since the receipt was taken");
}

// The fields of two rows that differ, for a message: "title ('A' in the store, 'B' logged)".
std::string differing_fields(const nlohmann::json& live, const nlohmann::json& logged) {
    std::set<std::string> names;
    for (const auto& [k, v] : live.items()) names.insert(k);
    if (logged.is_object())
        for (const auto& [k, v] : logged.items()) names.insert(k);
    std::string out;
    for (const auto& name : names) {
        auto a = live.find(name);
        auto b = logged.is_object() ? logged.find(name) : logged.end();
        const bool has_a = a != live.end(), has_b = logged.is_object() && b != logged.end();
        if (has_a && has_b && *a == *b) continue;
        out +=
            (out.empty() ? "" : "; ") + std::string("field '") + name + "' is " +
            (has_a ? a->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) : "empty") +
            " in the store but " +
            (has_b ? b->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) : "empty") +
            " in the change log";
    }
    return out.empty() ? "its stored form differs from the change log's" : out;
}

// The live rows of one logged entity (a model entity or the vault), ordered by id, each with the
// text the change log would record for it.
class LiveRows {
public:
    LiveRows(Database& db, std::string_view entity)
        : type_(entity == kVaultEntity ? nullptr : &model::entity(entity)),
          stmt_(db, type_ ? table_sql(*type_).select + " ORDER BY id"
                          : std::string("SELECT sha256, size FROM vault ORDER BY sha256")) {
        advance();
    }
    bool done() const { return done_; }
    const std::string& id() const { return id_; }
    const std::string& logged_form() const { return logged_form_; }
    // The current row as JSON, for a drift's message (built only then).
    nlohmann::json row() const {
        if (type_) return row_from(stmt_, *type_);
        return {{"sha256", id_}, {"size", stmt_.integer(1)}};
    }
    void advance() {
        done_ = !stmt_.step();
        if (done_) return;
        id_ = stmt_.text(0);
        if (type_) {
            logged_form_ = store::logged_form(stmt_, *type_);
            return;
        }
        logged_form_ = "{\"sha256\":";
        formats::append_json_string(logged_form_, id_, formats::InvalidUtf8::kReplace);
        logged_form_ += ",\"size\":" + std::to_string(stmt_.integer(1)) + "}";
    }

private:
    const model::Entity* type_;
    Statement stmt_;
    bool done_ = false;
    std::string id_;
    std::string logged_form_;
};

// The newest change-log entry of each (entity, id), in that order. Only the keys are sorted (the
// GROUP BY); op and payload are then read by seq, so the sort does not hold every payload.
class NewestEntries {
public:
    explicit NewestEntries(Database& db)
        : keys_(db,
                "SELECT entity, entity_id, max(seq) FROM change_log GROUP BY entity, entity_id "
                "ORDER BY entity, entity_id"),
          entry_(db, "SELECT op, payload FROM change_log WHERE seq = ?1") {
        advance();
    }
    bool done() const { return done_; }
    const std::string& entity() const { return entity_; }
    const std::string& id() const { return id_; }
    const std::string& op() const { return op_; }
    const std::string& payload() const { return payload_; }
    int64_t seq() const { return seq_; }
    void advance() {
        done_ = !keys_.step();
        if (done_) return;
        entity_ = keys_.text(0);
        id_ = keys_.text(1);
        seq_ = keys_.integer(2);
        entry_.reset();
        entry_.bind(1, seq_);
        entry_.step();
        op_ = entry_.text(0);
        payload_ = entry_.text(1);
    }

private:
    Statement keys_, entry_;
    bool done_ = false;
    std::string entity_, id_, op_, payload_;
    int64_t seq_ = 0;
};

// Every entity the log may name, in the log query's order (bytewise by name).
std::vector<std::string> logged_entities() {
    std::vector<std::string> names{std::string(kVaultEntity)};
    for (const auto& e : model::entities()) names.emplace_back(e.name);
    std::sort(names.begin(), names.end());
    return names;
}

// A log entry for an entity this ims has no table for drifts unless its newest entry deleted it.
void report_unknown(const NewestEntries& log, const std::function<void(const Drift&)>& fn) {
    if (log.op() != "delete")
        fn({log.entity(), log.id(), std::nullopt, log.payload(), log.op(), log.seq(), true});
}

}  // namespace

void for_each_drift(Database& db, const std::function<void(const Drift&)>& fn) {
    NewestEntries log(db);
    for (const auto& entity : logged_entities()) {
        // Log entries of entities this ims does not know sort before this one.
        while (!log.done() && log.entity() < entity) {
            report_unknown(log, fn);
            log.advance();
        }
        LiveRows live(db, entity);
        while (!live.done() || (!log.done() && log.entity() == entity)) {
            const bool has_log = !log.done() && log.entity() == entity;
            const int order = live.done() ? 1 : !has_log ? -1 : live.id().compare(log.id());
            if (order < 0) {
                fn({entity, live.id(), live.row(), std::nullopt, {}, 0, false});
                live.advance();
                continue;
            }
            if (order > 0) {
                if (log.op() != "delete")
                    fn({entity, log.id(), std::nullopt, log.payload(), log.op(), log.seq(), false});
            } else {
                if (log.op() == "delete" || live.logged_form() != log.payload())
                    fn({entity, live.id(), live.row(), log.payload(), log.op(), log.seq(), false});
                live.advance();
            }
            log.advance();
        }
    }
    while (!log.done()) {
        report_unknown(log, fn);
        log.advance();
    }
}

namespace {

std::string describe(const Drift& d) {
    const std::string subject = d.entity + " '" + d.id + "'";
    const std::string at = "the change log (seq " + std::to_string(d.seq) + ")";
    if (d.unknown_entity) return at + " names " + subject + ", an entity this ims does not know";
    if (!d.logged) return subject + " is not in the change log: it was written outside ims";
    if (!d.live)
        return subject + " is missing, but " + at + " says it exists: it was deleted outside ims";
    if (d.op == "delete")
        return subject + " exists, but " + at + " says it was deleted: it was written outside ims";
    nlohmann::json logged;
    try {
        logged = formats::parse_json(*d.logged,
                                     at);  // depth-bounded: a tampered payload cannot crash verify
    } catch (const Error& e) {
        return subject + ": " + at + " holds a payload that is not acceptable JSON (" + e.what() +
               ")";
    }
    return subject + " differs from " + at + ": " + differing_fields(*d.live, logged) +
           "; it was edited outside ims";
}

void replay(Database& db, VerifyReport& report) {
    for_each_drift(db, [&](const Drift& d) { report.problems.push_back(describe(d)); });
}

void check_vault(Database& db, VerifyReport& report) {
    Statement missing(
        db,
        "SELECT e.id, e.sha256 FROM evidence e WHERE e.sha256 IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM vault v WHERE v.sha256 = e.sha256) ORDER BY e.id");
    while (missing.step())
        report.problems.push_back("evidence '" + missing.text(0) + "' names the file sha256 " +
                                  missing.text(1) + ", which the vault does not hold");
    Statement blobs(db, "SELECT rowid, sha256, size FROM vault ORDER BY sha256");
    while (blobs.step()) {
        ++report.blobs;
        const std::string sha = blobs.text(1);
        BlobHash found = hash_blob(db, blobs.integer(0));
        if (found.size != blobs.integer(2))
            report.problems.push_back("vault blob " + sha + ": size " + std::to_string(found.size) +
                                      " differs from the recorded " +
                                      std::to_string(blobs.integer(2)));
        if (found.sha256 != sha)
            report.problems.push_back("vault blob " + sha +
                                      ": content does not match its sha256; the file was altered");
    }
}

}  // namespace

VerifyReport verify_store(Database& db, const std::optional<LogHead>& expected) {
    VerifyReport report;
    stage(report, "SQLite's integrity check", [&] { check_pages(db, report); });
    stage(report, "the change log's hash chain", [&] { walk_chain(db, report, expected); });
    stage(report, "the replay of the change log against the store", [&] { replay(db, report); });
    stage(report, "the evidence vault", [&] { check_vault(db, report); });
    return report;
}

VerifyReport Store::verify(const std::optional<LogHead>& expected) const {
    return verify_store(*db_, expected);
}

LogHead LogHead::parse(const std::string& text) {
    const auto colon = text.find(':');
    const std::string hash = colon == std::string::npos ? "" : text.substr(colon + 1);
    int64_t seq = 0;
    bool number = colon != std::string::npos && colon > 0 && colon <= 18 &&
                  std::all_of(text.begin(), text.begin() + static_cast<long>(colon),
                              [](char c) { return c >= '0' && c <= '9'; });
    if (number) seq = std::stoll(text.substr(0, colon));
    const bool hex =
        hash.size() == 64 && hash.find_first_not_of("0123456789abcdef") == std::string::npos;
    if (!number || !hex || seq < 1)
        throw Error(ErrorCode::kUsage, "a change-log receipt is SEQ:HASH (e.g. 42:" +
                                           std::string(64, 'a').substr(0, 8) +
                                           "...; 64 hex digits), got '" + text + "'");
    return {seq, hash};
}

std::string LogHead::text() const {
    return std::to_string(seq) + ":" + hash;
}

}  // namespace ims::store
