// Getting an organisation's data into and out of a store: import of JSON documents and CSV files
// (one per entity type), checked against the data model and resolved against the store, and a
// complete export that imports into an empty store to give the same export again.
// See docs/data-model.md for the formats. Functions here are not thread-safe per store.
#pragma once

#include "ims/core/catalog.hpp"
#include "ims/core/model.hpp"
#include "ims/core/output_file.hpp"
#include "ims/core/records.hpp"
#include "ims/core/store.hpp"

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ims::exchange {

// Imports PATHs inside `txn`: JSON documents ({"format": "ims-import/1", "people": [...], ...}),
// CSV files named after a collection (people.csv), or folders of such files (top level only).
// Every row goes through one records::Batch, which checks it against the model and the store and
// writes it: rows are upserted by id, references resolve to rows in the store or anywhere in the
// import, requirements to adopted standards, adopted standards sync their catalogs. Files are read
// row by row, so memory does not grow with their size. Throws records::Refused (kInvalidInput)
// listing every problem, each naming its file and line or JSON pointer; the caller's transaction
// then rolls back, so a bad import changes nothing. A missing PATH throws kNotFound.
records::Changes import_files(store::WriteTxn& txn, const std::vector<std::string>& paths,
                              const catalog::Library& installed,
                              const std::function<void(const records::Change&)>& on_change = {});
// The same for one file's text (the import fuzz target); `path` names it and gives its folder.
records::Changes import_text(store::WriteTxn& txn, std::string_view text, const std::string& path,
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
