// Reading import files (JSON documents, CSV files) row by row into records::Row values checked
// for shape (known collections and fields, cells of the right type), handed to a sink one at a
// time so that a file of any length is read in bounded memory. The records API checks the rest.
// Internal to libims_core (import and the import fuzz target).
#pragma once

#include "ims/core/records.hpp"

#include <filesystem>
#include <string_view>

namespace ims::exchange {

// Where the rows of an import file go.
class RowSink {
public:
    virtual ~RowSink() = default;
    virtual void row(const records::Row& row) = 0;      // a row read whole
    virtual void refused(const records::Row& row) = 0;  // a row with cells that could not be read
    virtual void problem(records::Problem problem) = 0;
};

// Is `path` named like an import file (.json or .csv, in any case)?
bool is_import_file(const std::filesystem::path& path);
// Whether `path` is a JSON document (else a CSV file named after its collection).
bool is_json_file(const std::filesystem::path& path);

// Reads the import file at `path` (a JSON document when its extension is .json, else the CSV
// file of the collection its name gives, e.g. people.csv) into `sink`. Evidence paths in its rows
// are relative to its folder.
void read_import_file(const std::filesystem::path& path, RowSink& sink);
// The same for a file's text, for the fuzz target.
void read_import_text(std::string_view text, const std::filesystem::path& path, RowSink& sink);

}  // namespace ims::exchange
