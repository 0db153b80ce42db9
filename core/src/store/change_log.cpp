// The hash-chained change log, appended in the writer's transaction. Each entry's hash covers the
// previous hash and the entry's stored bytes (docs/store.md), so that `ims verify` recomputes it
// from what is on disk without re-serialising anything.
#include "store/change_log.hpp"

#include "ims/core/error.hpp"
#include "ims/core/store.hpp"
#include "formats/json_writer.hpp"
#include "store/sqlite.hpp"
#include "util/sha256.hpp"

#include <nlohmann/json.hpp>

namespace ims::store {
namespace {

void append_quoted(std::string& record, const std::string& text) {
    try {
        formats::append_json_string(record, text);
    } catch (const Error&) {
        throw Error(ErrorCode::kInvalidInput, "holds text that is not valid UTF-8");
    }
}

}  // namespace

std::string entry_hash(std::string_view prev_hash, const LogEntry& e) {
    std::string record;
    record.reserve(prev_hash.size() + e.payload.size() + 160);
    record.append(prev_hash).append("\n");
    record.append("{\"actor\":");
    append_quoted(record, e.actor);
    record.append(",\"at\":");
    append_quoted(record, e.at);
    record.append(",\"entity\":");
    append_quoted(record, e.entity);
    record.append(",\"entity_id\":");
    append_quoted(record, e.entity_id);
    record.append(",\"op\":");
    append_quoted(record, e.op);
    record.append(",\"payload\":").append(e.payload);
    record.append(",\"seq\":").append(std::to_string(e.seq)).append("}");
    return util::sha256_hex(record);
}

void WriteTxn::append_log(std::string_view entity, std::string_view id, std::string_view op,
                          const nlohmann::json& payload) {
    std::string text;
    try {
        text = payload.dump();
    } catch (const nlohmann::json::exception&) {
        throw Error(ErrorCode::kInvalidInput,
                    std::string(entity) + " '" + std::string(id) + "': a value is not valid UTF-8");
    }
    append_log(entity, id, op, std::move(text));
}

void WriteTxn::append_log(std::string_view entity, std::string_view id, std::string_view op,
                          std::string payload) {
    LogEntry entry{
        last_seq_ + 1,     at_, actor_, std::string(entity), std::string(id), std::string(op),
        std::move(payload)};
    std::string hash = entry_hash(last_hash_, entry);
    if (!insert_log_)
        insert_log_ = &db_.cached(
            "INSERT INTO change_log (seq, at, actor, entity, entity_id, op, payload, "
            "prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    Statement& stmt = *insert_log_;
    stmt.reset();
    stmt.bind(1, entry.seq)
        .bind_unowned(2, entry.at)
        .bind_unowned(3, entry.actor)
        .bind_unowned(4, entry.entity)
        .bind_unowned(5, entry.entity_id);
    stmt.bind_unowned(6, entry.op)
        .bind_unowned(7, entry.payload)
        .bind_unowned(8, last_hash_)
        .bind_unowned(9, hash);
    stmt.run();
    stmt.reset();  // before `entry` and `hash`, which it points into, go
    last_seq_ = entry.seq;
    last_hash_ = hash;
}

}  // namespace ims::store
