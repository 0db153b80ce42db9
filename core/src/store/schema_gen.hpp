// The store's tables, indexes and v1 views as the data model defines them: the SQL text that the
// migration planner (store/migration_plan.hpp) compares with a store's schema and writes into the
// next migration. Internal to libims_core; ims_schemagen and the schema tests use it.
#pragma once

#include "ims/core/model.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ims::store {

// One schema object: its name and the SQL that creates it, exactly as sqlite_schema stores it
// (no trailing semicolon).
struct SchemaObject {
    std::string name;
    std::string sql;
};

// CREATE TABLE for an entity under the name `table` (a rebuild creates it under a temporary name
// and renames it; the name is quoted because SQLite quotes it when it renames). STRICT; `id` TEXT
// PRIMARY KEY; NOT NULL exactly for required fields; a CHECK for enums, integer ranges, booleans
// and lists; the foundation tables' foreign keys; a link entity's key fields UNIQUE together.
std::string create_table_sql(const model::Entity& entity, std::string_view table);

// The items with `separator` between them: column lists, value lists.
std::string joined(const std::vector<std::string>& items, std::string_view separator);

// A column's declared type: INTEGER for integers and booleans, TEXT for everything else (and for
// `id`, which has no field when it is derived).
std::string declared_type(const model::Field* field);

// The condition a field's CHECK holds every value to ("status IN ('a', 'b')"), or "" for none.
std::string check_condition(const model::Field& field);

// The entity's indexes besides its keys, named <table>_by_<columns>.
std::vector<SchemaObject> index_objects(const model::Entity& entity);

// The entity's v1 view (one column per stored field, named as the field, plus its ViewExtension)
// and, for every list of references, a link view with one row per item.
std::vector<SchemaObject> view_objects(const model::Entity& entity);

// A link view's name and columns, e.g. v1_risk_controls (risk_id, control_id) for risk.control_ids.
struct LinkView {
    std::string name, owner_column, item_column;
};
LinkView link_view(const model::Entity& entity, const model::Field& list);

}  // namespace ims::store
