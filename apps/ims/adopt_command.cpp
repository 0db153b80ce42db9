// `ims adopt STORE STANDARD...`: sync catalogs into the store and mark the standards adopted.
#include "cli.hpp"
#include "ims/core/store.hpp"

namespace ims::cli {
namespace {

int run_adopt(Invocation& inv, const QCommandLineParser& parser);

}  // namespace

const Command& adopt_command() {
    static const Command kCommand{
        .name = "adopt",
        .summary = "adopt standards: copy their catalogs into the store",
        .forms = {"STORE STANDARD..."},
        .description =
            R"(Adopts each STANDARD (e.g. iso27001:2022): copies its catalog from the installed
plugin into the store, recording the plugin id, version and the catalog's sha256, and marks
it adopted, all in one transaction. Adopting again re-syncs the catalog and keeps the recorded
adoption date and scope unless --on or --scope is given; unchanged rows are not rewritten.
)",
        .options = {{.name = "on",
                     .value_name = "DATE",
                     .help = "the adoption date, YYYY-MM-DD",
                     .default_note = "today, UTC; when adopted again, the recorded date"},
                    {.name = "scope",
                     .value_name = "TEXT",
                     .help = "the scope of the management system for these standards"},
                    kActorOption,
                    kPluginPathOption},
        .examples = {"ims adopt acme.ims iso27001:2022"},
        .run = run_adopt,
    };
    return kCommand;
}

namespace {

int run_adopt(Invocation& inv, const QCommandLineParser& parser) {
    QStringList pos = parser.positionalArguments();
    const std::string adopted_on = date_option(parser, "on").value_or(today_utc());

    Installed installed(parser, inv);
    std::vector<const catalog::Standard*> standards;
    for (int i = 1; i < pos.size(); ++i) standards.push_back(&installed.standard(to_std(pos[i])));

    auto store = store::Store::open(to_std(pos[0]));
    store.write(actor_of(parser), [&](store::WriteTxn& txn) {
        for (const auto* s : standards) {
            catalog::sync_standard(txn, *s);
            // Adopting again re-syncs the catalog but keeps the recorded adoption unless the
            // user gives a new date or scope.
            nlohmann::json row = txn.get("adopted_standard", s->id);
            if (row.is_null()) row = {{"id", s->id}, {"adopted_on", adopted_on}};
            if (parser.isSet("on")) row["adopted_on"] = adopted_on;
            if (parser.isSet("scope")) row["scope"] = to_std(parser.value("scope"));
            txn.put("adopted_standard", row);
        }
    });
    for (const auto* s : standards)
        inv.err << "adopted " << s->id << " (" << s->requirements.size() << " requirements from plugin "
                << s->plugin_id << " " << s->plugin_version << ")\n";
    return kExitOk;
}

}  // namespace
}  // namespace ims::cli
