// Writing a large JSON document piece by piece into a buffer that the caller drains as it goes,
// so that a report or an export never sits in memory whole. The layout is nlohmann's dump(2):
// two-space indent, "key": value, empty containers as {} and []. Used by the export and the
// coverage reports. Internal to libims_core; one writer per document.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ims::formats {

class JsonWriter {
public:
    // Appends to `out`; the caller may move bytes out of it between values.
    explicit JsonWriter(std::string& out) : out_(out) {}

    void begin_object();
    void end_object();
    void begin_array();
    void end_array();
    // The key of the next member of the object being written.
    void key(std::string_view name);

    // Throws ims::Error(kInvalidInput) for text that is not UTF-8, which JSON cannot carry.
    void string(std::string_view text);
    void number(int64_t value);
    void boolean(bool value);
    // A parsed value (an object's members in its own order).
    void value(const nlohmann::json& value);
    void value(const nlohmann::ordered_json& value);

private:
    template <typename Json>
    void any(const Json& value);
    void open(char bracket);
    void close(char bracket);
    void before_value();
    void indent(std::size_t depth);

    std::string& out_;
    std::vector<bool> empty_;  // per open container: nothing written in it yet
    bool after_key_ = false;
};

// What to do with text that is not UTF-8: refuse it (ims::Error kInvalidInput), or write it with
// U+FFFD in place of each bad byte, as nlohmann's error_handler_t::replace does (for messages
// and comparisons about data that may have been damaged).
enum class InvalidUtf8 { kThrow, kReplace };

// `text` as a JSON string, quotes included, escaped as nlohmann's dump() escapes it.
void append_json_string(std::string& out, std::string_view text,
                        InvalidUtf8 invalid = InvalidUtf8::kThrow);

}  // namespace ims::formats
