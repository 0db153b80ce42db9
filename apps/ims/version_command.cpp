// `ims version`: the versions a bug report needs.
#include "cli.hpp"
#include "ims/core/store.hpp"

#include <sqlite3.h>

#include <QtGlobal>

namespace ims::cli {
namespace {

int run_version(Invocation& inv, const QCommandLineParser& parser);

}  // namespace

const Command& version_command() {
    static const Command kCommand{
        .name = "version",
        .summary = "print the versions of ims, its SDK ABI and libraries",
        .forms = {""},
        .description =
            R"(Prints what a bug report needs: the versions of ims, the plugin SDK ABI it provides, the
store format it writes, the platform a native plugin's manifest must name, and the Qt and
SQLite in use.
)",
        .options = {kFormatOption},
        .examples = {"ims version --format json"},
        .run = run_version,
    };
    return kCommand;
}

namespace {

int run_version(Invocation& inv, const QCommandLineParser& parser) {
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

}  // namespace
}  // namespace ims::cli
