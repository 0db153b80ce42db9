// `ims adopt STORE STANDARD...`: sync catalogs into the store and mark the standards adopted,
// through the records API (which keeps a recorded adoption's date and scope unless given).
#include "cli.hpp"
#include "ims/core/records.hpp"
#include "ims/core/store.hpp"

#include <optional>

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
    const std::optional<std::string> on = date_option(parser, "on");
    std::optional<std::string> scope;
    if (parser.isSet("scope")) scope = to_std(parser.value("scope"));

    Installed installed(parser, inv);
    auto store = store::Store::open(to_std(pos[0]));
    store.write(actor_of(parser), [&](store::WriteTxn& txn) {
        records::Options options;
        options.installed = &installed.library;
        records::Batch batch(txn, std::move(options));
        for (int i = 1; i < pos.size(); ++i) batch.adopt(to_std(pos[i]), on, scope);
        batch.finish();
    });
    for (int i = 1; i < pos.size(); ++i) {
        const catalog::Standard& s = *installed.library.find(to_std(pos[i]));
        inv.err << "adopted " << s.id << " (" << s.requirements.size() << " requirements from plugin "
                << s.plugin_id << " " << s.plugin_version << ")\n";
    }
    return kExitOk;
}

}  // namespace
}  // namespace ims::cli
