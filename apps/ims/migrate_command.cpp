// `ims migrate STORE`: upgrades a store written by an older ims to this ims's format. The only
// command that migrates a store on purpose; read-only commands refuse an older store and say so.
#include "cli.hpp"
#include "ims/core/store.hpp"

namespace ims::cli {

int run_migrate(Invocation& inv) {
    QCommandLineParser parser;
    if (!parse(parser, inv, 1, 1)) return kExitOk;
    const std::string path = to_std(parser.positionalArguments()[0]);
    const auto migration = store::Store::migrate(path);
    if (migration.from == migration.to)
        inv.err << path << ": already at store format " << migration.to << "; nothing to do\n";
    else
        inv.err << path << ": migrated from store format " << migration.from << " to "
                << migration.to << "\n";
    return kExitOk;
}

}  // namespace ims::cli
