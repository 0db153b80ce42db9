// `ims soa STORE`: the Statement of Applicability as a spreadsheet, CSV, Markdown or HTML.
#include "coverage_output.hpp"
#include "ims/core/soa.hpp"
#include "ims/core/store.hpp"
#include "output.hpp"

namespace ims::cli {

int run_soa(Invocation& inv) {
    QCommandLineParser parser;
    add_plugin_path_option(parser);
    parser.addOption({"standard", "The standard (default iso27001:2022).", "ID", "iso27001:2022"});
    parser.addOption({"as-of", "Which evidence is current (YYYY-MM-DD; default today, UTC).", "DATE"});
    add_output_options(parser, "formats: xlsx (needs a PATH), csv, md, html; default md to stdout");
    if (!parse(parser, inv, 1, 1)) return kExitOk;
    auto outputs = outputs_of(parser, {"xlsx", "csv", "md", "html"}, {"xlsx"}, "md");
    check_targets(parser, outputs);
    const std::string as_of = as_of_of(parser);
    const std::string path = to_std(parser.positionalArguments()[0]);
    store::Store::open(path, store::Store::Mode::kReadOnly);

    Installed installed(parser, inv);
    const std::string id = to_std(parser.value("standard"));
    auto statement = soa::build(path, installed.standard(id), as_of);
    if (statement.rows.empty()) throw UsageError{"standard '" + id + "' has no controls to decide on"};

    for (const auto& spec : outputs) {
        if (spec.format == "xlsx")
            soa::write_xlsx(statement, spec.path, spec.existing);
        else if (spec.format == "csv") write_output(inv, spec, soa::to_csv(statement));
        else if (spec.format == "html") write_output(inv, spec, soa::to_html(statement));
        else write_output(inv, spec, soa::to_markdown(statement));
    }
    if (statement.missing > 0)
        inv.err << "ims soa: " << statement.missing << " of " << statement.rows.size()
                << " controls have no decision recorded; they are shown as MISSING\n";
    return kExitOk;
}

}  // namespace ims::cli
