#include "formats/json_reader.hpp"

#include "ims/core/error.hpp"
#include "util/utf8.hpp"

#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

namespace ims::formats {
namespace {

// JSON pointer escaping (RFC 6901): '~' -> "~0", '/' -> "~1".
std::string escape_pointer_token(const std::string& token) {
    std::string out;
    for (char c : token) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

}  // namespace

std::string json_type_name(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::null:
            return "null";
        case nlohmann::json::value_t::object:
            return "an object";
        case nlohmann::json::value_t::array:
            return "an array";
        case nlohmann::json::value_t::string:
            return "a string";
        case nlohmann::json::value_t::boolean:
            return "a boolean";
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned:
        case nlohmann::json::value_t::number_float:
            return "a number";
        default:
            return "an unsupported value";
    }
}

namespace {

using Json = nlohmann::json;

// Walks the text for nlohmann's lexer and leaves in *cursor how far it has read, so that the
// problems the builder finds (depth, repeated keys) can name a line and column as syntax errors do.
class TrackingIterator {
public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    TrackingIterator(const char* at, const char** cursor) : at_(at), cursor_(cursor) {}
    reference operator*() const { return *at_; }
    TrackingIterator& operator++() {
        *cursor_ = ++at_;
        return *this;
    }
    TrackingIterator operator++(int) {
        TrackingIterator before = *this;
        ++*this;
        return before;
    }
    bool operator==(const TrackingIterator& other) const { return at_ == other.at_; }

private:
    const char* at_;
    const char** cursor_;
};

// Builds the document from nlohmann's SAX events in one pass (linear in the text, unlike the
// callback parser), refusing a key that appears twice in one object (nlohmann would keep the
// last one and silently drop data) and nesting deeper than kMaxJsonDepth (which would exhaust
// the stack in every recursive walk of the document: copy, dump, comparison).
class DocumentBuilder {
public:
    DocumentBuilder(std::string_view text, const char* const* cursor)
        : text_(text), cursor_(cursor), last_event_end_(text.data()) {}

    bool null() { return add(nullptr); }
    bool boolean(bool value) { return add(value); }
    bool number_integer(Json::number_integer_t value) { return add(value); }
    bool number_unsigned(Json::number_unsigned_t value) { return add(value); }
    bool number_float(Json::number_float_t value, const Json::string_t&) { return add(value); }
    bool string(Json::string_t& value) { return add(std::move(value)); }
    bool binary(Json::binary_t&) { return fail(offset() - 1, "binary values are not JSON"); }
    bool start_object(std::size_t) { return open(Json::value_t::object); }
    bool start_array(std::size_t) { return open(Json::value_t::array); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

    bool key(Json::string_t& name) {
        Frame& frame = stack_.back();
        auto [member, added] = frame.value->get_ref<Json::object_t&>().try_emplace(std::move(name));
        if (!added)
            return fail(key_start(),
                        pointer_to(&name) + ": this key appears twice in one object; keep one");
        frame.key = &member->first;
        slot_ = &member->second;
        return mark();
    }

    template <class Exception>
    bool parse_error(std::size_t byte, const std::string&, const Exception& error) {
        // `byte` counts the characters read, so the offending one is just before it.
        std::string what = error.what();  // "[json.exception.parse_error.101] parse error at ...: "
        auto detail = what.find("syntax error");
        if (detail == std::string::npos) detail = what.find("] ");
        if (detail == std::string::npos)
            detail = 0;
        else if (what.compare(detail, 2, "] ") == 0)
            detail += 2;
        return fail(byte == 0 ? 0 : byte - 1, "malformed JSON: " + what.substr(detail));
    }

    Json take() { return std::move(root_); }
    std::size_t error_offset() const { return error_offset_; }
    const std::string& error() const { return error_; }

private:
    struct Frame {
        Json* value;
        const std::string* key = nullptr;  // objects: the member being read
    };

    std::size_t offset() const { return static_cast<std::size_t>(*cursor_ - text_.data()); }

    bool mark() {
        last_event_end_ = *cursor_;
        return true;
    }

    // The key's opening quote: the first character after the previous event that is neither
    // white space nor a comma.
    std::size_t key_start() const {
        std::size_t at = static_cast<std::size_t>(last_event_end_ - text_.data());
        while (at < text_.size() && std::strchr(" \t\r\n,", text_[at]) != nullptr) ++at;
        return at;
    }

    template <class Value>
    Json* place(Value&& value) {
        if (stack_.empty()) {
            root_ = Json(std::forward<Value>(value));
            return &root_;
        }
        Json& top = *stack_.back().value;
        if (top.is_array()) {
            auto& array = top.get_ref<Json::array_t&>();
            array.emplace_back(std::forward<Value>(value));
            return &array.back();
        }
        *slot_ = Json(std::forward<Value>(value));
        return slot_;
    }

    template <class Value>
    bool add(Value&& value) {
        place(std::forward<Value>(value));
        return mark();
    }

    bool open(Json::value_t type) {
        if (stack_.size() >= kMaxJsonDepth)
            return fail(offset() - 1, "JSON nested deeper than " + std::to_string(kMaxJsonDepth) +
                                          " levels at " + pointer_to(nullptr));
        stack_.push_back({place(type)});
        return mark();
    }

    bool close() {
        stack_.pop_back();
        return mark();
    }

    // The JSON pointer of the value about to be read: below the open containers, at `key` when
    // given, else at the next array index or the current member.
    std::string pointer_to(const std::string* key) const {
        std::string out;
        for (std::size_t i = 0; i < stack_.size(); ++i) {
            const Frame& frame = stack_[i];
            const bool innermost = i + 1 == stack_.size();
            if (frame.value->is_object()) {
                const std::string* token = innermost && key ? key : frame.key;
                out += "/" + escape_pointer_token(token ? *token : std::string());
            } else {
                std::size_t size = frame.value->size();
                out += "/" + std::to_string(innermost ? size : size - 1);
            }
        }
        return out.empty() ? "/" : out;
    }

    bool fail(std::size_t at, std::string what) {
        error_offset_ = at;
        error_ = std::move(what);
        return false;
    }

    std::string_view text_;
    const char* const* cursor_;
    const char* last_event_end_;
    Json root_;
    std::vector<Frame> stack_;
    Json* slot_ = nullptr;  // where the next member value of the innermost object goes
    std::size_t error_offset_ = 0;
    std::string error_;
};

}  // namespace

Json parse_json(std::string_view text, const std::string& source) {
    auto located = [&](std::size_t offset, const std::string& what) {
        util::TextPosition at = util::position_of(text, offset);
        return Error(ErrorCode::kInvalidInput, source + ":" + std::to_string(at.line) + ":" +
                                                   std::to_string(at.column) + ": " + what);
    };
    if (auto bad = util::first_invalid_utf8(text))
        throw located(*bad, "not UTF-8 text (bytes " + util::describe_bytes_at(text, *bad) +
                                "); save the file as UTF-8");
    const char* cursor = text.data();
    DocumentBuilder builder(text, &cursor);
    TrackingIterator first(text.data(), &cursor), last(text.data() + text.size(), &cursor);
    if (!Json::sax_parse(first, last, &builder))
        throw located(builder.error_offset(), builder.error());
    return builder.take();
}

std::string read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorCode::kNotFound, path + ": cannot open the file");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) throw Error(ErrorCode::kIo, path + ": cannot read the file");
    return buffer.str();
}

nlohmann::json read_json_file(const std::string& path) {
    return parse_json(read_text_file(path), path);
}

JsonObject::JsonObject(const nlohmann::json& value, std::string source, std::string pointer)
    : value_(&value), source_(std::move(source)), pointer_(std::move(pointer)) {
    if (!value.is_object()) {
        throw Error(ErrorCode::kInvalidInput, source_ + ": " + (pointer_.empty() ? "/" : pointer_) +
                                                  ": expected an object, got " +
                                                  json_type_name(value));
    }
}

std::string JsonObject::pointer_to(const std::string& field) const {
    return pointer_ + "/" + escape_pointer_token(field);
}

void JsonObject::fail(const std::string& field, const std::string& what) const {
    throw Error(ErrorCode::kInvalidInput, source_ + ": " + pointer_to(field) + ": " + what);
}

bool JsonObject::has(const std::string& field) const {
    return value_->contains(field);
}

std::string JsonObject::required_string(const std::string& field) const {
    auto it = value_->find(field);
    if (it == value_->end()) fail(field, "required field '" + field + "' is missing");
    if (!it->is_string() || it->get_ref<const std::string&>().empty())
        fail(field, "expected a non-empty string, got " +
                        (it->is_string() ? std::string("an empty string") : json_type_name(*it)));
    return it->get<std::string>();
}

std::optional<std::string> JsonObject::optional_string(const std::string& field) const {
    auto it = value_->find(field);
    if (it == value_->end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) fail(field, "expected a string, got " + json_type_name(*it));
    return it->get<std::string>();
}

std::vector<std::string> JsonObject::string_array(const std::string& field) const {
    std::vector<std::string> out;
    auto it = value_->find(field);
    if (it == value_->end()) return out;
    if (!it->is_array()) fail(field, "expected an array of strings, got " + json_type_name(*it));
    for (std::size_t i = 0; i < it->size(); ++i) {
        const auto& element = (*it)[i];
        if (!element.is_string())
            throw Error(ErrorCode::kInvalidInput,
                        source_ + ": " + pointer_to(field) + "/" + std::to_string(i) +
                            ": expected a string, got " + json_type_name(element));
        out.push_back(element.get<std::string>());
    }
    return out;
}

std::vector<JsonObject> JsonObject::object_array(const std::string& field) const {
    std::vector<JsonObject> out;
    auto it = value_->find(field);
    if (it == value_->end()) return out;
    if (!it->is_array()) fail(field, "expected an array of objects, got " + json_type_name(*it));
    out.reserve(it->size());
    for (std::size_t i = 0; i < it->size(); ++i)
        out.emplace_back((*it)[i], source_, pointer_to(field) + "/" + std::to_string(i));
    return out;
}

std::optional<JsonObject> JsonObject::optional_object(const std::string& field) const {
    auto it = value_->find(field);
    if (it == value_->end() || it->is_null()) return std::nullopt;
    return JsonObject(*it, source_, pointer_to(field));
}

}  // namespace ims::formats
