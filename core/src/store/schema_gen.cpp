// Generating the SQL of each entity's table, indexes and v1 views from the data model. The text is
// compared byte for byte with sqlite_schema, so it must not depend on anything but the model.
#include "store/schema_gen.hpp"

#include "ims/core/error.hpp"
#include "store/rows.hpp"

#include <algorithm>

namespace ims::store {
namespace {

using model::FieldType;

std::string quoted_text(std::string_view value) {
    std::string out = "'";
    for (char c : value) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

std::string references(const model::Field* field) {
    if (!field || !field->foreign_key) return {};
    const model::ForeignKey& key = *field->foreign_key;
    return " REFERENCES " + std::string(key.table) + "(" + std::string(key.column) + ")" +
           (key.cascade ? " ON DELETE CASCADE" : "");
}

std::string column_sql(const Column& column) {
    if (column.name == "id") return "id TEXT PRIMARY KEY" + references(column.field);
    const model::Field& field = *column.field;
    std::string sql = column.name + " " + declared_type(&field);
    if (field.required) sql += " NOT NULL";
    if (auto condition = check_condition(field); !condition.empty())
        sql += " CHECK (" + condition + ")";
    return sql + references(&field);
}

// The SELECT list of a view, wrapped so that the migration file stays readable.
std::string select_list(const std::vector<std::string>& items) {
    const std::string indent = "\n           ";  // under the first item after "    SELECT "
    std::string out, line;
    for (std::size_t i = 0; i < items.size(); ++i) {
        std::string item = items[i] + (i + 1 < items.size() ? "," : "");
        if (!line.empty() && 11 + line.size() + 1 + item.size() > 100) {
            out += line + indent;
            line.clear();
        }
        line += (line.empty() ? "" : " ") + item;
    }
    return out + line;
}

SchemaObject entity_view(const model::Entity& entity) {
    std::vector<std::string> items;
    for (const auto& column : table_columns(entity)) {
        if (column.name == "id") {
            if (entity.derived_id()) continue;  // a link record's id is its key fields, shown
            const bool renamed = column.field && column.field->name != "id";
            items.push_back(renamed ? "t.id AS " + std::string(column.field->name) : "t.id");
            continue;
        }
        const auto& hidden = entity.view.hidden;
        if (std::find(hidden.begin(), hidden.end(), column.name) == hidden.end())
            items.push_back("t." + column.name);
    }
    for (auto extra : entity.view.columns) items.emplace_back(extra);
    const std::string name = "v1_" + std::string(entity.table);
    std::string sql = "CREATE VIEW " + name + " AS\n    SELECT " + select_list(items) +
                      "\n    FROM " + std::string(entity.table) + " t";
    if (!entity.view.join.empty()) sql += "\n    " + std::string(entity.view.join);
    return {name, sql};
}

}  // namespace

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : std::string(separator)) + item;
    return out;
}

std::string declared_type(const model::Field* field) {
    const bool integer =
        field && (field->type == FieldType::kInteger || field->type == FieldType::kBoolean);
    return integer ? "INTEGER" : "TEXT";
}

std::string check_condition(const model::Field& field) {
    const std::string name(field.column_name());
    switch (field.type) {
        case FieldType::kEnum: {
            std::vector<std::string> values;
            for (auto value : field.values) values.push_back(quoted_text(value));
            return name + " IN (" + joined(values, ", ") + ")";
        }
        case FieldType::kInteger:
            if (field.min && field.max)
                return name + " BETWEEN " + std::to_string(*field.min) + " AND " +
                       std::to_string(*field.max);
            if (field.min) return name + " >= " + std::to_string(*field.min);
            if (field.max) return name + " <= " + std::to_string(*field.max);
            return {};
        case FieldType::kBoolean:
            return name + " IN (0, 1)";
        case FieldType::kTextList:
        case FieldType::kEnumList:
        case FieldType::kRefList:
            return "json_type(" + name + ") = 'array'";
        default:
            return {};
    }
}

std::string create_table_sql(const model::Entity& entity, std::string_view table) {
    std::vector<std::string> lines;
    for (const auto& column : table_columns(entity)) lines.push_back(column_sql(column));
    if (entity.derived_id()) {
        std::vector<std::string> key(entity.key.begin(), entity.key.end());
        lines.push_back("UNIQUE (" + joined(key, ", ") + ")");
    }
    return "CREATE TABLE \"" + std::string(table) + "\" (\n    " + joined(lines, ",\n    ") +
           "\n) STRICT";
}

std::vector<SchemaObject> index_objects(const model::Entity& entity) {
    std::vector<SchemaObject> out;
    for (const auto& index : entity.indexes) {
        std::vector<std::string> columns(index.begin(), index.end());
        const std::string name = std::string(entity.table) + "_by_" + joined(columns, "_");
        out.push_back({name, "CREATE INDEX " + name + " ON " + std::string(entity.table) + " (" +
                                 joined(columns, ", ") + ")"});
    }
    return out;
}

LinkView link_view(const model::Entity& entity, const model::Field& list) {
    const std::string field(list.name);
    if (list.type != FieldType::kRefList || field.size() <= 4 ||
        field.compare(field.size() - 4, 4, "_ids") != 0)
        throw Error(ErrorCode::kInternal, std::string(entity.name) + "." + field +
                                              ": a list of references is named <entity>_ids");
    return {"v1_" + std::string(entity.name) + "_" + field.substr(0, field.size() - 4) + "s",
            std::string(entity.name) + "_id", std::string(list.target) + "_id"};
}

std::vector<SchemaObject> view_objects(const model::Entity& entity) {
    std::vector<SchemaObject> out{entity_view(entity)};
    for (const auto& field : entity.fields) {
        if (field.type != FieldType::kRefList) continue;
        const LinkView view = link_view(entity, field);
        out.push_back({view.name, "CREATE VIEW " + view.name + " AS\n    SELECT t.id AS " +
                                      view.owner_column + ", j.value AS " + view.item_column +
                                      "\n    FROM " + std::string(entity.table) +
                                      " t, json_each(t." + std::string(field.name) + ") j"});
    }
    return out;
}

}  // namespace ims::store
