// `ims check STORE`: runs the compliance checks of the core package and every installed plugin
// against one store on one date, and says what an auditor would find (docs/checks.md).
#include "cli.hpp"
#include "ims/core/checks.hpp"
#include "ims/core/store.hpp"
#include "options.hpp"
#include "output.hpp"

#include <memory>

namespace ims::cli {
namespace {

int run_check(Invocation& inv, const QCommandLineParser& parser);

}  // namespace

const Command& check_command() {
    static const Command kCommand{
        .name = "check",
        .summary = "what an auditor would find in the store on a date",
        .forms = {"STORE"},
        .description =
            R"(Runs every check of the core package and of the installed plugins whose requirements
belong to the Harmonized Structure or to a standard the store has adopted, all in one snapshot
of the store, on the as-of date. Each result names the check, its severity, the subject (which
action, evidence or review), the requirements it is reported against (a Harmonized Structure
requirement is reported against the matching clause of every adopted standard), what decided it
and what to do. Statuses: pass, fail, warn (will fail soon), not_applicable, manual, error (could
not be evaluated) and waived (a fail or warn covered by a waiver in force).
Parameters: a check's default < the store's policy_parameters < --set KEY=VALUE.
Waivers come from the store and from --waivers files (JSON or CSV); an expired waiver is
ignored with a warning. Exit codes: 0 nothing failed at or above --fail-on; 1 a fail, not waived,
at or above --fail-on (warn never counts); 2 usage; 3 a check could not be evaluated or loaded;
4 an output could not be written. docs/checks.md lists every check.
)",
        .options =
            {kAsOfOption,
             {.name = "standard",
              .value_name = "ID",
              .help = "only checks evidencing this adopted standard",
              .repeatable = true},
             {.name = "check", .value_name = "ID", .help = "only this check", .repeatable = true},
             {.name = "set",
              .value_name = "KEY=VALUE",
              .help = "set a check parameter, over the store's policy_parameters",
              .repeatable = true},
             {.name = "waivers",
              .value_name = "FILE",
              .help = "also apply the waivers of FILE (.json or .csv)",
              .repeatable = true},
             {.name = "fail-on",
              .value_name = "SEVERITY",
              .help = "exit 1 for a fail of major, minor, observation or info and above, or none",
              .default_value = "minor"},
             {.name = "time-limit",
              .value_name = "SECONDS",
              .help = "stop a check that runs longer and report it as an error",
              .default_value = "30"},
             kOutputOption.with_help(
                 "text or json, to PATH or to stdout; at most one to stdout; default text "
                 "to stdout"),
             kForceOption,
             kPluginPathOption},
        .examples = {"ims check acme.ims --as-of 2026-11-25 --fail-on none --output "
                     "json:findings.json --output text",
                     "ims check acme.ims --standard iso27001:2022 --fail-on none"},
        .run = run_check,
    };
    return kCommand;
}

namespace {

std::map<std::string, std::string> overrides_of(const QCommandLineParser& parser) {
    std::map<std::string, std::string> out;
    for (const auto& item : parser.values("set")) {
        const std::string text = to_std(item);
        const auto eq = text.find('=');
        if (eq == std::string::npos || eq == 0)
            throw UsageError{"--set expects KEY=VALUE, got '" + text + "'"};
        out[text.substr(0, eq)] = text.substr(eq + 1);
    }
    return out;
}

std::optional<checks::Severity> fail_on_of(const QCommandLineParser& parser) {
    const std::string text = to_std(parser.value("fail-on"));
    if (text == "none") return std::nullopt;
    if (auto severity = checks::severity_of(text)) return severity;
    throw UsageError{"--fail-on expects major, minor, observation, info or none, got '" + text +
                     "'"};
}

std::chrono::milliseconds time_limit_of(const QCommandLineParser& parser) {
    bool ok = false;
    const int seconds = parser.value("time-limit").toInt(&ok);
    if (!ok || seconds < 1 || seconds > 86400)
        throw UsageError{"--time-limit expects whole seconds from 1 to 86400, got '" +
                         to_std(parser.value("time-limit")) + "'"};
    return std::chrono::seconds(seconds);
}

std::vector<std::string> values_of(const QCommandLineParser& parser, const QString& name) {
    std::vector<std::string> out;
    for (const auto& v : parser.values(name)) out.push_back(to_std(v));
    return out;
}

void warn_about(const Invocation& inv, const checks::RunReport& report) {
    for (const auto& p : report.problems) inv.err << "ims: warning: " << p << "\n";
    for (const auto& w : report.expired)
        inv.err << "ims: warning: waiver " << w.id << " (" << w.source << ") of " << w.check_id
                << (w.subject_id.empty() ? "" : " for " + w.subject_id) << " expired after "
                << w.expires_on << "; ignored\n";
    for (const auto& w : report.unused)
        inv.err << "ims: warning: waiver " << w.id << " (" << w.source << ") names check '"
                << w.check_id << "', which no installed plugin defines\n";
}

int run_check(Invocation& inv, const QCommandLineParser& parser) {
    const std::vector<OutputSpec> outputs = outputs_of(parser, {"text", "json"}, {}, "text");
    check_targets(parser, outputs);
    checks::RunOptions options;
    options.as_of = as_of_of(parser);
    options.standards = values_of(parser, "standard");
    options.check_ids = values_of(parser, "check");
    options.overrides = overrides_of(parser);
    options.time_limit = time_limit_of(parser);
    const auto fail_on = fail_on_of(parser);
    for (const auto& file : values_of(parser, "waivers")) {
        auto waivers = checks::read_waivers_file(file);
        options.extra_waivers.insert(options.extra_waivers.end(), waivers.begin(), waivers.end());
    }
    const std::string path = to_std(parser.positionalArguments()[0]);
    const auto store = store::Store::open(path, store::Store::Mode::kReadOnly);

    Installed installed(parser, inv);
    const mappings::MappingGraph graph = load_mappings(installed, inv);
    const checks::CheckLibrary library(installed.host, installed.library);
    const checks::RunReport report =
        checks::run_checks(store, installed.host, library, graph, options);
    warn_about(inv, report);

    for (const auto& spec : outputs) {
        Output out(inv, spec);
        checks::write_report(out,
                             spec.format == "json" ? checks::Format::kJson : checks::Format::kText,
                             report, path, fail_on);
        out.commit();
    }
    if (checks::incomplete(report)) return kExitIncomplete;
    return checks::has_failure_at(report, fail_on) ? kExitFindings : kExitOk;
}

}  // namespace
}  // namespace ims::cli
