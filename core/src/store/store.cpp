// Opening, creating and migrating stores, and the generic row writer of the one write path.
#include "ims/core/store.hpp"

#include "ims/core/error.hpp"
#include "ims/core/model.hpp"
#include "store/schema.hpp"
#include "store/sqlite.hpp"

#include <QDateTime>

#include <filesystem>
#include <map>
#include <mutex>

namespace ims::store {
namespace {

void configure(Database& db) {
    db.exec("PRAGMA foreign_keys = ON");
    db.exec("PRAGMA synchronous = FULL");
}

void migrate(Database& db) {
    const auto& steps = migrations();
    int64_t format = db.pragma_int("user_version");
    for (auto i = static_cast<std::size_t>(format); i < steps.size(); ++i) {
        db.exec("BEGIN IMMEDIATE");
        try {
            db.exec(steps[i]);
            db.exec("PRAGMA user_version = " + std::to_string(i + 1));
            db.exec("COMMIT");
        } catch (...) {
            db.exec("ROLLBACK");
            throw;
        }
    }
}

// A table column of an entity and the model field stored in it (none for a derived id).
struct Column {
    std::string name;
    const model::Field* field;
};

// An entity's columns and the SQL the write path runs for it, built once per entity: put() and
// read_row() run once per imported row.
struct TableSql {
    std::vector<Column> columns;
    std::string select;  // every column, no WHERE
    std::string select_by_id;
    std::string upsert;
};

TableSql build_table_sql(const model::Entity& entity) {
    TableSql t;
    const model::Field* id_field = nullptr;
    for (const auto& field : entity.fields)
        if (field.column_name() == "id") id_field = &field;
    t.columns.push_back({"id", id_field});
    for (const auto& field : entity.fields)
        if (field.stored() && field.column_name() != "id") t.columns.push_back({std::string(field.name), &field});
    std::string names, values, updates;
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
        const std::string& name = t.columns[i].name;
        names += (i ? ", " : "") + name;
        values += (i ? ", ?" : "?") + std::to_string(i + 1);
        if (i > 0) updates += (i > 1 ? ", " : "") + name + " = excluded." + name;
    }
    const std::string table(entity.table);
    t.select = "SELECT " + names + " FROM " + table;
    t.select_by_id = t.select + " WHERE id = ?1";
    t.upsert = "INSERT INTO " + table + " (" + names + ") VALUES (" + values + ")";
    if (t.columns.size() > 1) t.upsert += " ON CONFLICT (id) DO UPDATE SET " + updates;
    return t;
}

const TableSql& table_sql(const model::Entity& entity) {
    static std::map<std::string_view, TableSql> cache;
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    auto it = cache.find(entity.name);
    if (it == cache.end()) it = cache.emplace(entity.name, build_table_sql(entity)).first;
    return it->second;
}

const std::vector<Column>& columns_of(const model::Entity& entity) { return table_sql(entity).columns; }

// Reads the current row of the statement as JSON (only non-NULL columns), in put()'s form.
nlohmann::json row_from(const Statement& stmt, const model::Entity& entity) {
    nlohmann::json row = nlohmann::json::object();
    const auto& columns = columns_of(entity);
    for (std::size_t i = 0; i < columns.size(); ++i) {
        int column = static_cast<int>(i);
        if (stmt.is_null(column)) continue;
        const model::Field* field = columns[i].field;
        auto type = field ? field->type : model::FieldType::kText;
        if (type == model::FieldType::kInteger) row[columns[i].name] = stmt.integer(column);
        else if (type == model::FieldType::kBoolean) row[columns[i].name] = stmt.integer(column) != 0;
        else if (field && field->is_list()) row[columns[i].name] = nlohmann::json::parse(stmt.text(column));
        else row[columns[i].name] = stmt.text(column);
    }
    return row;
}

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
        auto problem = column.field ? model::check_value(*column.field, *it)
                                    : (it->is_string() ? std::nullopt : std::optional<std::string>("expected a string"));
        if (problem)
            throw Error(ErrorCode::kInvalidInput,
                        std::string(entity.name) + " field '" + column.name + "': " + *problem);
        out[column.name] = *it;
    }
    return out;
}

}  // namespace

int current_store_format() { return static_cast<int>(migrations().size()); }

std::string utc_now() {
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString();
}

Store::Store(std::unique_ptr<Database> db) : db_(std::move(db)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

const std::string& Store::path() const { return db_->path(); }
Database& Store::database() const { return *db_; }

Store Store::create(const std::string& path, const std::string& org_name,
                    const std::string& actor) {
    if (std::filesystem::exists(path))
        throw Error(ErrorCode::kConflict,
                    path + ": a file already exists there; choose another path or remove it");
    if (org_name.empty())
        throw Error(ErrorCode::kUsage, "the organisation name must not be empty (--org NAME)");
    auto db = std::make_unique<Database>(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    try {
        db->exec("PRAGMA journal_mode = WAL");
        db->exec("PRAGMA application_id = " + std::to_string(kApplicationId));
        configure(*db);
        migrate(*db);
        Store store(std::move(db));
        store.write(actor, [&](WriteTxn& txn) {
            txn.put("organisation", {{"id", "org"}, {"name", org_name}});
        });
        return store;
    } catch (...) {
        db.reset();
        std::error_code ignored;
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(path + suffix, ignored);
        throw;
    }
}

Store Store::open(const std::string& path, Mode mode) {
    if (!std::filesystem::is_regular_file(path))
        throw Error(ErrorCode::kNotFound,
                    path + ": no such store; create one with 'ims init " + path + " --org NAME'");
    int flags = mode == Mode::kReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    auto db = std::make_unique<Database>(path, flags);
    int64_t application_id = 0;
    try {
        application_id = db->pragma_int("application_id");
    } catch (const Error&) {
        application_id = -1;  // not a database at all
    }
    if (application_id != kApplicationId)
        throw Error(ErrorCode::kInvalidInput, path + ": not an ims store");
    int64_t format = db->pragma_int("user_version");
    if (format > current_store_format())
        throw Error(ErrorCode::kInvalidInput,
                    path + ": this store was written by a newer ims (store format " +
                        std::to_string(format) + "; this ims reads formats up to " +
                        std::to_string(current_store_format()) + "); upgrade ims to open it");
    if (mode == Mode::kReadWrite) {
        configure(*db);
        migrate(*db);
    } else if (format < current_store_format()) {
        throw Error(ErrorCode::kInvalidInput,
                    path + ": store format " + std::to_string(format) +
                        " is older than this ims (" + std::to_string(current_store_format()) +
                        "); open it once read-write (e.g. 'ims verify') to migrate it");
    }
    return Store(std::move(db));
}

void Store::write(const std::string& actor, const std::function<void(WriteTxn&)>& fn, Commit commit) {
    db_->exec("BEGIN IMMEDIATE");
    try {
        WriteTxn txn(*db_, actor);
        fn(txn);
        db_->exec(commit == Commit::kYes ? "COMMIT" : "ROLLBACK");
    } catch (...) {
        db_->exec("ROLLBACK");
        throw;
    }
}

WriteTxn::WriteTxn(Database& db, std::string actor)
    : db_(db), actor_(std::move(actor)), at_(utc_now()) {
    Statement last(db_, "SELECT seq, hash FROM change_log ORDER BY seq DESC LIMIT 1");
    if (last.step()) {
        last_seq_ = last.integer(0);
        last_hash_ = last.text(1);
    } else {
        last_hash_ = std::string(64, '0');
    }
}

PutOutcome WriteTxn::put(std::string_view entity, const nlohmann::json& row, nlohmann::json* previous) {
    const model::Entity& type = model::entity(entity);
    if (type.kind == model::EntityKind::kSingleton && !row.contains("id")) {
        nlohmann::json with_id = row;
        with_id["id"] = "org";
        return put(entity, with_id, previous);
    }
    nlohmann::json wanted = normalise(type, row);
    if (!wanted.contains("id") || wanted["id"].get_ref<const std::string&>().empty())
        throw Error(ErrorCode::kInvalidInput, std::string(entity) + " row has no id");
    const std::string id = wanted["id"];
    nlohmann::json existing = read_row(db_, type, id);
    if (existing == wanted) return PutOutcome::kUnchanged;

    const auto& table_columns = columns_of(type);
    Statement& stmt = db_.cached(table_sql(type).upsert);
    for (std::size_t i = 0; i < table_columns.size(); ++i) {
        int index = static_cast<int>(i + 1);
        auto it = wanted.find(table_columns[i].name);
        if (it == wanted.end()) stmt.bind_null(index);
        else if (it->is_number_integer()) stmt.bind(index, it->get<int64_t>());
        else if (it->is_boolean()) stmt.bind(index, int64_t{it->get<bool>() ? 1 : 0});
        else if (it->is_array()) stmt.bind(index, std::string_view(it->dump()));
        else stmt.bind(index, std::string_view(it->get_ref<const std::string&>()));
    }
    try {
        stmt.run();
    } catch (const Error& e) {
        throw Error(ErrorCode::kInvalidInput,
                    std::string(entity) + " '" + id + "' cannot be written: " + e.what());
    }
    bool added = existing.is_null();
    if (previous && !added) *previous = std::move(existing);
    append_log(entity, id, added ? "insert" : "update", wanted);
    return added ? PutOutcome::kAdded : PutOutcome::kChanged;
}

nlohmann::json Store::get(std::string_view entity, std::string_view id) const {
    return read_row(*db_, model::entity(entity), id);
}

static void each_row(Database& db, std::string_view entity, const std::function<void(const nlohmann::json&)>& fn) {
    const model::Entity& type = model::entity(entity);
    Statement stmt(db, table_sql(type).select + " ORDER BY id");
    while (stmt.step()) fn(row_from(stmt, type));
}

void Store::for_each(std::string_view entity, const std::function<void(const nlohmann::json&)>& fn) const {
    each_row(*db_, entity, fn);
}

void WriteTxn::for_each(std::string_view entity, const std::function<void(const nlohmann::json&)>& fn) {
    each_row(db_, entity, fn);
}

nlohmann::json WriteTxn::get(std::string_view entity, std::string_view id) {
    return read_row(db_, model::entity(entity), id);
}

bool WriteTxn::remove(std::string_view entity, std::string_view id) {
    const model::Entity& type = model::entity(entity);
    Statement stmt(db_, "DELETE FROM " + std::string(type.table) + " WHERE id = ?1");
    stmt.bind(1, id);
    stmt.run();
    if (sqlite3_changes(db_.get()) == 0) return false;
    append_log(entity, id, "delete", nlohmann::json::object({{"id", id}}));
    return true;
}

}  // namespace ims::store
