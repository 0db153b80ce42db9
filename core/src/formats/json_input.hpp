// The bytes the JSON parser reads: a text in memory, or a file read in chunks so that a document
// of any length needs a bounded buffer. Every byte is checked as UTF-8 before the parser sees it,
// and a byte's line and column can be told for messages as long as the parser keeps it.
// Internal to core/src/formats (json_reader.cpp).
#pragma once

#include "ims/core/error.hpp"
#include "util/utf8.hpp"

#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>

namespace ims::formats {

class JsonInput {
public:
    // The whole text; throws ims::Error(kInvalidInput) now if any of it is not UTF-8.
    JsonInput(std::string_view text, std::string source);
    // The file at `path`, read in chunks; throws ims::Error(kNotFound) when it cannot be opened.
    struct File {
        const std::string& path;
    };
    explicit JsonInput(File file);
    JsonInput(const JsonInput&) = delete;
    JsonInput& operator=(const JsonInput&) = delete;
    ~JsonInput();

    // Whether every byte was read (reads the next chunk first when the buffer is used up).
    // Throws ims::Error(kInvalidInput) naming the line and column of a byte that is not UTF-8,
    // kIo when the file cannot be read.
    bool at_end() { return pos_ == end_ && !refill(); }
    char current() const { return data_[pos_]; }
    void advance() { ++pos_; }
    std::size_t offset() const { return base_ + pos_; }  // of the next byte, from the start

    // The parser needs no byte before `offset` any more (it is the end of its last event): the
    // buffer may drop them. Bytes from `offset` on stay readable with at() and position().
    void keep_from(std::size_t offset);
    // A kept byte, or '\0' past the bytes read so far.
    char at(std::size_t offset) const;
    // The line and column of a kept byte (or of the first kept one, for an earlier offset).
    util::TextPosition position(std::size_t offset) const;
    // ims::Error(kInvalidInput) "<source>:<line>:<column>: <what>" for a kept byte.
    Error error_at(std::size_t offset, const std::string& what) const;

    // An input iterator over the bytes, for nlohmann::json::sax_parse; the end iterator is
    // Iterator().
    class Iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = char;
        using difference_type = std::ptrdiff_t;
        using pointer = const char*;
        using reference = char;

        Iterator() = default;
        explicit Iterator(JsonInput* input) : input_(input) {}
        char operator*() const { return input_->current(); }
        Iterator& operator++() {
            input_->advance();
            return *this;
        }
        Iterator operator++(int) {
            Iterator before = *this;
            input_->advance();
            return before;
        }
        bool operator==(const Iterator& other) const { return done() == other.done(); }

    private:
        bool done() const { return !input_ || input_->at_end(); }
        JsonInput* input_ = nullptr;
    };

private:
    bool refill();
    void read_chunk();

    int fd_ = -1;
    std::string source_;
    std::string buffer_;             // file mode: the kept and unread bytes
    const char* data_ = nullptr;     // the buffer's or the text's bytes
    std::size_t pos_ = 0, end_ = 0;  // the next byte to read and the end of the checked bytes
    std::size_t base_ = 0;           // the offset of data_[0] in the whole input
    std::size_t kept_ = 0;           // the first byte still kept (an offset in the whole input)
    util::TextPosition kept_at_;     // its line and column
    bool eof_ = false;
};

}  // namespace ims::formats
