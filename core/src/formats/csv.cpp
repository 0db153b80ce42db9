#include "formats/csv.hpp"

#include "ims/core/error.hpp"
#include "util/open_file.hpp"
#include "util/utf8.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

namespace ims::formats {

namespace {

constexpr std::size_t kChunk = 256 * 1024;

// The next cell of `record`, emptied, its storage kept from earlier records.
std::string& next_cell(CsvRecord& record, std::size_t& cells) {
    if (cells == record.cells.size()) record.cells.emplace_back();
    std::string& cell = record.cells[cells++];
    cell.clear();
    return cell;
}

}  // namespace

CsvReader::CsvReader(std::string_view text, std::string source)
    : text_(text), source_(std::move(source)) {}

CsvReader::CsvReader(int fd, std::string source) : fd_(fd), source_(std::move(source)) {}

CsvReader::CsvReader(CsvReader&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      text_(other.text_),
      source_(std::move(other.source_)),
      buffer_(std::move(other.buffer_)),
      pos_(other.pos_),
      checked_(other.checked_),
      line_(other.line_),
      eof_(other.eof_),
      started_(other.started_) {}

CsvReader::~CsvReader() {
    if (fd_ >= 0) ::close(fd_);
}

CsvReader CsvReader::open_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw Error(ErrorCode::kNotFound, path + ": cannot open the file");
    return CsvReader(fd, path);
}

void CsvReader::fail(int line, const std::string& what) const {
    throw Error(ErrorCode::kInvalidInput, source_ + ":" + std::to_string(line) + ": " + what);
}

// Appends the next chunk to the buffer (after dropping what was read) and checks its UTF-8, so
// that no byte reaches a record before it was checked.
void CsvReader::refill() {
    buffer_.erase(0, pos_);
    checked_ -= pos_;
    pos_ = 0;
    if (fd_ >= 0) {
        eof_ = !util::append_chunk(fd_, buffer_, kChunk, source_);
    } else {
        buffer_.append(text_);
        text_ = {};
        eof_ = true;
    }
    const std::string_view unchecked(buffer_.data() + checked_, buffer_.size() - checked_);
    const std::size_t complete =
        unchecked.size() - (eof_ ? 0 : util::incomplete_utf8_tail(unchecked));
    if (auto bad = util::first_invalid_utf8(unchecked.substr(0, complete))) {
        const std::string_view all(buffer_);
        const std::size_t at = checked_ + *bad;
        const auto lines = std::count(all.begin(), all.begin() + static_cast<long>(at), '\n');
        fail(line_ + static_cast<int>(lines), "this line is not UTF-8 text (bytes " +
                                                  util::describe_bytes_at(all, at) +
                                                  "); save the file as \"CSV UTF-8\"");
    }
    checked_ += complete;
    if (!started_ && (buffer_.size() >= 3 || eof_)) {
        started_ = true;
        if (std::string_view(buffer_).substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    }
}

bool CsvReader::next(CsvRecord& record) {
    for (;;) {
        if (!started_ || pos_ == checked_) {
            if (eof_ && started_) return false;
            refill();
            continue;
        }
        switch (parse(record)) {
            case Parsed::kRecord:
                return true;
            case Parsed::kBlank:
                continue;
            case Parsed::kEnd:
                return false;
            case Parsed::kNeedMore:
                refill();
        }
    }
}

// Parses one record from pos_ within the checked bytes; kNeedMore when it may go on past them.
// A record cut by the end of the buffer is parsed again from its start after a refill.
CsvReader::Parsed CsvReader::parse(CsvRecord& record) {
    const char* p = buffer_.data() + pos_;
    const char* const end = buffer_.data() + checked_;
    int line = line_;
    std::size_t cells = 0;
    bool has_text = false;
    record.line = line;
    if (p == end) return eof_ ? Parsed::kEnd : Parsed::kNeedMore;
    for (;;) {
        std::string& cell = next_cell(record, cells);
        if (*p == '"') {
            const int quote_line = line;
            has_text = true;
            ++p;
            for (;;) {
                const auto* quote = static_cast<const char*>(std::memchr(p, '"', end - p));
                if (!quote) {
                    if (!eof_) return Parsed::kNeedMore;
                    fail(quote_line, "a quoted cell is never closed");
                }
                line += static_cast<int>(std::count(p, quote, '\n'));
                cell.append(p, quote);
                p = quote + 1;
                if (p == end && !eof_) return Parsed::kNeedMore;  // a "" may follow
                if (p == end || *p != '"') break;
                cell += '"';
                ++p;
            }
            if (p != end && *p != ',' && *p != '\n' && *p != '\r')
                fail(line,
                     "text after the closing quote of a cell; a quote inside a quoted cell is "
                     "written \"\"");
        } else {
            const char* stop = p;
            while (stop != end && *stop != ',' && *stop != '\n' && *stop != '\r') ++stop;
            if (stop == end && !eof_) return Parsed::kNeedMore;
            if (stop != p) has_text = true;
            cell.assign(p, stop);
            p = stop;
        }
        if (p != end && *p == ',') {
            has_text = true;
            ++p;
            if (p == end && !eof_) return Parsed::kNeedMore;
            if (p == end) {  // a record ending in a comma at the end of the text
                next_cell(record, cells);
                break;
            }
            continue;
        }
        if (p != end) {  // a line end: CRLF, LF or a lone CR
            if (*p == '\r' && p + 1 == end && !eof_) return Parsed::kNeedMore;
            if (*p == '\r' && p + 1 != end && p[1] == '\n') ++p;
            ++p;
            ++line;
        }
        break;
    }
    record.cells.resize(cells);
    pos_ = static_cast<std::size_t>(p - buffer_.data());
    line_ = line;
    return has_text ? Parsed::kRecord : Parsed::kBlank;
}

std::vector<CsvRecord> read_csv(std::string_view text, const std::string& source) {
    CsvReader reader(text, source);
    std::vector<CsvRecord> records;
    for (CsvRecord record; reader.next(record);) records.push_back(record);
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
