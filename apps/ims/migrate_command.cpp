// `ims migrate STORE`: upgrades a store written by an older ims to this ims's format. The only
// command that migrates a store on purpose; read-only commands refuse an older store and say so.
#include "cli.hpp"
#include "ims/core/store.hpp"

namespace ims::cli {
namespace {

int run_migrate(Invocation& inv, const QCommandLineParser& parser);

}  // namespace

const Command& migrate_command() {
    static const Command kCommand{
        .name = "migrate",
        .summary = "upgrade a store written by an older ims",
        .forms = {"STORE"},
        .description =
            R"(Upgrades STORE to this ims's store format, each step in its own transaction, and logs
every row a step rewrote in the change log so that 'ims verify' still replays it. Commands
that only read a store refuse an older one and say to run this; commands that write to a
store migrate it first themselves.
)",
        .options = {},
        .examples = {"ims migrate acme.ims"},
        .run = run_migrate,
    };
    return kCommand;
}

namespace {

int run_migrate(Invocation& inv, const QCommandLineParser& parser) {
    const std::string path = to_std(parser.positionalArguments()[0]);
    const auto migration = store::Store::migrate(path);
    if (migration.from == migration.to)
        inv.err << path << ": already at store format " << migration.to << "; nothing to do\n";
    else
        inv.err << path << ": migrated from store format " << migration.from << " to "
                << migration.to << "\n";
    return kExitOk;
}

}  // namespace
}  // namespace ims::cli
