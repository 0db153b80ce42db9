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

// Reads CSV record by record, from a file in chunks (so a file of any length needs the memory of
// its longest record) or from a text. Accepts a UTF-8 byte-order mark, CRLF or LF line ends,
// quoted cells with "" escapes and line breaks; skips blank lines. Throws
// ims::Error(kInvalidInput) "<source>:<line>: ..." for bytes that are not UTF-8 (util/utf8.hpp),
// a quoted cell that is never closed or text after a closing quote.
class CsvReader {
public:
    // `source` names the text in messages (a file name).
    CsvReader(std::string_view text, std::string source);
    // Reads the file at `path`; throws ims::Error(kNotFound) when it cannot be opened.
    static CsvReader open_file(const std::string& path);
    CsvReader(CsvReader&& other) noexcept;
    CsvReader& operator=(CsvReader&&) = delete;
    ~CsvReader();

    // Reads the next record into `record` (its cells' storage is reused); false at the end.
    // Throws ims::Error(kIo) when the file cannot be read.
    bool next(CsvRecord& record);

private:
    enum class Parsed { kRecord, kBlank, kNeedMore, kEnd };
    CsvReader(int fd, std::string source);
    Parsed parse(CsvRecord& record);
    void refill();
    [[noreturn]] void fail(int line, const std::string& what) const;

    int fd_ = -1;
    std::string_view text_;  // text not yet copied into buffer_ (text mode)
    std::string source_;
    std::string buffer_;
    std::size_t pos_ = 0;      // where the next record starts in buffer_
    std::size_t checked_ = 0;  // buffer_ holds well-formed UTF-8 up to here
    int line_ = 1;             // the line at pos_
    bool eof_ = false;
    bool started_ = false;  // a byte-order mark was looked for
};

// Reads all of `text` at once (tests, fuzzing); the same rules as CsvReader.
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
