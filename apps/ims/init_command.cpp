// `ims init STORE --org NAME`: a new, empty store.
#include "ims/core/store.hpp"
#include "store_options.hpp"

#include <cstdlib>

namespace ims::cli {

void add_actor_option(QCommandLineParser& parser) {
    parser.addOption({"actor", "Who makes the change, for the change log.", "NAME"});
}

std::string actor_of(const QCommandLineParser& parser) {
    if (parser.isSet("actor")) return to_std(parser.value("actor"));
    const char* user = std::getenv("USER");
    return user && *user ? user : "ims";
}

int run_init(Invocation& inv) {
    QCommandLineParser parser;
    parser.addOption({"org", "The organisation's name.", "NAME"});
    add_actor_option(parser);
    if (!parse(parser, inv, 1, 1)) return kExitOk;
    if (!parser.isSet("org")) throw UsageError{"--org NAME is required"};
    const std::string path = to_std(parser.positionalArguments()[0]);
    store::Store::create(path, to_std(parser.value("org")), actor_of(parser));
    inv.err << "created " << path << " for " << to_std(parser.value("org")) << "\n";
    return kExitOk;
}

}  // namespace ims::cli
