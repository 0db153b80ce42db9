// JSON input in chunks, checked as UTF-8 before it is parsed, with positions for messages.
#include "formats/json_input.hpp"

#include "util/open_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace ims::formats {
namespace {

constexpr std::size_t kChunk = 256 * 1024;

void advance_position(util::TextPosition& at, std::string_view bytes) {
    for (char byte : bytes) {
        const auto c = static_cast<unsigned char>(byte);
        if (c == '\n') {
            ++at.line;
            at.column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++at.column;
        }
    }
}

}  // namespace

JsonInput::JsonInput(std::string_view text, std::string source)
    : source_(std::move(source)), data_(text.data()), end_(text.size()), eof_(true) {
    if (auto bad = util::first_invalid_utf8(text))
        throw error_at(*bad, "not UTF-8 text (bytes " + util::describe_bytes_at(text, *bad) +
                                 "); save the file as UTF-8");
}

JsonInput::JsonInput(File file)
    : fd_(::open(file.path.c_str(), O_RDONLY | O_CLOEXEC)), source_(file.path) {
    if (fd_ < 0) throw Error(ErrorCode::kNotFound, file.path + ": cannot open the file");
}

JsonInput::~JsonInput() {
    if (fd_ >= 0) ::close(fd_);
}

// Reads chunks until there is a byte to parse or the file ends; false at the end.
bool JsonInput::refill() {
    if (fd_ < 0) return false;
    while (pos_ >= end_ && !eof_) read_chunk();
    return pos_ < end_;
}

// Drops the bytes before kept_, appends the next chunk and checks it as UTF-8, so that no byte
// reaches the parser unchecked (a sequence the next chunk completes waits for it).
void JsonInput::read_chunk() {
    const std::size_t drop = kept_ - base_;
    buffer_.erase(0, drop);
    base_ += drop;
    pos_ -= drop;
    const std::size_t checked = end_ - drop;
    eof_ = !util::append_chunk(fd_, buffer_, kChunk, source_);
    data_ = buffer_.data();
    const std::string_view unchecked(buffer_.data() + checked, buffer_.size() - checked);
    const std::size_t complete =
        unchecked.size() - (eof_ ? 0 : util::incomplete_utf8_tail(unchecked));
    if (auto bad = util::first_invalid_utf8(unchecked.substr(0, complete)))
        throw error_at(base_ + checked + *bad,
                       "not UTF-8 text (bytes " + util::describe_bytes_at(buffer_, checked + *bad) +
                           "); save the file as UTF-8");
    end_ = checked + complete;
}

void JsonInput::keep_from(std::size_t offset) {
    if (offset <= kept_) return;
    advance_position(kept_at_, std::string_view(data_ + (kept_ - base_), offset - kept_));
    kept_ = offset;
}

char JsonInput::at(std::size_t offset) const {
    if (offset < base_ || offset - base_ >= end_) return '\0';
    return data_[offset - base_];
}

util::TextPosition JsonInput::position(std::size_t offset) const {
    util::TextPosition at = kept_at_;
    if (offset > kept_) {
        const std::size_t available = base_ + (fd_ >= 0 ? buffer_.size() : end_);
        const std::size_t upto = offset < available ? offset : available;
        advance_position(at, std::string_view(data_ + (kept_ - base_), upto - kept_));
    }
    return at;
}

Error JsonInput::error_at(std::size_t offset, const std::string& what) const {
    const util::TextPosition at = position(offset);
    return Error(ErrorCode::kInvalidInput, source_ + ":" + std::to_string(at.line) + ":" +
                                               std::to_string(at.column) + ": " + what);
}

}  // namespace ims::formats
