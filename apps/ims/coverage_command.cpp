// `ims coverage STORE`: per adopted standard, what the implemented controls and their current
// evidence cover, directly or through mappings, with totals per standard and per clause/theme.
#include "cli.hpp"
#include "ims/core/coverage.hpp"
#include "ims/core/store.hpp"
#include "options.hpp"
#include "output.hpp"

#include <algorithm>
#include <memory>

namespace ims::cli {
namespace {

int run_coverage(Invocation& inv, const QCommandLineParser& parser);

}  // namespace

const Command& coverage_command() {
    static const Command kCommand{
        .name = "coverage",
        .summary = "what the implemented controls cover of each adopted standard",
        .forms = {"STORE"},
        .description =
            R"(For each standard the store has adopted, marks every requirement covered fully,
partially or not, and says by which implemented controls and current evidence, linked
directly or reaching it through mappings (with the path). Rules:
  - only controls with status implemented count;
  - a control without evidence valid on the as-of date counts at most as partial;
  - through a mapping, only equal or superset relations from a fully linked requirement give
    full coverage; subset and intersect give partial;
  - a parent clause without links of its own is full only when all its children are.
Totals count leaf requirements, per standard and per top-level clause or theme.
)",
        .options = {{.name = "standard", .value_name = "ID", .help = "only this adopted standard"},
                    kAsOfOption,
                    kOutputOption.with_help(
                        "text or json, to PATH or to stdout; at most one to stdout; default text "
                        "to stdout"),
                    kFormatOption.with_help("shorthand for --output FORMAT to stdout"),
                    kForceOption,
                    kPluginPathOption},
        .examples = {"ims coverage acme.ims --standard iso22301:2019 --output json:coverage.json"},
        .run = run_coverage,
    };
    return kCommand;
}

namespace {

int run_coverage(Invocation& inv, const QCommandLineParser& parser) {
    std::vector<OutputSpec> outputs;
    if (parser.isSet("format")) {
        if (parser.isSet("output")) throw UsageError{"give either --format or --output, not both"};
        outputs.push_back({to_std(parser.value("format")), ""});
        format_of(parser);  // validates text|json
    } else {
        outputs = outputs_of(parser, {"text", "json"}, {}, "text");
    }
    check_targets(parser, outputs);
    const std::string as_of = as_of_of(parser);
    const std::string path = to_std(parser.positionalArguments()[0]);
    const auto store = store::Store::open(path, store::Store::Mode::kReadOnly);

    Installed installed(parser, inv);
    const catalog::Library& library = installed.library;
    const mappings::MappingGraph graph = load_mappings(installed, inv);

    const coverage::StoreFacts facts = coverage::read_facts(store, as_of);
    std::vector<std::string> ids = facts.adopted;
    if (parser.isSet("standard")) {
        std::string wanted = to_std(parser.value("standard"));
        require_adopted(path, ids, wanted);
        ids = {wanted};
    }
    // Each standard is computed, written to every output and dropped before the next.
    std::vector<std::unique_ptr<Output>> targets;
    std::vector<std::unique_ptr<coverage::Report>> reports;
    for (const auto& spec : outputs) {
        targets.push_back(std::make_unique<Output>(inv, spec));
        const auto format =
            spec.format == "json" ? coverage::Format::kJson : coverage::Format::kText;
        reports.push_back(std::make_unique<coverage::Report>(*targets.back(), format, path, as_of));
    }
    for (const auto& id : ids) {
        const catalog::Standard* s = library.find(id);
        if (s == nullptr) {
            inv.err << "ims: warning: " << path << " adopted '" << id
                    << "', but no installed plugin provides it; skipped\n";
            continue;
        }
        const auto cov = coverage::compute(facts, *s, graph);
        for (auto& report : reports) report->add(cov);
    }
    for (auto& report : reports) report->finish();
    for (auto& target : targets) target->commit();
    return kExitOk;
}

}  // namespace
}  // namespace ims::cli
