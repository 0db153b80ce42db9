// CSV as spreadsheets write it (RFC 4180): reading untrusted files with line numbers for
// messages, and the one cell writer every CSV output uses. Internal to libims_core.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ims::formats {

struct CsvRecord {
    int line = 0;  // the line the record starts on, 1-based
    std::vector<std::string> cells;
};

// Parses `text` from `source` (a file name for messages). Accepts a UTF-8 byte-order mark, CRLF
// or LF line ends, quoted cells with "" escapes and line breaks; skips blank lines. Throws
// ims::Error(kInvalidInput) "<source>:<line>: ..." for bytes that are not UTF-8 (util/utf8.hpp),
// a quoted cell that is never closed or text after a closing quote.
std::vector<CsvRecord> read_csv(std::string_view text, const std::string& source);

// One cell, quoted when it holds a comma, quote or line break or starts with a byte-order mark.
std::string csv_field(const std::string& cell);
// One record: cells joined with commas, ended with CRLF. read_csv reads it back as the same cells.
std::string csv_record(const std::vector<std::string>& cells);

// A spreadsheet runs a cell that begins with = + - @ (or TAB or CR) as a formula: a text cell
// meant for a spreadsheet gets a leading apostrophe, which spreadsheets read as "this is text".
// A text cell that already begins with an apostrophe gets one more, so that stripping exactly
// one on import (strip_formula_guard) gives back the text byte for byte.
std::string guard_formula(std::string text);
std::string_view strip_formula_guard(std::string_view text);

}  // namespace ims::formats
