// `ims soa STORE`: the Statement of Applicability as a spreadsheet, CSV, Markdown or HTML.
#include "options.hpp"
#include "ims/core/soa.hpp"
#include "ims/core/store.hpp"
#include "output.hpp"

namespace ims::cli {
namespace {

int run_soa(Invocation& inv, const QCommandLineParser& parser);

}  // namespace

const Command& soa_command() {
    static const Command kCommand{
        .name = "soa",
        .summary = "write the Statement of Applicability",
        .forms = {"STORE"},
        .description =
            R"(Writes the Statement of Applicability of an adopted standard: every control of its annex
with the store's decision (applicable yes/no, justification, implementation status), the
controls implementing it with their status, and their evidence current on --as-of. A control
without a recorded decision is shown as "MISSING: no decision recorded", never guessed; stderr
says how many are missing. Files are written atomically.
)",
        .options = {{.name = "standard",
                     .value_name = "ID",
                     .help = "the adopted standard",
                     .default_value = "iso27001:2022"},
                    kOutputOption.with_help(
                        "xlsx (needs a PATH), csv, md or html, to PATH or to stdout; at most one "
                        "to stdout; default md to stdout"),
                    kForceOption,
                    kAsOfOption,
                    kPluginPathOption},
        .examples = {"ims soa acme.ims --output xlsx:soa.xlsx --output html:soa.html"},
        .run = run_soa,
    };
    return kCommand;
}

namespace {

int run_soa(Invocation& inv, const QCommandLineParser& parser) {
    auto outputs = outputs_of(parser, {"xlsx", "csv", "md", "html"}, {"xlsx"}, "md");
    check_targets(parser, outputs);
    const std::string as_of = as_of_of(parser);
    const std::string path = to_std(parser.positionalArguments()[0]);
    const std::string id = to_std(parser.value("standard"));
    const auto store = store::Store::open(path, store::Store::Mode::kReadOnly);
    std::vector<std::string> adopted;
    store.for_each("adopted_standard",
                   [&](const nlohmann::json& row) { adopted.push_back(row["id"]); });
    require_adopted(path, adopted, id);

    Installed installed(parser, inv);
    auto statement = soa::build(store, installed.standard(id), as_of);
    if (statement.rows.empty())
        throw UsageError{"standard '" + id + "' has no controls to decide on"};

    for (const auto& spec : outputs) {
        if (spec.format == "xlsx")
            soa::write_xlsx(statement, spec.path, spec.existing);
        else if (spec.format == "csv")
            write_output(inv, spec, soa::to_csv(statement));
        else if (spec.format == "html")
            write_output(inv, spec, soa::to_html(statement));
        else
            write_output(inv, spec, soa::to_markdown(statement));
    }
    if (statement.missing == 1)
        inv.err << "ims soa: 1 of " << statement.rows.size()
                << " controls has no decision recorded; it is shown as MISSING\n";
    else if (statement.missing > 1)
        inv.err << "ims soa: " << statement.missing << " of " << statement.rows.size()
                << " controls have no decision recorded; they are shown as MISSING\n";
    return kExitOk;
}

}  // namespace
}  // namespace ims::cli
