// Reading untrusted JSON files with messages that name the file, the line and column of a syntax
// error, or the JSON pointer and field of a wrong value. Used by every JSON input of libims_core.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ims::formats {

// How deep objects and arrays may nest in any JSON input. ims documents nest at most about six
// levels; the bound keeps every recursive walk of a parsed document (copy, dump, compare) far
// from the stack's end, also in sanitizer builds.
inline constexpr std::size_t kMaxJsonDepth = 256;

// Parses `text` in one linear pass. `source` names it in messages: a file name, or e.g.
// "change log entry 42". Throws ims::Error(kInvalidInput) "<source>:<line>:<column>: ..." (line
// and column of the offending character) for bytes that are not UTF-8, a syntax error, a key
// that appears twice in one object (naming its JSON pointer) and nesting deeper than
// kMaxJsonDepth ("JSON nested deeper than 256 levels at /a/0/b").
nlohmann::json parse_json(std::string_view text, const std::string& source);

// What stream_json_object hands over as it reads a document whose top level is an object.
class JsonObjectStream {
public:
    virtual ~JsonObjectStream() = default;
    // A top-level member whose value is an array begins; false skips its elements.
    virtual bool array(const std::string& key) = 0;
    // An element of that array, as soon as it is complete; `index` counts from 0.
    virtual void element(const std::string& key, std::size_t index, nlohmann::json value) = 0;
    // A top-level member whose value is not an array, once complete.
    virtual void member(const std::string& key, nlohmann::json value) = 0;
    // The document's top level is not an object: here it is whole.
    virtual void not_an_object(nlohmann::json value) = 0;
};

// Reads `text` as parse_json does, but hands each top-level member's value, or each element of
// a member that is an array, to `stream` as soon as it is complete, and keeps none of them: a
// document of any length needs the memory of its largest element. Throws as parse_json does,
// at the problem; what was handed over before it stays handed over.
void stream_json_object(std::string_view text, const std::string& source, JsonObjectStream& stream);
// The same for the file at `path`, read in chunks; throws ims::Error(kNotFound) when it cannot
// be opened, kIo when it cannot be read.
void stream_json_object_file(const std::string& path, JsonObjectStream& stream);

// Reads a whole file as bytes; throws ims::Error(kNotFound / kIo).
std::string read_text_file(const std::string& path);

// Reads and parses a file; throws ims::Error(kNotFound / kIo / kInvalidInput).
nlohmann::json read_json_file(const std::string& path);

// A view of one JSON object inside a document, remembering where it is for messages.
class JsonObject {
public:
    // Throws unless `value` is an object.
    JsonObject(const nlohmann::json& value, std::string source, std::string pointer);

    bool has(const std::string& field) const;
    std::string required_string(const std::string& field) const;
    std::optional<std::string> optional_string(const std::string& field) const;
    std::vector<std::string> string_array(const std::string& field) const;  // absent -> empty
    // The array `field` (absent -> empty); each element must be an object.
    std::vector<JsonObject> object_array(const std::string& field) const;
    std::optional<JsonObject> optional_object(const std::string& field) const;
    const nlohmann::json& raw() const { return *value_; }
    const std::string& source() const { return source_; }
    std::string pointer_to(const std::string& field) const;

    // Throws ims::Error(kInvalidInput) "<source>: <pointer>/<field>: <what>".
    [[noreturn]] void fail(const std::string& field, const std::string& what) const;

private:
    const nlohmann::json* value_;
    std::string source_;
    std::string pointer_;
};

// A short name for a JSON value's type, for "expected a string, got number" messages.
std::string json_type_name(const nlohmann::json& value);

}  // namespace ims::formats
