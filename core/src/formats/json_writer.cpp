#include "formats/json_writer.hpp"

#include "ims/core/error.hpp"
#include "util/utf8.hpp"

#include <nlohmann/json.hpp>

namespace ims::formats {

void append_json_string(std::string& out, std::string_view text, InvalidUtf8 invalid) {
    static constexpr char kHex[] = "0123456789abcdef";
    const std::size_t start = out.size();
    bool ascii = true;
    out += '"';
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (byte < 0x20) {
                    out += "\\u00";
                    out += kHex[byte >> 4];
                    out += kHex[byte & 0xf];
                } else {
                    ascii = ascii && byte < 0x80;
                    out += c;
                }
        }
    }
    out += '"';
    if (ascii) return;
    const auto bad = util::first_invalid_utf8(text);
    if (!bad) return;
    if (invalid == InvalidUtf8::kThrow)
        throw Error(ErrorCode::kInvalidInput,
                    "text that is not valid UTF-8 cannot be written as JSON (" +
                        util::describe_bytes_at(text, *bad) + " at byte " + std::to_string(*bad) +
                        ")");
    out.resize(start);
    out += nlohmann::json(std::string(text))
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void JsonWriter::indent(std::size_t depth) {
    out_.append(2 * depth, ' ');
}

void JsonWriter::before_value() {
    if (after_key_ || empty_.empty()) {
        after_key_ = false;
        return;
    }
    out_ += empty_.back() ? "\n" : ",\n";
    empty_.back() = false;
    indent(empty_.size());
}

void JsonWriter::open(char bracket) {
    before_value();
    out_ += bracket;
    empty_.push_back(true);
}

void JsonWriter::close(char bracket) {
    const bool empty = empty_.back();
    empty_.pop_back();
    if (!empty) {
        out_ += '\n';
        indent(empty_.size());
    }
    out_ += bracket;
}

void JsonWriter::begin_object() {
    open('{');
}
void JsonWriter::end_object() {
    close('}');
}
void JsonWriter::begin_array() {
    open('[');
}
void JsonWriter::end_array() {
    close(']');
}

void JsonWriter::key(std::string_view name) {
    before_value();
    append_json_string(out_, name);
    out_ += ": ";
    after_key_ = true;
}

void JsonWriter::string(std::string_view text) {
    before_value();
    append_json_string(out_, text);
}

void JsonWriter::number(int64_t value) {
    before_value();
    out_ += std::to_string(value);
}

void JsonWriter::boolean(bool value) {
    before_value();
    out_ += value ? "true" : "false";
}

template <typename Json>
void JsonWriter::any(const Json& value) {
    if (value.is_object()) {
        begin_object();
        for (const auto& [name, member] : value.items()) {
            key(name);
            any(member);
        }
        end_object();
    } else if (value.is_array()) {
        begin_array();
        for (const auto& item : value) any(item);
        end_array();
    } else if (value.is_string()) {
        string(value.template get_ref<const std::string&>());
    } else {
        before_value();
        out_ += value.dump();  // numbers, booleans and null as nlohmann writes them
    }
}

void JsonWriter::value(const nlohmann::json& value) {
    any(value);
}
void JsonWriter::value(const nlohmann::ordered_json& value) {
    any(value);
}

}  // namespace ims::formats
