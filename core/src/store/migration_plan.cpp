// The migration planner: a store's schema (read from sqlite_schema) against the model's generated
// SQL (store/schema_gen.hpp), and the statements that turn one into the other.
#include "store/migration_plan.hpp"

#include "ims/core/error.hpp"
#include "store/rows.hpp"
#include "store/schema_gen.hpp"
#include "store/transaction.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace ims::store {
namespace {

struct StoredObject {
    std::string type, table, sql;
};

// Every table, index and view of the store by name; SQLite's own objects and the indexes it
// makes for keys (which have no SQL) are left out.
std::map<std::string, StoredObject> read_schema(Database& db) {
    std::map<std::string, StoredObject> out;
    Statement stmt(db,
                   "SELECT name, type, tbl_name, sql FROM sqlite_schema WHERE sql IS NOT NULL "
                   "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
    while (stmt.step()) out[stmt.text(0)] = {stmt.text(1), stmt.text(2), stmt.text(3)};
    return out;
}

// Whether `sql` names `identifier` as a whole word: a view that reads a rebuilt table must be
// dropped before the table is, or renaming the new table fails on the broken view.
bool names(const std::string& sql, const std::string& identifier) {
    auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    for (auto at = sql.find(identifier); at != std::string::npos;
         at = sql.find(identifier, at + 1)) {
        const auto end = at + identifier.size();
        if ((at == 0 || !word(sql[at - 1])) && (end == sql.size() || !word(sql[end]))) return true;
    }
    return false;
}

// The columns a rebuild copies: every column the table has, each of which the model must keep
// with its type, since a generated migration never loses or converts a stored value.
std::vector<std::string> kept_columns(Database& db, const model::Entity& entity,
                                      MigrationPlan& plan) {
    std::map<std::string, std::string> wanted;
    for (const auto& column : table_columns(entity))
        wanted[column.name] = declared_type(column.field);
    std::vector<std::string> kept;
    const std::string table(entity.table);
    for (const auto& [name, type] : columns_in(db, table)) {
        auto it = wanted.find(name);
        if (it == wanted.end())
            throw Error(ErrorCode::kInvalidInput,
                        "table " + table + " has a column " + name + " that entity " +
                            std::string(entity.name) +
                            " no longer has; a generated migration never drops a column (its "
                            "values would be lost): keep the field in the model");
        if (it->second != type)
            throw Error(ErrorCode::kInvalidInput,
                        "table " + table + " column " + name + " is " + type + " but entity " +
                            std::string(entity.name) + " now makes it " + it->second +
                            "; a generated migration never converts stored values: add a new "
                            "field instead");
        kept.push_back(name);
        wanted.erase(it);
    }
    for (const auto& [name, type] : wanted)
        if (const model::Field* field = entity.field(name); field && field->required)
            plan.warnings.push_back(table + "." + name +
                                    " is new and required: migrating a store with rows in " +
                                    table + " will be refused until each row has a value");
    return kept;
}

// Builds the plan in the order a migration must run it: views that will change or that read a
// rebuilt table are dropped first, tables are created or rebuilt, then indexes and views made.
class Planner {
public:
    Planner(Database& db, const std::vector<model::Entity>& entities)
        : db_(db), entities_(entities), schema_(read_schema(db)) {}

    MigrationPlan run() {
        for (const auto& entity : entities_) plan_table(entity);
        for (const auto& entity : entities_) plan_indexes(entity);
        plan_views();
        plan_.sql = drops_ + tables_ + indexes_ + views_;
        return std::move(plan_);
    }

private:
    void plan_table(const model::Entity& entity) {
        const std::string table(entity.table);
        const std::string wanted = create_table_sql(entity, table);
        auto stored = schema_.find(table);
        if (stored == schema_.end()) {
            tables_ += wanted + ";\n";
            plan_.changes.push_back("create table " + table);
            remade_.insert(table);
            return;
        }
        if (stored->second.sql == wanted) return;
        const std::string columns = joined(kept_columns(db_, entity, plan_), ", ");
        tables_ += create_table_sql(entity, "new_" + table) + ";\n" + "INSERT INTO new_" + table +
                   " (" + columns + ")\n    SELECT " + columns + " FROM " + table + ";\n" +
                   "DROP TABLE " + table + ";\n" + "ALTER TABLE new_" + table + " RENAME TO " +
                   table + ";\n";
        plan_.changes.push_back("rebuild table " + table);
        remade_.insert(table);
        rebuilt_.insert(table);
    }

    void plan_indexes(const model::Entity& entity) {
        const std::string table(entity.table);
        const bool remade = remade_.count(table) > 0;  // its old indexes went with the old table
        std::set<std::string> wanted;
        for (const auto& index : index_objects(entity)) {
            wanted.insert(index.name);
            auto stored = schema_.find(index.name);
            const bool exists = !remade && stored != schema_.end();
            if (exists && stored->second.sql == index.sql) continue;
            if (exists) indexes_ += "DROP INDEX " + index.name + ";\n";
            indexes_ += index.sql + ";\n";
            plan_.changes.push_back("create index " + index.name);
        }
        if (remade) return;
        for (const auto& [name, object] : schema_)
            if (object.type == "index" && object.table == table && !wanted.count(name)) {
                indexes_ += "DROP INDEX " + name + ";\n";
                plan_.changes.push_back("drop index " + name);
            }
    }

    void plan_views() {
        std::map<std::string, std::string> wanted;
        std::vector<SchemaObject> ordered;
        for (const auto& entity : entities_)
            for (auto& view : view_objects(entity)) {
                wanted[view.name] = view.sql;
                ordered.push_back(std::move(view));
            }
        std::set<std::string> dropped;
        for (const auto& [name, object] : schema_) {
            if (object.type != "view") continue;
            if (!wanted.count(name))
                throw Error(ErrorCode::kInvalidInput,
                            "the store has the view " + name +
                                ", which the model no longer describes; v1 views are never "
                                "removed (plugins read them)");
            bool reads_rebuilt = false;
            for (const auto& table : rebuilt_)
                reads_rebuilt = reads_rebuilt || names(object.sql, table);
            if (object.sql == wanted[name] && !reads_rebuilt) continue;
            drops_ += "DROP VIEW " + name + ";\n";
            dropped.insert(name);
        }
        for (const auto& view : ordered) {
            if (schema_.count(view.name) && !dropped.count(view.name)) continue;
            views_ += view.sql + ";\n";
            plan_.changes.push_back((dropped.count(view.name) ? "recreate view " : "create view ") +
                                    view.name);
        }
    }

    Database& db_;
    const std::vector<model::Entity>& entities_;
    std::map<std::string, StoredObject> schema_;
    std::set<std::string> remade_, rebuilt_;  // tables created or rebuilt; rebuilt only
    std::string drops_, tables_, indexes_, views_;
    MigrationPlan plan_;
};

std::map<std::string, std::vector<std::pair<std::string, std::string>>> view_columns(Database& db) {
    std::map<std::string, std::vector<std::pair<std::string, std::string>>> out;
    for (const auto& [name, object] : read_schema(db))
        if (object.type == "view") out[name] = columns_in(db, name);
    return out;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> columns_in(Database& db, std::string_view name) {
    std::vector<std::pair<std::string, std::string>> out;
    Statement stmt(db, "SELECT name, type FROM pragma_table_info(?1)");
    stmt.bind(1, name);
    while (stmt.step()) out.emplace_back(stmt.text(0), stmt.text(1));
    return out;
}

MigrationPlan plan_migration(Database& db, const std::vector<model::Entity>& entities) {
    return Planner(db, entities).run();
}

void apply_plan(Database& db, const MigrationPlan& plan,
                const std::vector<model::Entity>& entities) {
    const auto before = view_columns(db);
    const int64_t foreign_keys = db.pragma_int("foreign_keys");
    db.exec("PRAGMA foreign_keys = OFF");  // as migrate_database runs it (store/migrate.cpp)
    try {
        in_transaction(db, "BEGIN IMMEDIATE", true, [&] { db.exec(plan.sql); });
    } catch (...) {
        db.exec("PRAGMA foreign_keys = " + std::to_string(foreign_keys));
        throw;
    }
    db.exec("PRAGMA foreign_keys = " + std::to_string(foreign_keys));
    const MigrationPlan again = plan_migration(db, entities);
    if (!again.empty())
        throw Error(ErrorCode::kInternal,
                    "the generated migration does not reach the model; planning again gives:\n" +
                        again.sql);
    const auto after = view_columns(db);
    for (const auto& [view, columns] : before)
        for (const auto& column : columns) {
            const auto& now = after.at(view);
            if (std::find(now.begin(), now.end(), column) == now.end())
                throw Error(ErrorCode::kInternal,
                            "the generated migration changes column " + column.first + " (" +
                                column.second + ") of " + view +
                                "; v1 views only gain columns (sdk/schema/v1/views.md)");
        }
}

}  // namespace ims::store
