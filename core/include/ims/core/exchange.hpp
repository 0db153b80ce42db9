// Getting an organisation's data into and out of a store: import of JSON documents and CSV files
// (one per entity type), checked against the data model and resolved against the store, and a
// complete export that imports into an empty store to give the same export again.
// See docs/data-model.md for the formats. Functions here are not thread-safe per store.
#pragma once

#include "ims/core/catalog.hpp"
#include "ims/core/model.hpp"
#include "ims/core/output_file.hpp"
#include "ims/core/store.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ims::exchange {

// An import file: its path for messages and the folder evidence paths are relative to.
struct SourceFile {
    std::string path;
    std::string base_dir;
};

// One row read from an import file, with where it came from for messages.
struct SourceRow {
    const model::Entity* entity = nullptr;
    nlohmann::json values;  // by field name; nulls kept
    std::shared_ptr<const SourceFile> source;
    int line = 0;         // CSV: the row's line
    std::string pointer;  // JSON: the row's JSON pointer, e.g. /people/3
};

// Reads import PATHs: JSON documents ({"format": "ims-import/1", "people": [...], ...}), CSV
// files named after a collection (people.csv), or folders of such files (top level only).
// Checks every value against the model. Throws ims::Error(kInvalidInput) listing every problem,
// each as "<file>:<line>: ..." or "<file>: <pointer>: ...".
std::vector<SourceRow> read_import(const std::vector<std::string>& paths);

// What an import did (or would do) to one entity type.
struct EntityChanges {
    std::string entity;
    std::vector<std::string> added;
    std::vector<std::pair<std::string, std::vector<std::string>>> changed;  // id, fields changed
    std::size_t unchanged = 0;
};
struct ImportReport {
    std::vector<EntityChanges> entities;  // in model order, only types the import touched
    std::size_t files_stored = 0;         // evidence files copied into the vault (new or not)
};

// Writes rows into the store inside `txn`: adopted standards first (their catalogs synced from
// `installed`), then every other row, upserted by id. Every reference must resolve to a row in
// the store or in the import, requirements to an adopted standard. Ids must be unique within the
// import. Throws ims::Error(kInvalidInput) listing every problem; the caller's transaction then
// rolls back, so a bad import changes nothing.
ImportReport import_rows(store::WriteTxn& txn, const std::vector<SourceRow>& rows,
                         const catalog::Library& installed);

// Writes the whole organisation to `out` as an import document (two-space indented JSON and a
// final newline): every record collection in model order, rows ordered by id, fields in model
// order, nulls left out. With `files_prefix` (e.g. "files/") evidence rows with a vault file carry
// "file": files_prefix + sha256. Rows are written as they are read, so memory does not grow with
// the store; call it inside Store::read for one snapshot.
void write_document(const store::Store& store, const std::string& files_prefix, io::Sink& out);

// The same content as CSV files, <dir>/<collection>.csv (header row = field names) for each
// collection that has rows, each written through io::OutputFile (refusing an existing file) as
// its rows are read.
void write_csv_files(const store::Store& store, const std::string& files_prefix,
                     const std::string& dir);

// The distinct vault hashes evidence rows refer to.
std::vector<std::string> exported_blobs(const store::Store& store);

// Where export puts evidence files, relative to the JSON file's folder or the CSV folder, and
// the prefix its rows' "file" fields then carry.
inline constexpr const char* kFilesFolder = "files";
inline constexpr const char* kFilesPrefix = "files/";

// Copies every exported vault file to <dir>/files/<sha256> through io::OutputFile; a file already
// there with the right content is left alone. Throws ims::Error(kIo) naming the file and cause.
void write_evidence_files(const store::Store& store, const std::string& dir);

}  // namespace ims::exchange
