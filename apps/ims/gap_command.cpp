// `ims gap STORE --adopt STANDARD`: before adopting a standard, what the existing controls and
// evidence already cover, what is partial, and what is left to do, in an order to plan from.
#include "cli.hpp"
#include "ims/core/coverage.hpp"
#include "ims/core/store.hpp"
#include "options.hpp"
#include "output.hpp"

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
    const auto store = store::Store::open(path, store::Store::Mode::kReadOnly);

    Installed installed(parser, inv);
    const catalog::Standard* s = &installed.standard(to_std(parser.value("adopt")));
    const mappings::MappingGraph graph = load_mappings(installed, inv);
    const coverage::StoreFacts facts = coverage::read_facts(store, as_of);
    const auto cov = coverage::compute(facts, *s, graph);
    Output out(inv, {});
    coverage::write_gap(out, format == Format::kJson ? coverage::Format::kJson : coverage::Format::kText,
                        path, as_of, cov);
    out.commit();
    return kExitOk;
}

}  // namespace
}  // namespace ims::cli
