// How an entity's rows sit in its table: the columns, the SQL the write path runs, and reading a
// row into the JSON form put() writes and the change log records. Internal to libims_core's store.
#pragma once

#include "ims/core/model.hpp"
#include "store/sqlite.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ims::store {

// A table column of an entity and the model field stored in it (none for a derived id).
struct Column {
    std::string name;
    const model::Field* field;
};

// An entity's columns and the SQL the write path runs for it, built once per entity: put() and
// read_row() run once per imported row.
struct TableSql {
    std::vector<Column> columns;
    std::vector<std::size_t> by_name;  // indices into columns, in name order
    std::string select;                // every column, no WHERE
    std::string select_by_id;
    std::string select_rowid_by_id;  // rowid, then every column
    std::string rowid_by_id;
    std::string insert;  // does nothing when the id exists
    std::string upsert;
    std::vector<std::string> payload_keys;  // per column, "name": as the change log's payload has it
};

// The table columns of an entity, in order: `id` (the field stored as id, or none for a derived
// id), then every other stored field. Not cached: the schema generator also passes entities that
// are not the model's own.
std::vector<Column> table_columns(const model::Entity& entity);

const TableSql& table_sql(const model::Entity& entity);
const std::vector<Column>& columns_of(const model::Entity& entity);

// Reads the current row of a statement over table_sql(entity).select as JSON (only non-NULL
// columns), in put()'s form.
nlohmann::json row_from(const Statement& stmt, const model::Entity& entity);

// The same row as the JSON text the change log records for it: row_from(stmt,
// entity).dump() with invalid UTF-8 replaced, but written straight from the columns, without
// building the JSON value. `ims verify` compares it with the newest payload of every live row.
std::string logged_form(const Statement& stmt, const model::Entity& entity);

}  // namespace ims::store
