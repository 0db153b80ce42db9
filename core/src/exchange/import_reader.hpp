// Reading one import file's text into rows checked against the data model: the parsing layer of
// read_import, without the file system, for read_import itself and the import fuzz target.
#pragma once

#include "exchange/import_problems.hpp"

#include <filesystem>
#include <string_view>
#include <vector>

namespace ims::exchange {

// Reads `text` as the import file `path`: a JSON document when its extension is .json, else a
// CSV file of the collection its name gives (people.csv). Evidence paths in the rows are
// relative to path's folder. Appends the rows it reads to `rows` and every problem to `problems`.
void read_import_text(std::string_view text, const std::filesystem::path& path,
                      std::vector<SourceRow>& rows, Problems& problems);

}  // namespace ims::exchange
