// Running the store's migrations: foreign keys off around them (a table rebuild drops tables that
// others refer to), the rows an old hand-written step wrote logged, and a step that stored rows
// cannot pass refused with those rows named instead of SQLite's bare constraint message.
#include "store/migrate.hpp"

#include "ims/core/error.hpp"
#include "ims/core/model.hpp"
#include "ims/core/store.hpp"
#include "store/migration_plan.hpp"
#include "store/rows.hpp"
#include "store/schema.hpp"
#include "store/schema_gen.hpp"
#include "store/transaction.hpp"
#include "store/verify.hpp"

#include <set>
#include <vector>

namespace ims::store {

// Appends a change-log entry for every row a hand-written migration step rewrote, in the step's
// transaction, so that the log still replays to the store and `ims verify` stays meaningful.
struct WriteTxnAccess {
    static void log_migrated_rows(Database& db) {
        std::vector<Drift> drifts;
        for_each_drift(db, [&](const Drift& d) { drifts.push_back(d); });
        if (drifts.empty()) return;
        WriteTxn txn(db, "ims migrate");
        for (const auto& d : drifts) {
            if (d.live)
                txn.append_log(d.entity, d.id, d.logged ? "update" : "insert", *d.live);
            else
                txn.append_log(d.entity, d.id, "delete", nlohmann::json::object({{"id", d.id}}));
        }
    }
};

namespace {

constexpr std::size_t kListed = 20;  // rows named in a refusal; the rest are counted

struct Violation {
    std::string subject;  // "control 'C-1', field 'review_interval_months'"
    std::string problem;  // "expected an integer from 1 to 120, got 0"
};

const model::Entity* entity_of_table(std::string_view table) {
    for (const auto& entity : model::entities())
        if (entity.table == table) return &entity;
    return nullptr;
}

std::string subject(const model::Entity& entity, const std::string& id, std::string_view field) {
    return std::string(entity.name) + " '" + id + "', field '" + std::string(field) + "'";
}

// Rows that break a NOT NULL or CHECK the current model gives their table: why a step that
// rebuilt the table failed.
std::vector<Violation> values_against_model(Database& db) {
    std::vector<Violation> found;
    for (const auto& entity : model::entities()) {
        std::set<std::string> present;
        for (const auto& [name, type] : columns_in(db, entity.table)) present.insert(name);
        for (const auto& column : table_columns(entity)) {
            if (!column.field || column.name == "id" || !present.count(column.name)) continue;
            const model::Field& field = *column.field;
            const std::string condition = check_condition(field);
            std::string where = field.required ? column.name + " IS NULL" : "";
            if (!condition.empty())
                where += (where.empty() ? "NOT (" : " OR NOT (") + condition + ")";
            if (where.empty()) continue;
            Statement stmt(db, "SELECT id, " + column.name + " FROM " + std::string(entity.table) +
                                   " WHERE " + where + " ORDER BY id");
            while (stmt.step())
                found.push_back({subject(entity, stmt.text(0), field.name),
                                 stmt.is_null(1) ? "is empty, but the field is required"
                                                 : "expected " + model::describe(field) + ", got " +
                                                       stmt.text(1)});
        }
    }
    return found;
}

// Rows whose foreign key names a row that does not exist (PRAGMA foreign_key_check).
std::vector<Violation> dangling_references(Database& db) {
    std::vector<Violation> found;
    Statement check(db, "PRAGMA foreign_key_check");
    while (check.step()) {
        const std::string table = check.text(0), parent = check.text(2);
        Statement key(db, "SELECT \"from\", \"to\" FROM pragma_foreign_key_list(?1) WHERE id = ?2");
        key.bind(1, table).bind(2, check.integer(3));
        if (!key.step()) continue;
        const std::string column = key.text(0), to = key.text(1);
        Statement row(db, "SELECT id, " + column + " FROM " + table + " WHERE rowid = ?1");
        row.bind(1, check.integer(1));
        const model::Entity* entity = entity_of_table(table);
        if (!entity || !row.step()) continue;
        const model::Field* field = nullptr;
        for (const auto& c : table_columns(*entity))
            if (c.name == column) field = c.field;
        found.push_back({subject(*entity, row.text(0), field ? field->name : column),
                         "names '" + row.text(1) + "', but " + parent + " has no row with " + to +
                             " '" + row.text(1) + "'"});
    }
    return found;
}

[[noreturn]] void refuse(Database& db, std::size_t format, const std::vector<Violation>& found) {
    std::string message = db.path() + " cannot be migrated to store format " +
                          std::to_string(format) + ": " + std::to_string(found.size()) +
                          (found.size() == 1 ? " row breaks a rule" : " rows break rules") +
                          " of the data model that this format makes the store enforce. The step "
                          "was rolled back; the store is at format " +
                          std::to_string(format - 1) + ":";
    for (std::size_t i = 0; i < found.size() && i < kListed; ++i)
        message += "\n  " + found[i].subject + ": " + found[i].problem;
    if (found.size() > kListed)
        message += "\n  ... and " + std::to_string(found.size() - kListed) + " more";
    message +=
        "\nCorrect these rows with the ims that wrote the store (import them again with "
        "valid values), then run 'ims migrate' again.";
    throw Error(ErrorCode::kDamaged, message);
}

// Foreign keys are off while migrations run: a rebuild drops tables that others refer to, and
// with them on, dropping would delete the referring rows. SQLite ignores the pragma inside a
// transaction, so it is set around them.
class ForeignKeysOff {
public:
    explicit ForeignKeysOff(Database& db) : db_(db) { db_.exec("PRAGMA foreign_keys = OFF"); }
    ~ForeignKeysOff() {
        sqlite3_exec(db_.get(), "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
    }
    ForeignKeysOff(const ForeignKeysOff&) = delete;
    ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;

private:
    Database& db_;
};

}  // namespace

void migrate_database(Database& db) {
    const auto& steps = migrations();
    const auto from = static_cast<std::size_t>(db.pragma_int("user_version"));
    if (from >= steps.size()) return;
    ForeignKeysOff off(db);
    for (std::size_t i = from; i < steps.size(); ++i) {
        try {
            in_transaction(db, "BEGIN IMMEDIATE", true, [&] {
                db.exec(steps[i]);
                if (auto found = dangling_references(db); !found.empty()) refuse(db, i + 1, found);
                db.exec("PRAGMA user_version = " + std::to_string(i + 1));
                // Only the current format has every table the replay reads; the drift it logs
                // covers every earlier step too, since it compares states, not steps. Generated
                // steps copy rows unchanged, so only a run through a hand-written one logs.
                if (i + 1 == steps.size() && from < kHandWrittenFormats)
                    WriteTxnAccess::log_migrated_rows(db);
            });
        } catch (const Error& e) {
            if (e.code() != ErrorCode::kInvalidInput) throw;  // SQLite's constraint errors
            if (auto found = values_against_model(db); !found.empty()) refuse(db, i + 1, found);
            throw Error(e.code(), db.path() + ": migrating to store format " +
                                      std::to_string(i + 1) + " failed: " + e.what());
        }
    }
}

}  // namespace ims::store
