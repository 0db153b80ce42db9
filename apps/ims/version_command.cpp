// `ims version`: the versions a bug report needs.
#include "cli.hpp"
#include "ims/core/store.hpp"

#include <sqlite3.h>

#include <QtGlobal>

namespace ims::cli {

int run_version(Invocation& inv) {
    QCommandLineParser parser;
    add_format_option(parser);
    if (!parse(parser, inv, 0, 0)) return kExitOk;
    nlohmann::json doc = {
        {"ims", IMS_VERSION},
        {"sdk_abi", plugins::host_abi()},
        {"store_format", store::current_store_format()},
        {"platform", plugins::host_platform()},
        {"qt", qVersion()},
        {"sqlite", sqlite3_libversion()},
    };
    if (format_of(parser) == Format::kJson) {
        print_json(inv, doc);
    } else {
        inv.out << "ims " << IMS_VERSION << " (SDK ABI " << doc["sdk_abi"].get<std::string>()
                << ", store format " << store::current_store_format() << ", "
                << plugins::host_platform() << "; Qt " << qVersion() << ", SQLite "
                << sqlite3_libversion() << ")\n";
    }
    return kExitOk;
}

}  // namespace ims::cli
