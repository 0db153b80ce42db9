// The check engine: check definitions read from the core content package and every plugin
// (checks/*.json, docs/content-format.md), and their evaluation against one store in one
// snapshot, with parameters, waivers and the fan-out of Harmonized Structure requirements to
// every adopted standard (docs/checks.md). A check that fails, runs past its time limit, throws
// inside the SDK helpers or reports an error becomes one `error` result; the run goes on.
// A CheckLibrary is built once and is read-only afterwards; run_checks uses one thread.
#pragma once

#include "ims/core/plugins.hpp"

#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ims::io {
class Sink;
}
namespace ims::store {
class Store;
class QueryConnection;
}  // namespace ims::store
namespace ims::catalog {
class Library;
}
namespace ims::mappings {
class MappingGraph;
}

namespace ims::checks {

enum class Status { kPass, kFail, kWarn, kNotApplicable, kManual, kError, kWaived };
std::string_view to_string(Status status);

// The grading an auditor would give; kMajor is the most severe.
enum class Severity { kMajor, kMinor, kObservation, kInfo };
std::string_view to_string(Severity severity);
// "major" | "minor" | "observation" | "info", else nullopt.
std::optional<Severity> severity_of(std::string_view text);

enum class ParameterType { kInteger, kNumber, kText, kBoolean, kDate };
std::string_view to_string(ParameterType type);

struct Parameter {
    std::string name;  // bound as :name
    ParameterType type = ParameterType::kText;
    std::string default_value;  // canonical text (see parse_parameter)
    std::string summary;
};

// Reads `text` as a value of `type`: integer (decimal digits, optional '-'), number (decimal, with
// an optional fraction), boolean (true/false), date (YYYY-MM-DD) or text (anything). Returns the
// canonical text ("true"/"false" for booleans), or nullopt when it is not such a value.
std::optional<std::string> parse_parameter(ParameterType type, std::string_view text);

// One check definition, as its JSON file states it.
struct Definition {
    std::string id;  // "<plugin id>/<name>"
    std::string title;
    std::string summary;
    Severity severity = Severity::kMinor;
    std::vector<std::string> requirements;  // as declared, e.g. "hs/10.nc"
    std::string subject_type;
    std::vector<Parameter> parameters;  // in name order
    std::string remedy;
    std::string sql;     // the query's text, for SQL checks
    std::string native;  // the native check's name in the plugin's library, for native checks
    std::string plugin_id;
    std::string file;  // the definition's path, for messages

    bool is_native() const { return !native.empty(); }
    const Parameter* parameter(std::string_view name) const;
};

// Reads one check file's bytes (`path` names them in messages) and checks every field's form,
// by sdk/schema/v1/check.schema.json's rules, and that the id starts with "<plugin_id>/". A SQL
// check's query is read from the file it names, beside `path`. Throws ims::Error(kInvalidInput)
// naming the file, the JSON pointer and what was expected.
Definition parse_definition(std::string_view bytes, const std::string& path,
                            const std::string& plugin_id);

// Every check of the loaded plugins (the core content package is one), by id.
class CheckLibrary {
public:
    // A plugin with a check file that cannot be read, does not follow the format, names a
    // requirement its standard's installed catalog lacks, or repeats another check's id is
    // refused for checks: none of its checks are used, and problems() says why.
    CheckLibrary(const plugins::PluginHost& host, const catalog::Library& catalogs);

    const std::vector<Definition>& definitions() const { return definitions_; }  // id order
    const Definition* find(std::string_view id) const;
    const std::vector<std::string>& problems() const { return problems_; }

private:
    std::vector<Definition> definitions_;
    std::vector<std::string> problems_;
};

// One result of one check about one subject, as ims check reports it.
struct Result {
    std::string check_id;
    Status status = Status::kError;
    std::string subject_type;
    std::string subject_id;
    std::string message;
    // Filled by run_checks from the definition, the fan-out and the waivers.
    std::string title;
    Severity severity = Severity::kMinor;
    std::vector<std::string> requirement_ids;
    std::string remedy;
    std::string waiver_id;
};

// What one native check run needs; run_checks fills it for each check.
struct Evaluation {
    const store::Store* store = nullptr;  // the open store the check reads; must be set
    std::string check_id;                 // the definition's id, for messages; may be empty
    // Resolved parameters without the colon; "as_of" (YYYY-MM-DD) is always present.
    std::map<std::string, std::string> params;
    // Each parameter's declared type: integers, numbers and booleans bind as numbers, the rest
    // (and parameters without a type here) as text.
    std::map<std::string, ParameterType> types;
    // One deadline for the whole check, from the moment it starts: every query it runs shares
    // it, is_cancelled turns true at it, and a check stopped by it is one `error` result.
    std::chrono::milliseconds time_limit{30000};
    // The connection of the run, so that every check reads one snapshot; when null, the check
    // opens its own.
    store::QueryConnection* connection = nullptr;
};

// Runs the native check `check_id` of plugin `plugin_id`, loading the plugin's library into this
// process first if it is not yet (PluginHost::load_native). Never throws for a failing check or
// a library that will not load: that is an `error` result naming the check and the reason.
std::vector<Result> run_native_check(plugins::PluginHost& host, const std::string& plugin_id,
                                     const std::string& check_id, const Evaluation& evaluation);

// An approved, expiring exception: a row of the store's waivers, or of a --waivers file.
struct Waiver {
    std::string id;
    std::string check_id;
    std::string subject_id;  // empty: every subject
    std::string justification;
    std::string approved_by_id;
    std::string approved_on;
    std::string expires_on;  // valid through this day
    std::string risk_id;
    std::string source;  // "store" or the file's path
};

// Reads a waivers file: JSON ({"waivers": [...]}, as an import document) or CSV (a header row of
// the same field names), by its extension. Every waiver needs an id, a check_id, a
// justification, an approved_by_id and an expires_on date. Throws ims::Error(kInvalidInput)
// naming the file, the row or JSON pointer, and the field.
std::vector<Waiver> read_waivers_file(const std::string& path);

struct RunOptions {
    std::string as_of;                   // YYYY-MM-DD, bound as :as_of
    std::vector<std::string> standards;  // only checks evidencing these (after fan-out); empty: all
    std::vector<std::string> check_ids;  // only these; empty: all
    std::map<std::string, std::string> overrides;  // --set KEY=VALUE, as typed
    std::vector<Waiver> extra_waivers;             // from --waivers files
    std::chrono::milliseconds time_limit{30000};   // per check
};

// What a check run told about a check, for the report.
struct CheckRun {
    const Definition* definition = nullptr;
    std::vector<std::string> requirement_ids;  // declared, then fanned out to adopted standards
    std::map<std::string, std::string> parameters;         // resolved values (as_of left out)
    std::map<std::string, std::string> parameter_sources;  // "default", "store" or "--set"
    std::set<std::string> views;  // the v1 views its queries read, as the authorizer saw them
};

struct RunReport {
    std::string as_of;
    std::vector<std::string> adopted;   // the store's adopted standards
    std::vector<CheckRun> checks;       // id order
    std::vector<Result> results;        // check id, subject, status, message order
    std::vector<Waiver> expired;        // expired waivers of the checks that ran, ignored
    std::vector<Waiver> unused;         // current waivers of no known check
    std::vector<std::string> problems;  // checks that could not be loaded (CheckLibrary)
};

// The requirement ids a check's results are reported against: its own, then, for each `hs/...`
// one, the requirements of `adopted` standards that are equal to it or contain it (the reverse
// of a shipped mapping to it whose relation is equal or subset, seen from the hs clause).
std::vector<std::string> fan_out(const std::vector<std::string>& requirements,
                                 const mappings::MappingGraph& graph,
                                 const std::vector<std::string>& adopted);

// Evaluates the selected checks of `library` against `store` on options.as_of, all in one read
// transaction of one read-only connection. Throws ims::Error(kUsage) for an unknown --check id,
// an unknown or mistyped --set, and a --standard the store has not adopted. Every other problem
// of a check is an `error` result.
RunReport run_checks(const store::Store& store, plugins::PluginHost& host,
                     const CheckLibrary& library, const mappings::MappingGraph& graph,
                     const RunOptions& options);

// Whether the report holds a result that is not waived, has status fail and a severity at or
// above `fail_on` (nullopt: never). `warn` never counts: it has not failed yet.
bool has_failure_at(const RunReport& report, std::optional<Severity> fail_on);
// Whether any check could not be evaluated (an `error` result) or loaded (a problem).
bool incomplete(const RunReport& report);

// The report of `ims check` (docs/checks.md): JSON in the format ims-check-results/1
// (sdk/schema/v1/check-results.schema.json), the same bytes for the same store, plugins and
// as-of; or text for a compliance manager: counts by status and severity, then the failures
// grouped by check. `store_name` is how the report names the store.
enum class Format { kText, kJson };
void write_report(io::Sink& sink, Format format, const RunReport& report,
                  const std::string& store_name, std::optional<Severity> fail_on);

}  // namespace ims::checks
