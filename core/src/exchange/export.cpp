// The complete export of a store's records, as one import document or as CSV files. Output is a
// pure function of the store's rows: rows by id, fields in model order, so that exporting,
// importing into an empty store and exporting again gives the same bytes.
#include "formats/csv.hpp"
#include "formats/json_writer.hpp"
#include "ims/core/exchange.hpp"
#include "ims/core/output_file.hpp"
#include "model/cells.hpp"
#include "util/sha256.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <set>

namespace ims::exchange {
namespace {

using model::Entity;
using model::EntityKind;
using model::FieldType;

bool exported(const Entity& entity) {
    return entity.kind != EntityKind::kCatalog;
}

// Calls fn(field, value) for each field of a stored row (by column) that the export writes, in
// model order; nulls are left out, and a file field is files_prefix + sha256 when there is one.
template <typename Fn>
void for_each_field(const Entity& entity, const nlohmann::json& columns,
                    const std::string& files_prefix, Fn&& fn) {
    for (const auto& field : entity.fields) {
        if (field.type == FieldType::kFile) {
            if (auto sha = columns.find("sha256"); !files_prefix.empty() && sha != columns.end())
                fn(field, nlohmann::json(files_prefix + sha->get<std::string>()));
            continue;
        }
        auto it = columns.find(std::string(field.column_name()));
        if (it != columns.end()) fn(field, *it);
    }
}

void write_row(formats::JsonWriter& json, const Entity& entity, const nlohmann::json& columns,
               const std::string& files_prefix) {
    json.begin_object();
    for_each_field(entity, columns, files_prefix,
                   [&](const model::Field& field, const nlohmann::json& value) {
                       json.key(field.name);
                       json.value(value);
                   });
    json.end_object();
}

}  // namespace

void write_document(const store::Store& store, const std::string& files_prefix, io::Sink& out) {
    // Written row by row as the store is read: memory does not grow with the store.
    std::string buffer;
    formats::JsonWriter json(buffer);
    json.begin_object();
    json.key("format");
    json.string("ims-import/1");
    for (const auto& entity : model::entities()) {
        if (!exported(entity)) continue;
        bool any = false;
        store.for_each(entity.name, [&](const nlohmann::json& row) {
            if (entity.kind == EntityKind::kSingleton) {
                if (any) return;  // one row per store
                json.key(entity.collection);
            } else if (!any) {
                json.key(entity.collection);
                json.begin_array();
            }
            any = true;
            write_row(json, entity, row, files_prefix);
            out.write(buffer);
            buffer.clear();
        });
        if (any && entity.kind != EntityKind::kSingleton) json.end_array();
    }
    json.end_object();
    buffer += "\n";
    out.write(buffer);
}

void write_csv_files(const store::Store& store, const std::string& files_prefix,
                     const std::string& dir) {
    for (const auto& entity : model::entities()) {
        if (!exported(entity)) continue;
        std::unique_ptr<io::OutputFile> file;  // made with the first row: no file for no rows
        store.for_each(entity.name, [&](const nlohmann::json& row) {
            if (!file) {
                const auto path =
                    std::filesystem::path(dir) / (std::string(entity.collection) + ".csv");
                file = std::make_unique<io::OutputFile>(path.string(), io::Existing::kRefuse);
                std::vector<std::string> header;
                for (const auto& field : entity.fields) header.emplace_back(field.name);
                file->write(formats::csv_record(header));
            }
            std::vector<std::string> cells(entity.fields.size());
            for_each_field(entity, row, files_prefix,
                           [&](const model::Field& field, const nlohmann::json& value) {
                               cells[static_cast<std::size_t>(&field - entity.fields.data())] =
                                   model::format_cell(field, value);
                           });
            file->write(formats::csv_record(cells));
        });
        if (file) file->commit();
    }
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
