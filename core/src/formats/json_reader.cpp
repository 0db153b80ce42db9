#include "formats/json_reader.hpp"

#include "formats/json_input.hpp"
#include "ims/core/error.hpp"
#include "util/utf8.hpp"

#include <cstring>
#include <fstream>
#include <iterator>
#include <set>
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

// Builds the document from nlohmann's SAX events in one pass (linear in the text, unlike the
// callback parser), refusing a key that appears twice in one object (nlohmann would keep the
// last one and silently drop data) and nesting deeper than kMaxJsonDepth (which would exhaust
// the stack in every recursive walk of the document: copy, dump, comparison).
//
// With a JsonObjectStream it does not keep the top-level object: each member's value, or each
// element of a member that is an array, goes to the stream as soon as it is complete, so that
// only the element being read is in memory.
class DocumentBuilder {
public:
    DocumentBuilder(JsonInput& input, JsonObjectStream* stream) : input_(input), stream_(stream) {}

    bool null() { return add(nullptr); }
    bool boolean(bool value) { return add(value); }
    bool number_integer(Json::number_integer_t value) { return add(value); }
    bool number_unsigned(Json::number_unsigned_t value) { return add(value); }
    bool number_float(Json::number_float_t value, const Json::string_t&) { return add(value); }
    bool string(Json::string_t& value) { return add(std::move(value)); }
    bool binary(Json::binary_t&) { return fail(input_.offset() - 1, "binary values are not JSON"); }
    bool start_object(std::size_t) { return open(Json::value_t::object); }
    bool start_array(std::size_t) { return open(Json::value_t::array); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

    bool key(Json::string_t& name) {
        Frame& frame = stack_.back();
        if (frame.streamed) {  // a top-level member: its value goes to the stream, not the object
            if (!top_keys_.insert(name).second) return repeated(name);
            member_key_ = std::move(name);
            frame.key = &member_key_;
            slot_ = &member_;
            return mark();
        }
        auto [member, added] = frame.value->get_ref<Json::object_t&>().try_emplace(std::move(name));
        if (!added) return repeated(member->first);
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
        std::size_t count = 0;             // arrays: the elements read so far
        bool streamed = false;             // its members or elements go to the stream
        bool pass_on = true;               // a streamed array: the stream wants its elements
    };

    bool mark() {
        last_event_end_ = input_.offset();
        // One byte more than the event's end, for a syntax error found at the next byte.
        input_.keep_from(last_event_end_ == 0 ? 0 : last_event_end_ - 1);
        return true;
    }

    bool repeated(const std::string& name) {
        return fail(key_start(),
                    pointer_to(&name) + ": this key appears twice in one object; keep one");
    }

    // The key's opening quote: the first character after the previous event that is neither
    // white space nor a comma.
    std::size_t key_start() const {
        std::size_t at = last_event_end_;
        while (at < input_.offset() && std::strchr(" \t\r\n,", input_.at(at)) != nullptr) ++at;
        return at;
    }

    template <class Value>
    Json* place(Value&& value) {
        if (stack_.empty()) {
            root_ = Json(std::forward<Value>(value));
            return &root_;
        }
        Frame& top = stack_.back();
        if (top.value->is_array()) {
            ++top.count;
            if (top.streamed) {
                element_ = Json(std::forward<Value>(value));
                return &element_;
            }
            auto& array = top.value->get_ref<Json::array_t&>();
            array.emplace_back(std::forward<Value>(value));
            return &array.back();
        }
        *slot_ = Json(std::forward<Value>(value));
        return slot_;
    }

    // A value is complete: a top-level member or an element of a streamed array goes to the
    // stream now.
    void completed() {
        if (stack_.empty() || !stack_.back().streamed || opened_stream_) {
            opened_stream_ = false;
            return;
        }
        Frame& top = stack_.back();
        if (top.value->is_array()) {
            if (top.pass_on) stream_->element(member_key_, top.count - 1, std::move(element_));
            element_ = nullptr;
        } else {
            stream_->member(member_key_, std::move(member_));
            member_ = nullptr;
        }
    }

    template <class Value>
    bool add(Value&& value) {
        place(std::forward<Value>(value));
        completed();
        return mark();
    }

    bool open(Json::value_t type) {
        if (stack_.size() >= kMaxJsonDepth)
            return fail(input_.offset() - 1, "JSON nested deeper than " +
                                                 std::to_string(kMaxJsonDepth) + " levels at " +
                                                 pointer_to(nullptr));
        const bool root_object = stream_ && stack_.empty() && type == Json::value_t::object;
        const bool member_array =
            stream_ && stack_.size() == 1 && stack_[0].streamed && type == Json::value_t::array;
        if (member_array) {
            streamed_array_ = Json::array();
            stack_.push_back({&streamed_array_, nullptr, 0, true, stream_->array(member_key_)});
        } else {
            stack_.push_back({place(type), nullptr, 0, root_object});
        }
        return mark();
    }

    bool close() {
        // A streamed array's end completes nothing: its elements went one by one.
        opened_stream_ = stack_.back().streamed && stack_.back().value->is_array();
        stack_.pop_back();
        completed();
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
                out += "/" + std::to_string(innermost ? frame.count : frame.count - 1);
            }
        }
        return out.empty() ? "/" : out;
    }

    bool fail(std::size_t at, std::string what) {
        error_offset_ = at;
        error_ = std::move(what);
        return false;
    }

    JsonInput& input_;
    JsonObjectStream* stream_;
    std::size_t last_event_end_ = 0;
    Json root_;
    std::vector<Frame> stack_;
    Json* slot_ = nullptr;  // where the next member value of the innermost object goes
    std::size_t error_offset_ = 0;
    std::string error_;
    // Streaming: the top-level member being read, its value or current element.
    std::set<std::string> top_keys_;
    std::string member_key_;
    Json member_, element_, streamed_array_;
    bool opened_stream_ = false;
};

Json parse(JsonInput& input, JsonObjectStream* stream) {
    DocumentBuilder builder(input, stream);
    if (!Json::sax_parse(JsonInput::Iterator(&input), JsonInput::Iterator(), &builder))
        throw input.error_at(builder.error_offset(), builder.error());
    return builder.take();
}

void stream_from(JsonInput& input, JsonObjectStream& stream) {
    Json root = parse(input, &stream);
    if (!root.is_object()) stream.not_an_object(std::move(root));
}

}  // namespace

Json parse_json(std::string_view text, const std::string& source) {
    JsonInput input(text, source);
    return parse(input, nullptr);
}

void stream_json_object(std::string_view text, const std::string& source,
                        JsonObjectStream& stream) {
    JsonInput input(text, source);
    stream_from(input, stream);
}

void stream_json_object_file(const std::string& path, JsonObjectStream& stream) {
    JsonInput input(JsonInput::File{path});
    stream_from(input, stream);
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
