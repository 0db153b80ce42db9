// Valid rows from the model: see model_rows.hpp.
#include "model_rows.hpp"

#include "store/rows.hpp"

namespace ims::test {

using model::FieldType;

nlohmann::json valid_value(const model::Field& field) {
    switch (field.type) {
        case FieldType::kInteger:
            return field.min ? *field.min : field.max ? *field.max : 1;
        case FieldType::kBoolean:
            return true;
        case FieldType::kDate:
            return "2026-01-31";
        case FieldType::kDateTime:
            return "2026-01-31T09:30:00+02:00";
        case FieldType::kEnum:
            return field.values.front();
        case FieldType::kEnumList:
            return nlohmann::json::array({field.values.front()});
        case FieldType::kTextList:
        case FieldType::kRefList:
            return nlohmann::json::array({"x"});
        default:
            return "x";
    }
}

nlohmann::json valid_row(const model::Entity& entity,
                         const std::map<std::string, std::string>& parents) {
    nlohmann::json row = nlohmann::json::object();
    for (const auto& field : entity.fields) {
        if (!field.stored()) continue;
        nlohmann::json value = valid_value(field);
        if (field.foreign_key) value = parents.at(std::string(field.foreign_key->table));
        row[std::string(field.column_name())] = value;
    }
    if (entity.kind == model::EntityKind::kSingleton) {
        row["id"] = "org";
    } else if (entity.derived_id()) {
        std::string id;
        for (auto part : entity.key)
            id += (id.empty() ? "" : "|") + row[std::string(part)].get<std::string>();
        row["id"] = id;
    } else if (!row.contains("id") || entity.field("id")) {
        row["id"] = "ROW-1";
    }
    return row;
}

}  // namespace ims::test
