// `ims adopt STORE STANDARD...`: sync catalogs into the store and mark the standards adopted.
#include "ims/core/store.hpp"
#include "store_options.hpp"


namespace ims::cli {

int run_adopt(Invocation& inv) {
    QCommandLineParser parser;
    parser.addOption({"on", "Adoption date (YYYY-MM-DD).", "DATE"});
    parser.addOption({"scope", "Scope of the management system for these standards.", "TEXT"});
    add_actor_option(parser);
    add_plugin_path_option(parser);
    if (!parse(parser, inv, 2, -1)) return kExitOk;
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

}  // namespace ims::cli
