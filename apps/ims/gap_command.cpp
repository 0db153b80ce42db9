// `ims gap STORE --adopt STANDARD`: before adopting a standard, what the existing controls and
// evidence already cover, what is partial, and what is left to do, in an order to plan from.
#include "coverage_output.hpp"
#include "ims/core/store.hpp"

namespace ims::cli {
namespace {

int run_gap(Invocation& inv, const QCommandLineParser& parser);

}  // namespace

const Command& gap_command() {
    static const Command kCommand{
        .name = "gap",
        .summary = "before adopting a standard: what is covered already and what is left",
        .forms = {"STORE"},
        .description =
            R"(Computes coverage (see 'ims help coverage') of a standard the store has not adopted
yet and lists its leaf requirements in three groups, in catalog order: left to do, partly
covered already (with the controls and paths that give it), and covered already.
)",
        .options = {{.name = "adopt",
                     .value_name = "STANDARD",
                     .help = "the standard you are considering",
                     .required = true},
                    kAsOfOption,
                    kFormatOption,
                    kPluginPathOption},
        .examples = {"ims gap acme.ims --adopt iso22301:2019"},
        .run = run_gap,
    };
    return kCommand;
}

namespace {

int run_gap(Invocation& inv, const QCommandLineParser& parser) {
    const Format format = format_of(parser);
    const std::string as_of = as_of_of(parser);
    const std::string path = to_std(parser.positionalArguments()[0]);
    store::Store::open(path, store::Store::Mode::kReadOnly);

    Installed installed(parser, inv);
    const catalog::Standard* s = &installed.standard(to_std(parser.value("adopt")));
    const mappings::MappingGraph graph = load_mappings(installed, inv);
    auto cov = coverage::compute(coverage::read_facts(path, as_of), *s, graph);

    // Leaf requirements, grouped: left to do first (what to plan), then partial, then covered.
    const coverage::Level order[] = {coverage::Level::kNone, coverage::Level::kPartial,
                                     coverage::Level::kFull};
    const char* names[] = {"left", "partial", "covered"};
    const char* headings[] = {"Left to do", "Partly covered already", "Covered already"};
    if (format == Format::kJson) {
        nlohmann::json doc = {{"store", path},
                              {"standard", s->id},
                              {"as_of", as_of},
                              {"totals", totals_json(cov.totals)}};
        for (int i = 0; i < 3; ++i) {
            nlohmann::json list = nlohmann::json::array();
            for (const auto& rc : cov.requirements)
                if (rc.leaf && rc.level == order[i]) list.push_back(requirement_json(rc));
            doc[names[i]] = list;
        }
        print_json(inv, doc);
        return kExitOk;
    }
    inv.out << "Gap analysis for adopting " << s->short_title << " in " << path << " (as of "
            << as_of << "): " << cov.totals.none << " left to do, " << cov.totals.partial
            << " partly covered, " << cov.totals.full << " covered\n";
    for (int i = 0; i < 3; ++i) {
        inv.out << "\n" << headings[i] << ":\n";
        for (const auto& rc : cov.requirements) {
            if (!rc.leaf || rc.level != order[i]) continue;
            inv.out << "  " << rc.requirement->id << "  " << rc.requirement->title << "\n";
            print_sources(inv.out, rc, "      ");
        }
    }
    return kExitOk;
}

}  // namespace
}  // namespace ims::cli
