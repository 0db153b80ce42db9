// `ims init STORE --org NAME`: a new, empty store.
#include "cli.hpp"
#include "ims/core/store.hpp"

namespace ims::cli {
namespace {

int run_init(Invocation& inv, const QCommandLineParser& parser);

}  // namespace

const Command& init_command() {
    static const Command kCommand{
        .name = "init",
        .summary = "create a new store for an organisation",
        .forms = {"STORE"},
        .description =
            R"(Creates STORE, a new SQLite file holding one organisation's IMS: its data, the
catalogs of the standards it adopts, the evidence vault and the change log. Refuses to
overwrite an existing file.
)",
        .options = {{.name = "org",
                     .value_name = "NAME",
                     .help = "the organisation's name",
                     .required = true},
                    kActorOption},
        .examples = {R"(ims init hq.ims --org "Acme Ltd")"},
        .run = run_init,
    };
    return kCommand;
}

namespace {

int run_init(Invocation& inv, const QCommandLineParser& parser) {
    const std::string path = to_std(parser.positionalArguments()[0]);
    store::Store::create(path, to_std(parser.value("org")), actor_of(parser));
    inv.err << "created " << path << " for " << to_std(parser.value("org")) << "\n";
    return kExitOk;
}

}  // namespace
}  // namespace ims::cli
