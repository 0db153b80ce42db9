// The reports of `ims check`: ims-check-results/1 JSON and the text summary, and the two facts
// the exit code is made of.
#include "ims/core/checks.hpp"
#include "ims/core/output_file.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <sstream>

namespace ims::checks {
namespace {

using Json = nlohmann::ordered_json;

constexpr Status kStatuses[] = {Status::kPass,   Status::kFail,   Status::kWarn,
                                Status::kWaived, Status::kManual, Status::kNotApplicable,
                                Status::kError};
constexpr Severity kSeverities[] = {Severity::kMajor, Severity::kMinor, Severity::kObservation,
                                    Severity::kInfo};

std::string name_of(std::optional<Severity> fail_on) {
    return fail_on ? std::string(to_string(*fail_on)) : "none";
}

// A canonical number (parse_parameter), read whatever the locale.
template <typename Number>
Number number(const std::string& text) {
    Number value{};
    std::from_chars(text.data(), text.data() + text.size(), value);
    return value;
}

// A resolved parameter as JSON: numbers and booleans as such, the rest as strings.
Json typed(const Definition& d, const std::string& name, const std::string& value) {
    const Parameter* p = d.parameter(name);
    if (p == nullptr) return value;
    switch (p->type) {
        case ParameterType::kInteger:
            return number<long long>(value);
        case ParameterType::kNumber:
            return number<double>(value);
        case ParameterType::kBoolean:
            return value == "true";
        default:
            return value;
    }
}

Json waiver_json(const Waiver& w) {
    return Json{{"id", w.id},
                {"check_id", w.check_id},
                {"subject_id", w.subject_id.empty() ? Json() : Json(w.subject_id)},
                {"expires_on", w.expires_on},
                {"source", w.source}};
}

std::map<Status, int> count_statuses(const RunReport& report) {
    std::map<Status, int> counts;
    for (auto s : kStatuses) counts[s] = 0;
    for (const auto& r : report.results) ++counts[r.status];
    return counts;
}

std::map<Severity, int> count_failures(const RunReport& report) {
    std::map<Severity, int> counts;
    for (auto s : kSeverities) counts[s] = 0;
    for (const auto& r : report.results)
        if (r.status == Status::kFail) ++counts[r.severity];
    return counts;
}

Json result_json(const Result& r) {
    Json item{{"check_id", r.check_id},
              {"title", r.title},
              {"status", to_string(r.status)},
              {"severity", to_string(r.severity)},
              {"subject_type", r.subject_type},
              {"subject_id", r.subject_id},
              {"requirement_ids", r.requirement_ids},
              {"message", r.message},
              {"remedy", r.remedy}};
    if (!r.waiver_id.empty()) item["waiver_id"] = r.waiver_id;
    return item;
}

// Everything but the results, which write_json streams after it.
Json json_head(const RunReport& report, const std::string& store_name,
               std::optional<Severity> fail_on) {
    Json statuses = Json::object(), severities = Json::object();
    for (const auto& [s, n] : count_statuses(report)) statuses[std::string(to_string(s))] = n;
    for (const auto& [s, n] : count_failures(report)) severities[std::string(to_string(s))] = n;
    Json checks = Json::array();
    for (const auto& c : report.checks) {
        Json parameters = Json::object();
        for (const auto& [name, value] : c.parameters)
            parameters[name] = Json{{"value", typed(*c.definition, name, value)},
                                    {"source", c.parameter_sources.at(name)}};
        checks.push_back(Json{{"id", c.definition->id},
                              {"title", c.definition->title},
                              {"severity", to_string(c.definition->severity)},
                              {"plugin", c.definition->plugin_id},
                              {"requirement_ids", c.requirement_ids},
                              {"parameters", parameters},
                              {"views", c.views}});
    }
    Json expired = Json::array(), unused = Json::array();
    for (const auto& w : report.expired) expired.push_back(waiver_json(w));
    for (const auto& w : report.unused) unused.push_back(waiver_json(w));
    return Json{{"format", "ims-check-results/1"},
                {"store", store_name},
                {"as_of", report.as_of},
                {"fail_on", name_of(fail_on)},
                {"adopted", report.adopted},
                {"summary", Json{{"checks", report.checks.size()},
                                 {"results", report.results.size()},
                                 {"status", statuses},
                                 {"failed_by_severity", severities}}},
                {"checks", checks},
                {"expired_waivers", expired},
                {"waivers_of_unknown_checks", unused},
                {"problems", report.problems}};
}

// The document as nlohmann's dump(2) would print it whole, written one result at a time so that
// a report of many thousand results never exists twice in memory.
void write_json(io::Sink& sink, const RunReport& report, const std::string& store_name,
                std::optional<Severity> fail_on) {
    std::string head = json_head(report, store_name, fail_on).dump(2);
    head.erase(head.size() - 2);  // the closing "\n}"
    sink.write(head + ",\n  \"results\": [");
    bool first = true;
    for (const auto& r : report.results) {
        std::string item = result_json(r).dump(2);
        // Values hold no raw line break (JSON escapes it), so every one is the dump's own.
        std::string indented;
        for (char c : item) indented += c == '\n' ? std::string("\n    ") : std::string(1, c);
        sink.write((first ? "\n    " : ",\n    ") + indented);
        first = false;
    }
    sink.write(first ? "]\n}\n" : "\n  ]\n}\n");
}

void text_group(std::ostream& out, const RunReport& report, Status status,
                const std::string& heading) {
    bool any = false;
    std::string current;
    for (const auto& r : report.results) {
        if (r.status != status) continue;
        if (!any) out << "\n" << heading << "\n";
        any = true;
        if (r.check_id != current) {
            current = r.check_id;
            out << "\n  [" << to_string(r.severity) << "] " << r.check_id << ": " << r.title
                << "\n";
            std::string ids;
            for (const auto& id : r.requirement_ids) ids += (ids.empty() ? "" : ", ") + id;
            out << "    requirements: " << ids << "\n";
            if (status != Status::kError) out << "    remedy: " << r.remedy << "\n";
        }
        out << "    - ";
        if (status != Status::kError) {
            out << r.subject_type;
            if (!r.subject_id.empty()) out << " " << r.subject_id;
            out << ": ";
        }
        out << r.message;
        if (!r.waiver_id.empty()) out << " (waiver " << r.waiver_id << ")";
        out << "\n";
    }
}

void text_waivers(std::ostream& out, const std::vector<Waiver>& waivers, const std::string& heading,
                  const std::string& date_word) {
    if (waivers.empty()) return;
    out << "\n" << heading << "\n";
    for (const auto& w : waivers)
        out << "  - " << w.id << " (" << w.source << "): " << w.check_id << " for "
            << (w.subject_id.empty() ? std::string("every subject") : w.subject_id) << ", "
            << date_word << " " << w.expires_on << "\n";
}

std::string text_report(const RunReport& report, const std::string& store_name,
                        std::optional<Severity> fail_on) {
    std::ostringstream out;
    out << "ims check " << store_name << " as of " << report.as_of << ": " << report.checks.size()
        << " checks, " << report.results.size() << " results\n";
    auto counts = [](const auto& map) {
        std::string line;
        for (const auto& [key, n] : map)
            line +=
                (line.empty() ? "" : ", ") + std::string(to_string(key)) + " " + std::to_string(n);
        return line;
    };
    out << "  by status: " << counts(count_statuses(report)) << "\n";
    out << "  failures by severity: " << counts(count_failures(report));
    out << "\n  fail on: " << name_of(fail_on) << " and above\n";
    text_group(out, report, Status::kFail, "Failures, by check:");
    text_group(out, report, Status::kWarn, "Warnings (will fail soon):");
    text_group(out, report, Status::kManual, "Needs a person's attestation:");
    text_group(out, report, Status::kWaived, "Waived:");
    text_group(out, report, Status::kError, "Could not be evaluated:");
    text_waivers(out, report.expired, "Expired waivers, ignored:", "expired after");
    text_waivers(out, report.unused, "Waivers of checks no installed plugin defines:", "until");
    if (!report.problems.empty()) {
        out << "\nChecks that could not be loaded:\n";
        for (const auto& p : report.problems) out << "  - " << p << "\n";
    }
    return out.str();
}

}  // namespace

bool has_failure_at(const RunReport& report, std::optional<Severity> fail_on) {
    if (!fail_on) return false;
    for (const auto& r : report.results)
        if (r.status == Status::kFail && r.severity <= *fail_on) return true;
    return false;
}

bool incomplete(const RunReport& report) {
    if (!report.problems.empty()) return true;
    for (const auto& r : report.results)
        if (r.status == Status::kError) return true;
    return false;
}

void write_report(io::Sink& sink, Format format, const RunReport& report,
                  const std::string& store_name, std::optional<Severity> fail_on) {
    if (format == Format::kJson)
        write_json(sink, report, store_name, fail_on);
    else
        sink.write(text_report(report, store_name, fail_on));
}

}  // namespace ims::checks
