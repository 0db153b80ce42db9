#include "formats/csv.hpp"

#include "ims/core/error.hpp"
#include "util/utf8.hpp"

namespace ims::formats {

std::vector<CsvRecord> read_csv(std::string_view text, const std::string& source) {
    if (auto bad = util::first_invalid_utf8(text)) {
        throw Error(ErrorCode::kInvalidInput,
                    source + ":" + std::to_string(util::position_of(text, *bad).line) +
                        ": this line is not UTF-8 text (bytes " +
                        util::describe_bytes_at(text, *bad) + "); save the file as \"CSV UTF-8\"");
    }
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    std::vector<CsvRecord> records;
    CsvRecord record;
    std::string cell;
    int line = 1;
    bool in_quotes = false, after_quote = false, row_has_text = false;
    record.line = 1;
    auto fail = [&](int at, const std::string& what) {
        throw Error(ErrorCode::kInvalidInput, source + ":" + std::to_string(at) + ": " + what);
    };
    auto end_cell = [&] {
        record.cells.push_back(std::move(cell));
        cell.clear();
        after_quote = false;
    };
    auto end_record = [&] {
        end_cell();
        if (row_has_text) records.push_back(std::move(record));
        record = CsvRecord{};
        record.line = line;
        row_has_text = false;
    };
    int quote_line = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (in_quotes) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                in_quotes = false;
                after_quote = true;
            } else {
                if (c == '\n') ++line;
                cell += c;
            }
            continue;
        }
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
        if (c == '\n' || c == '\r') {
            ++line;
            end_record();
        } else if (c == ',') {
            row_has_text = true;
            end_cell();
        } else if (after_quote) {
            fail(line,
                 "text after the closing quote of a cell; a quote inside a quoted cell is written "
                 "\"\"");
        } else if (c == '"' && cell.empty()) {
            in_quotes = true;
            quote_line = line;
            row_has_text = true;
        } else {
            cell += c;
            row_has_text = true;
        }
    }
    if (in_quotes) fail(quote_line, "a quoted cell is never closed");
    end_record();
    return records;
}

std::string csv_field(const std::string& cell) {
    // A leading byte-order mark is quoted because read_csv drops one at the start of a file.
    if (cell.find_first_of(",\"\r\n") == std::string::npos && cell.rfind("\xEF\xBB\xBF", 0) != 0)
        return cell;
    std::string out = "\"";
    for (char c : cell) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string csv_record(const std::vector<std::string>& cells) {
    // One empty cell is written quoted: unquoted it would be a blank line, which readers skip.
    if (cells.size() == 1 && cells[0].empty()) return "\"\"\r\n";
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_field(cells[i]);
    return out + "\r\n";
}

std::string guard_formula(std::string text) {
    if (!text.empty() && std::string_view("=+-@\t\r'").find(text.front()) != std::string_view::npos)
        text.insert(text.begin(), '\'');
    return text;
}

std::string_view strip_formula_guard(std::string_view text) {
    if (!text.empty() && text.front() == '\'') text.remove_prefix(1);
    return text;
}

}  // namespace ims::formats
