// Building each entity's table SQL once, and reading rows back into put()'s JSON form.
#include "store/rows.hpp"

#include "formats/json_reader.hpp"
#include "formats/json_writer.hpp"

#include <algorithm>
#include <map>
#include <mutex>

namespace ims::store {
namespace {

TableSql build_table_sql(const model::Entity& entity) {
    TableSql t;
    t.columns = table_columns(entity);
    std::string names, values, updates;
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
        const std::string& name = t.columns[i].name;
        names += (i ? ", " : "") + name;
        values += (i ? ", ?" : "?") + std::to_string(i + 1);
        if (i > 0) updates += (i > 1 ? ", " : "") + name + " = excluded." + name;
    }
    for (std::size_t i = 0; i < t.columns.size(); ++i) t.by_name.push_back(i);
    std::sort(t.by_name.begin(), t.by_name.end(), [&](std::size_t a, std::size_t b) {
        return t.columns[a].name < t.columns[b].name;  // the order of nlohmann::json's keys
    });
    const std::string table(entity.table);
    t.select = "SELECT " + names + " FROM " + table;
    t.select_by_id = t.select + " WHERE id = ?1";
    t.select_rowid_by_id = "SELECT rowid, " + names + " FROM " + table + " WHERE id = ?1";
    t.rowid_by_id = "SELECT rowid FROM " + table + " WHERE id = ?1";
    t.insert = "INSERT INTO " + table + " (" + names + ") VALUES (" + values + ")";
    t.upsert = t.insert;
    t.insert += " ON CONFLICT (id) DO NOTHING";
    if (t.columns.size() > 1) t.upsert += " ON CONFLICT (id) DO UPDATE SET " + updates;
    for (std::size_t i = 0; i < t.columns.size(); ++i)
        t.payload_keys.push_back("\"" + t.columns[i].name + "\":");
    return t;
}

}  // namespace

std::vector<Column> table_columns(const model::Entity& entity) {
    std::vector<Column> columns;
    const model::Field* id_field = nullptr;
    for (const auto& field : entity.fields)
        if (field.column_name() == "id") id_field = &field;
    columns.push_back({"id", id_field});
    for (const auto& field : entity.fields)
        if (field.stored() && field.column_name() != "id")
            columns.push_back({std::string(field.name), &field});
    return columns;
}

const TableSql& table_sql(const model::Entity& entity) {
    static std::map<std::string_view, TableSql> cache;
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    auto it = cache.find(entity.name);
    if (it == cache.end()) it = cache.emplace(entity.name, build_table_sql(entity)).first;
    return it->second;
}

const std::vector<Column>& columns_of(const model::Entity& entity) {
    return table_sql(entity).columns;
}

// Reads the current row of the statement as JSON (only non-NULL columns), in put()'s form.
nlohmann::json row_from(const Statement& stmt, const model::Entity& entity) {
    nlohmann::json row = nlohmann::json::object();
    const auto& columns = columns_of(entity);
    for (std::size_t i = 0; i < columns.size(); ++i) {
        int column = static_cast<int>(i);
        if (stmt.is_null(column)) continue;
        const model::Field* field = columns[i].field;
        auto type = field ? field->type : model::FieldType::kText;
        if (type == model::FieldType::kInteger)
            row[columns[i].name] = stmt.integer(column);
        else if (type == model::FieldType::kBoolean)
            row[columns[i].name] = stmt.integer(column) != 0;
        else if (field && field->is_list())
            row[columns[i].name] = nlohmann::json::parse(stmt.text(column));
        else
            row[columns[i].name] = stmt.text(column);
    }
    return row;
}

std::string logged_form(const Statement& stmt, const model::Entity& entity) {
    const TableSql& sql = table_sql(entity);
    std::string out = "{";
    for (std::size_t i : sql.by_name) {
        const int column = static_cast<int>(i);
        if (stmt.is_null(column)) continue;
        if (out.size() > 1) out += ',';
        formats::append_json_string(out, sql.columns[i].name);
        out += ':';
        const model::Field* field = sql.columns[i].field;
        const auto type = field ? field->type : model::FieldType::kText;
        if (type == model::FieldType::kInteger)
            out += std::to_string(stmt.integer(column));
        else if (type == model::FieldType::kBoolean)
            out += stmt.integer(column) != 0 ? "true" : "false";
        else if (field && field->is_list())  // re-dumped as row_from reads it, spacing and all
            out += nlohmann::json::parse(stmt.text(column))
                       .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        else
            formats::append_json_string(out, stmt.text(column), formats::InvalidUtf8::kReplace);
    }
    return out + "}";
}

}  // namespace ims::store
