// Writing the data model's reference tables as Markdown, in the words docs/data-model.md uses.
#include "store/schema_docs.hpp"

#include "ims/core/error.hpp"
#include "ims/core/model.hpp"
#include "store/schema_gen.hpp"

namespace ims::store {
namespace {

using model::FieldType;

std::string code_list(const std::vector<std::string_view>& values) {
    std::string out;
    for (auto value : values) out += (out.empty() ? "`" : ", `") + std::string(value) + "`";
    return out;
}

std::string type_of(const model::Field& field) {
    switch (field.type) {
        case FieldType::kInteger:
            if (field.min && field.max)
                return "integer " + std::to_string(*field.min) + "\u2013" +
                       std::to_string(*field.max);
            if (field.min) return "integer " + std::to_string(*field.min) + "+";
            if (field.max) return "integer up to " + std::to_string(*field.max);
            return "integer";
        case FieldType::kBoolean:
            return "boolean";
        case FieldType::kDate:
            return "date";
        case FieldType::kDateTime:
            return "date-time with zone";
        case FieldType::kEnum:
            return "one of " + code_list(field.values);
        case FieldType::kRef:
            if (!field.target_from.empty())
                return "id of the `" + std::string(field.target_from) + "`'s entity";
            return "\u2192 " + std::string(field.target);
        case FieldType::kTextList:
            return "list of text";
        case FieldType::kEnumList:
            return "list of " + code_list(field.values);
        case FieldType::kRefList:
            return "list \u2192 " + std::string(field.target);
        case FieldType::kFile:
            return "file path";
        default:
            return "text";
    }
}

// What the sentence under an entity's heading says about its table besides its name.
std::string table_note(const model::Entity& entity) {
    if (entity.kind == model::EntityKind::kCatalog)
        return ". Written by `ims adopt` and by importing `adopted_standards`; not imported or "
               "exported.";
    if (entity.kind == model::EntityKind::kSingleton) return ". One row per store (id `org`).";
    if (entity.derived_id()) {
        std::string parts;
        for (auto part : entity.key)
            parts += (parts.empty() ? "`" : "|`") + std::string(part) + "`";
        return ". Id: " + parts + ", joined with `|`.";
    }
    for (const auto& field : entity.fields)
        if (field.column_name() == "id" && field.name != "id")
            return ". Keyed by `" + std::string(field.name) + "` (stored as `id`).";
    return {};
}

std::string entity_tables() {
    std::string out;
    for (const auto& entity : model::entities()) {
        const std::string table(entity.table);
        out += "### " + std::string(entity.name) + " (`" + std::string(entity.collection) +
               "`)\n\n" + std::string(entity.doc) + "\n\nTable `" + table + "`, view `v1_" + table +
               "`" + table_note(entity) +
               "\n\n| field | type | required | meaning |\n|---|---|---|---|\n";
        for (const auto& field : entity.fields)
            out += "| `" + std::string(field.name) + "` | " + type_of(field) + " | " +
                   (field.required ? "yes" : "") + " | " + std::string(field.doc) + " |\n";
        out += "\n";
    }
    return out;
}

std::string link_view_table() {
    std::string out = "| link view | columns |\n|---|---|\n";
    for (const auto& entity : model::entities())
        for (const auto& field : entity.fields)
            if (field.type == FieldType::kRefList) {
                const LinkView view = link_view(entity, field);
                out += "| `" + view.name + "` | `" + view.owner_column + "`, `" + view.item_column +
                       "` |\n";
            }
    return out;
}

std::string replace_part(const std::string& page, const std::string& name,
                         const std::string& content) {
    const std::string begin = "<!-- generated: " + name + " -->\n";
    const std::string end = "<!-- end generated: " + name + " -->";
    const auto from = page.find(begin);
    const auto to = from == std::string::npos ? from : page.find(end, from);
    if (to == std::string::npos)
        throw Error(ErrorCode::kInvalidInput, "docs/data-model.md has no part marked '" + begin +
                                                  "' ... '" + end + "'; put the markers back");
    return page.substr(0, from + begin.size()) + content + page.substr(to);
}

}  // namespace

std::string refresh_data_model_page(const std::string& page) {
    return replace_part(replace_part(page, "link views", link_view_table()), "entities",
                        entity_tables());
}

}  // namespace ims::store
