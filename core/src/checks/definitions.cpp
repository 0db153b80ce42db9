// Check definition files (format ims-check/1, sdk/schema/v1/check.schema.json): reading one,
// typed parameter values, and the library of every loaded plugin's checks.
#include "formats/json_reader.hpp"
#include "ims/core/catalog.hpp"
#include "ims/core/checks.hpp"
#include "ims/core/error.hpp"
#include "model/cells.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <regex>
#include <set>

namespace ims::checks {
namespace {

const std::set<std::string> kFields = {"format",   "id",           "title",        "summary",
                                       "severity", "requirements", "subject_type", "parameters",
                                       "remedy",   "query",        "native"};
const std::set<std::string> kParameterFields = {"type", "default", "summary"};

std::string text_of(const formats::JsonObject& o, const std::string& field) {
    std::string value = o.required_string(field);
    if (value.empty()) o.fail(field, "expected a non-empty string");
    return value;
}

void refuse_unknown_fields(const formats::JsonObject& o, const std::set<std::string>& known) {
    for (const auto& [key, value] : o.raw().items()) {
        if (known.count(key)) continue;
        std::string list;
        for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
        o.fail(key, "unknown field; expected one of " + list);
    }
}

// "<standard>/<ref>": no white space, a standard without '/', a ref after the first '/'. Checked
// by hand: std::regex recurses once per character, and a requirement may be any length.
bool is_requirement_id(std::string_view id) {
    if (id.find_first_of(" \t\n\r\f\v") != std::string_view::npos) return false;
    const auto slash = id.find('/');
    return slash != std::string_view::npos && slash > 0 && slash + 1 < id.size();
}

std::optional<ParameterType> parameter_type_of(std::string_view text) {
    for (auto type : {ParameterType::kInteger, ParameterType::kNumber, ParameterType::kText,
                      ParameterType::kBoolean, ParameterType::kDate})
        if (to_string(type) == text) return type;
    return std::nullopt;
}

// A default as the JSON spells it: a number for integer and number, true/false for boolean, a
// string for text and date.
std::optional<std::string> default_of(ParameterType type, const nlohmann::json& value) {
    switch (type) {
        case ParameterType::kInteger:
            if (!value.is_number_integer()) return std::nullopt;
            return value.dump();
        case ParameterType::kNumber:
            if (!value.is_number()) return std::nullopt;
            return parse_parameter(type, value.dump());
        case ParameterType::kBoolean:
            if (!value.is_boolean()) return std::nullopt;
            return value.get<bool>() ? "true" : "false";
        case ParameterType::kText:
        case ParameterType::kDate:
            if (!value.is_string()) return std::nullopt;
            return parse_parameter(type, value.get<std::string>());
    }
    return std::nullopt;
}

std::vector<Parameter> read_parameters(const formats::JsonObject& root) {
    std::vector<Parameter> out;
    auto parameters = root.optional_object("parameters");
    if (!parameters) return out;
    static const std::regex kName("[a-z][a-z0-9_]{0,63}");
    for (const auto& [name, value] : parameters->raw().items()) {
        if (!std::regex_match(name, kName))
            parameters->fail(name,
                             "expected a parameter name of lower-case letters, digits and "
                             "'_', starting with a letter");
        if (name == "as_of")
            parameters->fail(name, "as_of is bound by ims itself; choose another name");
        formats::JsonObject p(value, root.source(), parameters->pointer_to(name));
        refuse_unknown_fields(p, kParameterFields);
        Parameter parameter;
        parameter.name = name;
        const std::string type = p.required_string("type");
        auto parsed = parameter_type_of(type);
        if (!parsed)
            p.fail("type", "expected integer, number, text, boolean or date, got \"" + type + "\"");
        parameter.type = *parsed;
        if (!p.has("default")) p.fail("default", "required field 'default' is missing");
        auto default_value = default_of(parameter.type, p.raw()["default"]);
        if (!default_value)
            p.fail("default", "expected a default of type " + type + ", got " +
                                  formats::json_type_name(p.raw()["default"]) + " " +
                                  p.raw()["default"].dump());
        parameter.default_value = *default_value;
        parameter.summary = text_of(p, "summary");
        out.push_back(std::move(parameter));
    }
    return out;
}

std::string read_query(const formats::JsonObject& root, const std::string& path) {
    const std::string file = root.required_string("query");
    if (file.empty() || file[0] == '/' || file.find("..") != std::string::npos ||
        !file.ends_with(".sql"))
        root.fail("query",
                  "expected the name of a .sql file beside the check file, got \"" + file + "\"");
    const auto sql_path = std::filesystem::path(path).parent_path() / file;
    try {
        return formats::read_text_file(sql_path.string());
    } catch (const Error& e) {
        root.fail("query", std::string("cannot read the query: ") + e.what());
    }
}

}  // namespace

std::string_view to_string(Severity severity) {
    switch (severity) {
        case Severity::kMajor:
            return "major";
        case Severity::kMinor:
            return "minor";
        case Severity::kObservation:
            return "observation";
        case Severity::kInfo:
            return "info";
    }
    return "info";
}

std::optional<Severity> severity_of(std::string_view text) {
    for (auto s : {Severity::kMajor, Severity::kMinor, Severity::kObservation, Severity::kInfo})
        if (to_string(s) == text) return s;
    return std::nullopt;
}

std::string_view to_string(ParameterType type) {
    switch (type) {
        case ParameterType::kInteger:
            return "integer";
        case ParameterType::kNumber:
            return "number";
        case ParameterType::kText:
            return "text";
        case ParameterType::kBoolean:
            return "boolean";
        case ParameterType::kDate:
            return "date";
    }
    return "text";
}

std::optional<std::string> parse_parameter(ParameterType type, std::string_view text) {
    switch (type) {
        case ParameterType::kInteger: {
            static const std::regex kInteger("-?[0-9]{1,18}");
            if (!std::regex_match(text.begin(), text.end(), kInteger)) return std::nullopt;
            long long value = 0;
            std::from_chars(text.data(), text.data() + text.size(), value);
            return std::to_string(value);
        }
        case ParameterType::kNumber: {
            static const std::regex kNumber("-?[0-9]{1,18}(\\.[0-9]{1,18})?");
            if (!std::regex_match(text.begin(), text.end(), kNumber)) return std::nullopt;
            // The shortest text of the same double, whatever the locale: "0.50" -> "0.5".
            double value = 0;
            std::from_chars(text.data(), text.data() + text.size(), value);
            char buffer[32];
            auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
            return std::string(buffer, end);
        }
        case ParameterType::kBoolean:
            if (text == "true" || text == "false") return std::string(text);
            return std::nullopt;
        case ParameterType::kDate:
            if (!model::is_calendar_date(text)) return std::nullopt;
            return std::string(text);
        case ParameterType::kText:
            return std::string(text);
    }
    return std::nullopt;
}

const Parameter* Definition::parameter(std::string_view name) const {
    for (const auto& p : parameters)
        if (p.name == name) return &p;
    return nullptr;
}

Definition parse_definition(std::string_view bytes, const std::string& path,
                            const std::string& plugin_id) {
    nlohmann::json doc = formats::parse_json(bytes, path);
    formats::JsonObject root(doc, path, "");
    refuse_unknown_fields(root, kFields);
    const std::string format = root.required_string("format");
    if (format != "ims-check/1")
        root.fail("format", "expected \"ims-check/1\", got \"" + format + "\"");
    Definition d;
    d.plugin_id = plugin_id;
    d.file = path;
    d.id = root.required_string("id");
    static const std::regex kName("[a-z0-9][a-z0-9-]{0,95}");
    const std::string prefix = plugin_id + "/";
    if (!d.id.starts_with(prefix) || !std::regex_match(d.id.substr(prefix.size()), kName))
        root.fail("id", "expected \"" + prefix +
                            "\" followed by lower-case letters, digits and '-', got \"" + d.id +
                            "\"");
    d.title = text_of(root, "title");
    d.summary = text_of(root, "summary");
    const std::string severity = root.required_string("severity");
    auto parsed = severity_of(severity);
    if (!parsed)
        root.fail("severity",
                  "expected major, minor, observation or info, got \"" + severity + "\"");
    d.severity = *parsed;
    d.requirements = root.string_array("requirements");
    if (d.requirements.empty())
        root.fail("requirements", "expected at least one requirement id, e.g. \"hs/10.nc\"");
    for (std::size_t i = 0; i < d.requirements.size(); ++i)
        if (!is_requirement_id(d.requirements[i]))
            throw Error(ErrorCode::kInvalidInput,
                        path + ": " + root.pointer_to("requirements") + "/" + std::to_string(i) +
                            ": expected a requirement id \"<standard>/<ref>\", got \"" +
                            d.requirements[i] + "\"");
    d.subject_type = root.required_string("subject_type");
    static const std::regex kSubject("[a-z][a-z0-9_]{0,63}");
    if (!std::regex_match(d.subject_type, kSubject))
        root.fail("subject_type",
                  "expected a lower-case name such as \"corrective_action\", got \"" +
                      d.subject_type + "\"");
    d.parameters = read_parameters(root);
    std::sort(d.parameters.begin(), d.parameters.end(),
              [](const Parameter& a, const Parameter& b) { return a.name < b.name; });
    d.remedy = text_of(root, "remedy");
    if (root.has("query") == root.has("native"))
        root.fail("query",
                  "expected exactly one of \"query\" (a .sql file) and \"native\" (a "
                  "native check's name)");
    if (root.has("query"))
        d.sql = read_query(root, path);
    else
        d.native = text_of(root, "native");
    return d;
}

CheckLibrary::CheckLibrary(const plugins::PluginHost& host, const catalog::Library& catalogs) {
    for (const auto& plugin : host.plugins()) {
        if (!plugin.loaded() || plugin.manifest.checks.empty()) continue;
        const std::string& id = plugin.manifest.id;
        std::vector<Definition> mine;
        try {
            for (const auto& file : plugin.manifest.checks) {
                const std::string path = plugin.path_of(file);
                Definition d = parse_definition(formats::read_text_file(path), path, id);
                for (const auto& r : d.requirements) {
                    const std::string standard = r.substr(0, r.find('/'));
                    if (catalogs.find(standard) && !catalogs.find_requirement(r))
                        throw Error(ErrorCode::kInvalidInput,
                                    path + ": /requirements: '" + r + "' is not a requirement of " +
                                        standard + "'s installed catalog");
                }
                if (d.is_native() && !plugin.native())
                    throw Error(ErrorCode::kInvalidInput,
                                path + ": /native: the plugin has no native library to run \"" +
                                    d.native + "\"");
                for (const auto& other : mine)
                    if (other.id == d.id)
                        throw Error(
                            ErrorCode::kInvalidInput,
                            path + ": /id: check '" + d.id + "' is also defined in " + other.file);
                mine.push_back(std::move(d));
            }
        } catch (const Error& e) {
            problems_.push_back("plugin '" + id + "': its checks are not used: " + e.what());
            continue;
        }
        for (auto& d : mine) definitions_.push_back(std::move(d));
    }
    std::stable_sort(definitions_.begin(), definitions_.end(),
                     [](const Definition& a, const Definition& b) { return a.id < b.id; });
}

const Definition* CheckLibrary::find(std::string_view id) const {
    auto it = std::lower_bound(definitions_.begin(), definitions_.end(), id,
                               [](const Definition& d, std::string_view v) { return d.id < v; });
    return it != definitions_.end() && it->id == id ? &*it : nullptr;
}

}  // namespace ims::checks
