// The generic row writer of the one write path, and reads of single rows and whole tables.
#include "ims/core/store.hpp"

#include "ims/core/error.hpp"
#include "ims/core/model.hpp"
#include "store/change_log.hpp"
#include "store/row_writer.hpp"
#include "store/rows.hpp"
#include "store/schema.hpp"
#include "store/sqlite.hpp"
#include "store/transaction.hpp"

#include <QDateTime>

#include <filesystem>
#include <map>
#include <mutex>

namespace ims::store {
namespace {

nlohmann::json read_row(Database& db, const model::Entity& entity, std::string_view id) {
    Statement& stmt = db.cached(table_sql(entity).select_by_id);
    stmt.bind(1, id);
    nlohmann::json row = stmt.step() ? row_from(stmt, entity) : nlohmann::json();
    stmt.reset();
    return row;
}

// Keeps only the entity's columns, drops nulls and checks each value against its field, so that
// equal rows compare equal and nothing malformed reaches a table.
nlohmann::json normalise(const model::Entity& entity, const nlohmann::json& row) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& column : columns_of(entity)) {
        auto it = row.find(column.name);
        if (it == row.end() || it->is_null()) continue;
        auto problem = column.field
                           ? model::check_field(entity, *column.field, *it)
                           : (it->is_string() ? std::nullopt
                                              : std::optional<std::string>("expected a string"));
        if (problem)
            throw Error(ErrorCode::kInvalidInput,
                        std::string(entity.name) + " field '" + column.name + "': " + *problem);
        out[column.name] = *it;
    }
    return out;
}

}  // namespace

int current_store_format() {
    return static_cast<int>(migrations().size());
}

std::string utc_now() {
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString();
}

Store::Store(std::unique_ptr<Database> db) : db_(std::move(db)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

const std::string& Store::path() const {
    return db_->path();
}
void Store::write(const std::string& actor, const std::function<void(WriteTxn&)>& fn,
                  Commit commit) {
    in_transaction(*db_, "BEGIN IMMEDIATE", commit == Commit::kYes, [&] {
        WriteTxn txn(*db_, actor);
        fn(txn);
    });
}

void Store::read(const std::function<void()>& fn) const {
    if (!sqlite3_get_autocommit(db_->get())) return fn();  // already inside one transaction
    // The first read after BEGIN fixes the snapshot; read now so that it is this moment's.
    in_transaction(*db_, "BEGIN", false, [&] {
        Statement(*db_, "SELECT 1 FROM sqlite_schema LIMIT 1").step();
        fn();
    });
}

WriteTxn::WriteTxn(Database& db, std::string actor)
    : db_(db), actor_(std::move(actor)), at_(utc_now()) {
    Statement last(db_, "SELECT seq, hash FROM change_log ORDER BY seq DESC LIMIT 1");
    if (last.step()) {
        last_seq_ = last.integer(0);
        last_hash_ = last.text(1);
    } else {
        last_hash_ = genesis_hash();
    }
}

PutOutcome WriteTxn::put(std::string_view entity, const nlohmann::json& row) {
    const model::Entity& type = model::entity(entity);
    if (type.kind == model::EntityKind::kSingleton && !row.contains("id")) {
        nlohmann::json with_id = row;
        with_id["id"] = "org";
        return put(entity, with_id);
    }
    nlohmann::json wanted = normalise(type, row);
    if (!wanted.contains("id") || wanted["id"].get_ref<const std::string&>().empty())
        throw Error(ErrorCode::kInvalidInput, std::string(entity) + " row has no id");
    RowWriter writer(*this, type);
    const auto& columns = writer.table().columns;
    Cells cells(columns.size()), stored;
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (auto it = wanted.find(columns[i].name); it != wanted.end()) set_cell(cells[i], *it);
    int64_t rowid = 0;
    if (!writer.read(cells[0].text, stored, rowid)) {
        writer.insert(cells, rowid);
        return PutOutcome::kAdded;
    }
    std::vector<std::size_t> changed;
    writer.update(cells, stored, changed);
    return changed.empty() ? PutOutcome::kUnchanged : PutOutcome::kChanged;
}

nlohmann::json Store::get(std::string_view entity, std::string_view id) const {
    return read_row(*db_, model::entity(entity), id);
}

static void each_row(Database& db, std::string_view entity,
                     const std::function<void(const nlohmann::json&)>& fn) {
    const model::Entity& type = model::entity(entity);
    Statement stmt(db, table_sql(type).select + " ORDER BY id");
    while (stmt.step()) fn(row_from(stmt, type));
}

void Store::for_each(std::string_view entity,
                     const std::function<void(const nlohmann::json&)>& fn) const {
    each_row(*db_, entity, fn);
}

void WriteTxn::for_each(std::string_view entity,
                        const std::function<void(const nlohmann::json&)>& fn) {
    each_row(db_, entity, fn);
}

nlohmann::json WriteTxn::get(std::string_view entity, std::string_view id) {
    return read_row(db_, model::entity(entity), id);
}

}  // namespace ims::store
