// The complete export of a store's records, as one import document or as CSV files. Output is a
// pure function of the store's rows: rows by id, fields in model order, so that exporting,
// importing into an empty store and exporting again gives the same bytes.
#include "formats/csv.hpp"
#include "ims/core/exchange.hpp"
#include "ims/core/output_file.hpp"
#include "model/cells.hpp"
#include "util/sha256.hpp"

#include <filesystem>

#include <set>

namespace ims::exchange {
namespace {

using model::Entity;
using model::EntityKind;
using model::FieldType;

bool exported(const Entity& entity) {
    return entity.kind != EntityKind::kCatalog;
}

// One stored row (by column) as an export row (by field name, model order).
nlohmann::ordered_json to_fields(const Entity& entity, const nlohmann::json& columns,
                                 const std::string& files_prefix) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (const auto& field : entity.fields) {
        if (field.type == FieldType::kFile) {
            if (!files_prefix.empty() && columns.contains("sha256"))
                out[std::string(field.name)] = files_prefix + columns["sha256"].get<std::string>();
            continue;
        }
        auto it = columns.find(std::string(field.column_name()));
        if (it != columns.end()) out[std::string(field.name)] = *it;
    }
    return out;
}

}  // namespace

nlohmann::ordered_json export_document(const store::Store& store, const std::string& files_prefix) {
    nlohmann::ordered_json doc = {{"format", "ims-import/1"}};
    for (const auto& entity : model::entities()) {
        if (!exported(entity)) continue;
        nlohmann::ordered_json rows = nlohmann::ordered_json::array();
        store.for_each(entity.name, [&](const nlohmann::json& row) {
            rows.push_back(to_fields(entity, row, files_prefix));
        });
        if (rows.empty()) continue;
        if (entity.kind == EntityKind::kSingleton)
            doc[std::string(entity.collection)] = rows.front();
        else
            doc[std::string(entity.collection)] = std::move(rows);
    }
    return doc;
}

std::vector<std::pair<std::string, std::string>> export_csv(const store::Store& store,
                                                            const std::string& files_prefix) {
    std::vector<std::pair<std::string, std::string>> files;
    for (const auto& entity : model::entities()) {
        if (!exported(entity)) continue;
        std::vector<std::string> header;
        for (const auto& field : entity.fields) header.emplace_back(field.name);
        std::string text = formats::csv_record(header);
        bool any = false;
        store.for_each(entity.name, [&](const nlohmann::json& row) {
            nlohmann::ordered_json values = to_fields(entity, row, files_prefix);
            std::vector<std::string> cells;
            for (const auto& field : entity.fields) {
                auto it = values.find(std::string(field.name));
                cells.push_back(it == values.end()
                                    ? std::string()
                                    : model::format_cell(field, nlohmann::json(*it)));
            }
            text += formats::csv_record(cells);
            any = true;
        });
        if (any) files.emplace_back(std::string(entity.collection) + ".csv", std::move(text));
    }
    return files;
}

std::vector<std::string> exported_blobs(const store::Store& store) {
    std::set<std::string> hashes;
    store.for_each("evidence", [&](const nlohmann::json& row) {
        if (row.contains("sha256")) hashes.insert(row["sha256"].get<std::string>());
    });
    return {hashes.begin(), hashes.end()};
}

void write_evidence_files(const store::Store& store, const std::string& dir) {
    const std::filesystem::path folder = std::filesystem::path(dir) / kFilesFolder;
    io::create_folders(folder.string());
    for (const auto& sha : exported_blobs(store)) {
        const std::string target = (folder / sha).string();
        if (std::filesystem::is_regular_file(target) && util::sha256_file(target) == sha) continue;
        store.read_blob(sha, target, io::Existing::kReplace);
    }
}

}  // namespace ims::exchange
