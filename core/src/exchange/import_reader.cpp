// Reading import files (JSON documents, CSV files, folders of them) into rows checked against the
// data model. References are resolved later, against the store, by import_rows.
#include "exchange/import_reader.hpp"
#include "exchange/import_problems.hpp"
#include "formats/csv.hpp"
#include "formats/json_reader.hpp"
#include "ims/core/error.hpp"
#include "ims/core/exchange.hpp"
#include "model/cells.hpp"

#include <algorithm>
#include <filesystem>

namespace ims::exchange {

namespace fs = std::filesystem;

namespace {

using model::Entity;
using model::EntityKind;

std::string field_names(const Entity& entity) {
    std::string out;
    for (const auto& f : entity.fields) out += (out.empty() ? "" : ", ") + std::string(f.name);
    return out;
}

std::string collection_names() {
    std::string out;
    for (const auto& e : model::entities())
        if (e.kind != EntityKind::kCatalog)
            out += (out.empty() ? "" : ", ") + std::string(e.collection);
    return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// The collection a mistyped name most likely meant: an entity named so ("control" for
// "controls"), or a collection at most two edits away; "" when none is close.
std::string closest_collection(std::string_view name) {
    if (name.empty()) return {};
    std::string best;
    std::size_t best_distance = std::min<std::size_t>(2, (name.size() - 1) / 2) + 1;
    for (const auto& e : model::entities()) {
        if (e.kind == EntityKind::kCatalog) continue;
        const std::size_t distance =
            std::min(edit_distance(name, e.collection), edit_distance(name, e.name));
        if (distance < best_distance) {
            best = std::string(e.collection);
            best_distance = distance;
        }
    }
    return best;
}

// Finds the entity for a collection name, or reports why there is none.
const Entity* importable(std::string_view collection, Problems& problems,
                         const std::string& where) {
    const Entity* entity = model::entity_by_collection(collection);
    if (entity && entity->kind == EntityKind::kCatalog) {
        problems.add(where + "'" + std::string(collection) +
                     "' cannot be imported: catalogs come from plugins; list the standard in "
                     "adopted_standards instead");
        return nullptr;
    }
    if (entity) return entity;
    // The list of every collection is long: it is printed once, after all the problems.
    const std::string suggestion = closest_collection(collection);
    problems.add(where + "'" + std::string(collection) + "' is not an entity collection" +
                 (suggestion.empty() ? "" : " (did you mean '" + suggestion + "'?)"));
    if (suggestion.empty()) problems.note("the entity collections are: " + collection_names());
    return nullptr;
}

// Checks a row's values against its entity's fields: required fields present, values typed.
void check_row(const SourceRow& row, Problems& problems) {
    for (const auto& field : row.entity->fields) {
        auto it = row.values.find(std::string(field.name));
        bool missing = it == row.values.end() || it->is_null() ||
                       (it->is_string() && it->get<std::string>().empty());
        if (missing) {
            if (field.required)
                problems.add(locate(row, field.name) + "is required (" + model::describe(field) +
                             ")");
            continue;
        }
        if (auto problem = model::check_field(*row.entity, field, *it))
            problems.add(locate(row, field.name) + *problem);
    }
}

void read_json_document(std::string_view text, const fs::path& path, std::vector<SourceRow>& rows,
                        Problems& problems) {
    const std::string file = path.string();
    nlohmann::json doc;
    try {
        doc = formats::parse_json(text, file);
    } catch (const Error& e) {
        problems.add(e.what());
        return;
    }
    if (!doc.is_object()) {
        problems.add(file + ": expected a JSON object with one array per collection, got " +
                     formats::json_type_name(doc));
        return;
    }
    auto source = std::make_shared<const SourceFile>(SourceFile{file, path.parent_path().string()});
    for (const auto& [key, value] : doc.items()) {
        const std::string pointer = "/" + key;
        if (key == "format") {
            if (value != "ims-import/1")
                problems.add(file + ": /format: expected \"ims-import/1\", got " + value.dump());
            continue;
        }
        const Entity* entity = importable(key, problems, file + ": " + pointer + ": ");
        if (!entity) continue;
        std::vector<std::pair<std::string, const nlohmann::json*>> items;
        if (entity->kind == EntityKind::kSingleton) {
            items.emplace_back(pointer, &value);
        } else if (!value.is_array()) {
            problems.add(file + ": " + pointer + ": expected an array of " +
                         std::string(entity->name) + " objects, got " +
                         formats::json_type_name(value));
            continue;
        } else {
            for (std::size_t i = 0; i < value.size(); ++i)
                items.emplace_back(pointer + "/" + std::to_string(i), &value[i]);
        }
        for (const auto& [item_pointer, item] : items) {
            if (!item->is_object()) {
                problems.add(file + ": " + item_pointer + ": expected a " +
                             std::string(entity->name) + " object, got " +
                             formats::json_type_name(*item));
                continue;
            }
            SourceRow row{entity, nlohmann::json::object(), source, 0, item_pointer};
            for (const auto& [name, field_value] : item->items()) {
                if (!entity->field(name)) {
                    problems.add(file + ": " + item_pointer + "/" + name + ": " +
                                 std::string(entity->name) + " has no field '" + name +
                                 "'; its fields are: " + field_names(*entity));
                    continue;
                }
                // An empty string means absent, as an empty CSV cell does.
                bool empty =
                    field_value.is_string() && field_value.get_ref<const std::string&>().empty();
                row.values[name] = empty ? nlohmann::json() : field_value;
            }
            check_row(row, problems);
            rows.push_back(std::move(row));
        }
    }
}

void read_csv_file(std::string_view text, const fs::path& path, std::vector<SourceRow>& rows,
                   Problems& problems) {
    const std::string file = path.string();
    const Entity* entity = importable(path.stem().string(), problems, file + ": the file name ");
    if (!entity) return;
    std::vector<formats::CsvRecord> records;
    try {
        records = formats::read_csv(text, file);
    } catch (const Error& e) {
        problems.add(e.what());
        return;
    }
    if (records.empty()) return;
    std::vector<const model::Field*> columns;
    bool header_ok = true;
    for (const auto& name : records[0].cells) {
        const model::Field* field = entity->field(name);
        if (!field) {
            problems.add(file + ":" + std::to_string(records[0].line) + ": column '" + name +
                         "': " + std::string(entity->name) +
                         " has no such field; its fields are: " + field_names(*entity));
            header_ok = false;
        } else if (std::find(columns.begin(), columns.end(), field) != columns.end()) {
            problems.add(file + ":" + std::to_string(records[0].line) + ": column '" + name +
                         "' appears twice");
            header_ok = false;
        }
        columns.push_back(field);
    }
    if (!header_ok) return;
    auto source = std::make_shared<const SourceFile>(SourceFile{file, path.parent_path().string()});
    for (std::size_t r = 1; r < records.size(); ++r) {
        formats::CsvRecord record =
            std::move(records[r]);  // freed row by row as the rows are built
        SourceRow row{entity, nlohmann::json::object(), source, record.line, ""};
        if (record.cells.size() != columns.size()) {
            problems.add(file + ":" + std::to_string(record.line) + ": this row has " +
                         std::to_string(record.cells.size()) + " cells; the header has " +
                         std::to_string(columns.size()) +
                         " (a cell holding a comma must be quoted)");
            continue;
        }
        bool typed = true;
        for (std::size_t c = 0; c < columns.size(); ++c) {
            auto cell = model::parse_cell(*columns[c], record.cells[c]);
            row.values[std::string(columns[c]->name)] = cell.value;
            if (cell.problem) {
                problems.add(locate(row, columns[c]->name) + *cell.problem);
                typed = false;
            }
        }
        if (typed) check_row(row, problems);
        rows.push_back(std::move(row));
    }
}

std::string extension_of(const fs::path& path) {
    auto ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    return ext;
}

bool is_import_file(const fs::path& path) {
    auto ext = extension_of(path);
    return ext == ".json" || ext == ".csv";
}

void read_path(const fs::path& path, std::vector<SourceRow>& rows, Problems& problems) {
    if (!is_import_file(path)) {
        problems.add(path.string() + ": expected a .json or .csv file, or a folder of them");
        return;
    }
    std::string text;
    try {
        text = formats::read_text_file(path.string());
    } catch (const Error& e) {
        problems.add(e.what());
        return;
    }
    read_import_text(text, path, rows, problems);
}

}  // namespace

void read_import_text(std::string_view text, const fs::path& path, std::vector<SourceRow>& rows,
                      Problems& problems) {
    if (extension_of(path) == ".json")
        read_json_document(text, path, rows, problems);
    else
        read_csv_file(text, path, rows, problems);
}

std::vector<SourceRow> read_import(const std::vector<std::string>& paths) {
    std::vector<SourceRow> rows;
    Problems problems;
    for (const auto& given : paths) {
        fs::path path(given);
        if (!fs::exists(path))
            throw Error(ErrorCode::kNotFound, given + ": no such file or folder");
        if (!fs::is_directory(path)) {
            read_path(path, rows, problems);
            continue;
        }
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(path))
            if (entry.is_regular_file() && is_import_file(entry.path()))
                files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        if (files.empty()) problems.add(given + ": the folder holds no .json or .csv files");
        for (const auto& file : files) read_path(file, rows, problems);
    }
    problems.throw_if_any();
    return rows;
}

}  // namespace ims::exchange
