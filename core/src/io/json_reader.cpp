#include "io/json_reader.hpp"

#include "ims/core/error.hpp"

#include <fstream>
#include <set>
#include <sstream>

namespace ims::io {
namespace {

// JSON pointer escaping (RFC 6901): '~' -> "~0", '/' -> "~1".
std::string escape_pointer_token(const std::string& token) {
    std::string out;
    for (char c : token) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

}  // namespace

std::string json_type_name(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::null: return "null";
        case nlohmann::json::value_t::object: return "an object";
        case nlohmann::json::value_t::array: return "an array";
        case nlohmann::json::value_t::string: return "a string";
        case nlohmann::json::value_t::boolean: return "a boolean";
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned:
        case nlohmann::json::value_t::number_float: return "a number";
        default: return "an unsupported value";
    }
}

namespace {

// Where the parser is, as a JSON pointer, so that a repeated key can be named: nlohmann's parser
// keeps the last of two equal keys, which would silently drop data.
class KeyTracker {
public:
    struct Repeated {
        std::string pointer;
    };

    bool on_event(nlohmann::json::parse_event_t event, const nlohmann::json& parsed) {
        using Event = nlohmann::json::parse_event_t;
        switch (event) {
            case Event::object_start: enter(); frames_.push_back({true, {}, {}, -1}); break;
            case Event::array_start: enter(); frames_.push_back({false, {}, {}, -1}); break;
            case Event::object_end:
            case Event::array_end: frames_.pop_back(); break;
            case Event::key: {
                Frame& frame = frames_.back();
                frame.token = parsed.get<std::string>();
                if (!frame.keys.insert(frame.token).second) throw Repeated{pointer()};
                break;
            }
            case Event::value: enter(); break;
        }
        return true;
    }

private:
    struct Frame {
        bool object;
        std::set<std::string> keys;
        std::string token;
        long index;
    };
    void enter() {
        if (!frames_.empty() && !frames_.back().object) frames_.back().token = std::to_string(++frames_.back().index);
    }
    std::string pointer() const {
        std::string out;
        for (const auto& f : frames_) out += "/" + escape_pointer_token(f.token);
        return out;
    }
    std::vector<Frame> frames_;
};

}  // namespace

nlohmann::json parse_json(const std::string& text, const std::string& source) {
    KeyTracker tracker;
    try {
        return nlohmann::json::parse(text, [&](int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
            return tracker.on_event(event, parsed);
        });
    } catch (const KeyTracker::Repeated& repeated) {
        throw Error(ErrorCode::kInvalidInput, source + ": " + repeated.pointer +
                                                  ": this key appears twice in one object; keep one");
    } catch (const nlohmann::json::parse_error& e) {
        // e.byte is 1-based and points just past the offending character.
        std::size_t offset = e.byte == 0 ? 0 : e.byte - 1;
        if (offset > text.size()) offset = text.size();
        std::size_t line = 1, column = 1;
        for (std::size_t i = 0; i < offset; ++i) {
            if (text[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        std::string what = e.what();
        auto detail = what.find("syntax error");
        throw Error(ErrorCode::kInvalidInput,
                    source + ":" + std::to_string(line) + ":" + std::to_string(column) +
                        ": malformed JSON: " +
                        (detail == std::string::npos ? what : what.substr(detail)));
    } catch (const nlohmann::json::exception& e) {
        std::string what = e.what();
        auto bracket = what.find("] ");
        throw Error(ErrorCode::kInvalidInput,
                    source + ": malformed JSON: " + (bracket == std::string::npos ? what : what.substr(bracket + 2)));
    }
}

std::string read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorCode::kNotFound, path + ": cannot open the file");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) throw Error(ErrorCode::kIo, path + ": cannot read the file");
    return buffer.str();
}

nlohmann::json read_json_file(const std::string& path) { return parse_json(read_text_file(path), path); }

JsonObject::JsonObject(const nlohmann::json& value, std::string source, std::string pointer)
    : value_(&value), source_(std::move(source)), pointer_(std::move(pointer)) {
    if (!value.is_object()) {
        throw Error(ErrorCode::kInvalidInput,
                    source_ + ": " + (pointer_.empty() ? "/" : pointer_) +
                        ": expected an object, got " + json_type_name(value));
    }
}

std::string JsonObject::pointer_to(const std::string& field) const {
    return pointer_ + "/" + escape_pointer_token(field);
}

void JsonObject::fail(const std::string& field, const std::string& what) const {
    throw Error(ErrorCode::kInvalidInput, source_ + ": " + pointer_to(field) + ": " + what);
}

bool JsonObject::has(const std::string& field) const { return value_->contains(field); }

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
            throw Error(ErrorCode::kInvalidInput, source_ + ": " + pointer_to(field) + "/" +
                                                      std::to_string(i) + ": expected a string, got " +
                                                      json_type_name(element));
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

}  // namespace ims::io
