// Field values: what each field type accepts in JSON and in CSV cells, how it is written back
// to a cell, and the JSON Schema that publishes the same rules.
#include "model/cells.hpp"

#include "formats/csv.hpp"

#include <QString>

#include <algorithm>
#include <charconv>

namespace ims::model {
namespace {

using enum FieldType;

std::string quoted(const nlohmann::json& value) {
    if (value.is_string()) return "'" + value.get<std::string>() + "'";
    std::string dumped = value.dump();
    return dumped.size() > 60 ? dumped.substr(0, 57) + "..." : dumped;
}

std::string kind_of(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::string:
            return "the string " + quoted(value);
        case nlohmann::json::value_t::boolean:
            return value.get<bool>() ? "true" : "false";
        case nlohmann::json::value_t::array:
            return "an array";
        case nlohmann::json::value_t::object:
            return "an object";
        default:
            return "the number " + value.dump();
    }
}

// The number the `count` digits of `s` at `at` spell, or -1 when they are not all digits.
int digits(std::string_view s, std::size_t at, std::size_t count) {
    int value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (s[i] < '0' || s[i] > '9') return -1;
        value = value * 10 + (s[i] - '0');
    }
    return value;
}

// A calendar date YYYY-MM-DD of the years 1 to 9999, checked in one pass (no regex, no QDate:
// every date of an import goes through here).
bool is_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    const int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
    if (year < 1 || month < 1 || month > 12 || day < 1) return false;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

// YYYY-MM-DDThh:mm[:ss] then Z or +hh:mm / -hh:mm, as ISO 8601 (and Qt) reads it: a time of day
// up to 23:59:59 or exactly 24:00[:00], an offset up to 23:59.
bool is_datetime(std::string_view s) {
    if (s.size() < 17 || s[10] != 'T' || !is_date(s.substr(0, 10)) || s[13] != ':') return false;
    const int hour = digits(s, 11, 2), minute = digits(s, 14, 2);
    std::size_t at = 16;
    int second = 0;
    if (s[at] == ':') {
        if (s.size() < at + 4) return false;
        second = digits(s, at + 1, 2);
        at += 3;
    }
    const bool midnight = hour == 24 && minute == 0 && second == 0;
    if (hour < 0 || minute < 0 || second < 0 || minute > 59 || second > 59 ||
        (hour > 23 && !midnight))
        return false;
    const std::string_view zone = s.substr(at);
    if (zone == "Z") return true;
    if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':') return false;
    const int zone_hours = digits(zone, 1, 2), zone_minutes = digits(zone, 4, 2);
    return zone_hours >= 0 && zone_hours <= 23 && zone_minutes >= 0 && zone_minutes <= 59;
}

std::string join_values(const std::vector<std::string_view>& values) {
    std::string out;
    for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + std::string(values[i]);
    return out;
}

std::string describe_element(const Field& field);

std::optional<std::string> check_scalar(const Field& field, FieldType type,
                                        const nlohmann::json& value) {
    auto expected = [&] {
        return "expected " + describe_element(field) + ", got " + kind_of(value);
    };
    switch (type) {
        case kInteger: {
            if (!value.is_number_integer()) return expected();
            auto n = value.get<int64_t>();
            if ((field.min && n < *field.min) || (field.max && n > *field.max)) return expected();
            return std::nullopt;
        }
        case kBoolean:
            return value.is_boolean() ? std::nullopt : std::optional(expected());
        case kDate:
            return value.is_string() && is_date(value.get_ref<const std::string&>())
                       ? std::nullopt
                       : std::optional(expected());
        case kDateTime:
            return value.is_string() && is_datetime(value.get_ref<const std::string&>())
                       ? std::nullopt
                       : std::optional(expected());
        case kEnum:
        case kEnumList:
            if (value.is_string())
                for (auto allowed : field.values)
                    if (value.get_ref<const std::string&>() == allowed) return std::nullopt;
            return expected();
        default:
            return value.is_string() && !value.get_ref<const std::string&>().empty()
                       ? std::nullopt
                       : std::optional(expected());
    }
}

FieldType element_type(FieldType type) {
    switch (type) {
        case kTextList:
            return kText;
        case kEnumList:
            return kEnum;
        case kRefList:
            return kRef;
        default:
            return type;
    }
}

// List items travel through CSV cells, which trim items; an item that starts or ends with a space
// would not come back the same.
std::optional<std::string> check_item(const Field& field, const nlohmann::json& item) {
    if (auto problem = check_scalar(field, element_type(field.type), item)) return problem;
    const std::string& s = item.get_ref<const std::string&>();
    if (s.front() == ' ' || s.back() == ' ')
        return "expected no space at the start or end, got '" + s + "'";
    return std::nullopt;
}

nlohmann::json element_schema(const Field& field) {
    switch (element_type(field.type)) {
        case kInteger: {
            nlohmann::json s = {{"type", "integer"}};
            if (field.min) s["minimum"] = *field.min;
            if (field.max) s["maximum"] = *field.max;
            return s;
        }
        case kBoolean:
            return {{"type", "boolean"}};
        case kDate:
            return {{"type", "string"}, {"pattern", R"(^\d{4}-\d{2}-\d{2}$)"}};
        case kDateTime:
            return {{"type", "string"},
                    {"pattern", R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$)"}};
        case kEnum: {
            nlohmann::json values = nlohmann::json::array();
            for (auto v : field.values) values.push_back(v);
            return {{"enum", values}};
        }
        default:
            return {{"type", "string"}, {"minLength", 1}};
    }
}

std::string describe_element(const Field& field) {
    std::string one;
    switch (element_type(field.type)) {
        case kInteger:
            one = "an integer";
            if (field.min && field.max)
                one += " from " + std::to_string(*field.min) + " to " + std::to_string(*field.max);
            else if (field.min)
                one += " of at least " + std::to_string(*field.min);
            break;
        case kBoolean:
            one = "true or false";
            break;
        case kDate:
            one = "a date YYYY-MM-DD";
            break;
        case kDateTime:
            one = "a date and time with a time zone, e.g. 2026-03-04T09:30:00+02:00";
            break;
        case kEnum:
            one = "one of: " + join_values(field.values);
            break;
        case kRef:
            one = field.target.empty() ? "an id" : "the id of a " + std::string(field.target);
            break;
        case kFile:
            one = "a file path relative to the import file";
            break;
        default:
            one = "a non-empty string";
            break;
    }
    return one;
}

// Cells whose text people write (not numbers, booleans or dates): the ones a spreadsheet could
// take for a formula, so CSV export guards them and CSV import removes the guard.
bool free_text(const Field& field) {
    return field.type != kInteger && field.type != kBoolean && field.type != kDate &&
           field.type != kDateTime;
}

}  // namespace

bool is_calendar_date(std::string_view text) {
    return is_date(text);
}

std::string describe(const Field& field) {
    return field.is_list() ? "a list of values, each " + describe_element(field)
                           : describe_element(field);
}

std::optional<std::string> check_value(const Field& field, const nlohmann::json& value) {
    if (value.is_null()) return std::nullopt;
    if (!field.is_list()) return check_scalar(field, field.type, value);
    if (!value.is_array()) return "expected " + describe(field) + ", got " + kind_of(value);
    for (std::size_t i = 0; i < value.size(); ++i)
        if (auto problem = check_item(field, value[i]))
            return "item " + std::to_string(i) + ": " + *problem;
    return std::nullopt;
}

std::optional<std::string> check_field(const Entity& entity, const Field& field,
                                       const nlohmann::json& value) {
    if (auto problem = check_value(field, value)) return problem;
    const bool key_part =
        std::find(entity.key.begin(), entity.key.end(), field.name) != entity.key.end();
    if (key_part && value.is_string() &&
        value.get_ref<const std::string&>().find('|') != std::string::npos)
        return "must not contain '|', which joins the parts of link ids";
    return std::nullopt;
}

CellValue parse_cell(const Field& field, std::string_view text) {
    if (free_text(field)) text = formats::strip_formula_guard(text);
    if (text.empty()) return {nullptr, std::nullopt};
    auto fail = [&] {
        return CellValue{nullptr,
                         "expected " + describe(field) + ", got '" + std::string(text) + "'"};
    };
    if (field.is_list()) {
        nlohmann::json items = nlohmann::json::array();
        std::string item;
        auto flush = [&] {
            auto b = item.find_first_not_of(' '), e = item.find_last_not_of(' ');
            items.push_back(b == std::string::npos ? std::string() : item.substr(b, e - b + 1));
            item.clear();
        };
        for (std::size_t i = 0; i < text.size(); ++i) {
            bool escaped = text[i] == '\\' && i + 1 < text.size() &&
                           (text[i + 1] == ';' || text[i + 1] == '\\');
            if (escaped)
                item += text[++i];
            else if (text[i] == ';')
                flush();
            else
                item += text[i];
        }
        flush();
        if (auto problem = check_value(field, items)) return {nullptr, problem};
        return {items, std::nullopt};
    }
    std::string s(text);
    nlohmann::json value = s;
    if (field.type == kInteger) {
        int64_t n = 0;
        auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), n);
        if (error != std::errc() || end != s.data() + s.size()) return fail();
        value = n;
    } else if (field.type == kBoolean) {
        QString lower = QString::fromStdString(s).trimmed().toLower();
        if (lower == "true" || lower == "yes" || lower == "1")
            value = true;
        else if (lower == "false" || lower == "no" || lower == "0")
            value = false;
        else
            return fail();
    }
    if (check_value(field, value)) return fail();
    return {value, std::nullopt};
}

std::string format_cell(const Field& field, const nlohmann::json& value) {
    if (value.is_null()) return {};
    if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
    if (value.is_number_integer()) return std::to_string(value.get<int64_t>());
    if (field.is_list()) {
        std::string out;
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (i) out += ";";
            for (char c : value[i].get<std::string>()) {
                if (c == ';' || c == '\\') out += '\\';
                out += c;
            }
        }
        return formats::guard_formula(std::move(out));
    }
    const std::string& text = value.get_ref<const std::string&>();
    return free_text(field) ? formats::guard_formula(text) : text;
}

nlohmann::json import_schema() {
    nlohmann::json properties = {{"format", {{"const", "ims-import/1"}}}};
    for (const auto& entity : entities()) {
        if (entity.kind == EntityKind::kCatalog) continue;
        nlohmann::json fields = nlohmann::json::object(), required = nlohmann::json::array();
        for (const auto& field : entity.fields) {
            nlohmann::json s = field.is_list() ? nlohmann::json{{"type", "array"},
                                                                {"items", element_schema(field)}}
                                               : element_schema(field);
            if (field.type == kFile) s = {{"type", "string"}, {"minLength", 1}};
            if (!field.required) s = {{"anyOf", {s, {{"type", "null"}}}}};
            s["description"] = field.doc;
            fields[std::string(field.name)] = s;
            if (field.required) required.push_back(field.name);
        }
        nlohmann::json row = {{"type", "object"},
                              {"description", entity.doc},
                              {"properties", fields},
                              {"required", required},
                              {"additionalProperties", false}};
        properties[std::string(entity.collection)] =
            entity.kind == EntityKind::kSingleton
                ? row
                : nlohmann::json{{"type", "array"}, {"items", row}};
    }
    return {{"$schema", "http://json-schema.org/draft-07/schema#"},
            {"$id", "https://ims.invalid/sdk/schema/v1/import.schema.json"},
            {"title", "ims import document (ims-import/1)"},
            {"description", "One document with an array per entity type; see docs/data-model.md."},
            {"type", "object"},
            {"properties", properties},
            {"additionalProperties", false}};
}

}  // namespace ims::model
