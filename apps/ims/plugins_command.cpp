// `ims plugins list|show ID|verify DIR`. `list` runs no plugin code; `show` and `verify` load a
// plugin's native library only in a child process (plugins::probe_native).
#include "cli.hpp"

#include <filesystem>
#include <optional>

namespace ims::cli {
namespace {

int run_plugins(Invocation& inv, const QCommandLineParser& parser);

}  // namespace

const Command& plugins_command() {
    static const Command kCommand{
        .name = "plugins",
        .summary = "list, show or verify plugins",
        .forms = {"list", "show ID", "verify DIR"},
        .description =
            R"(list          every plugin found, loaded or refused, with the reason for a refusal
show ID       one plugin's manifest and state; a native library is probed, and its native
              checks listed
verify DIR    runs the manifest and dependency gates on the plugin in DIR and probes its
              native library; exit 0 when it would load, 1 when it is refused

No command loads a plugin's native library into ims itself: catalogs, mappings and SQL
checks are data. 'list' only names the library. 'show' and 'verify' load it in a child
process, which reports its native checks back; a library that crashes, exits or does not
finish loading within --timeout seconds refuses the plugin, e.g.
  refused: plugin 'x': its library crashed while loading (signal 11, SIGSEGV)

Plugins are searched in --plugin-path, then IMS_PLUGIN_PATH (colon-separated), then
<dir of ims>/../lib/ims/plugins: the install dir, which the build tree mirrors.
)",
        .options = {kFormatOption,
                    kPluginPathOption,
                    {.name = "timeout",
                     .value_name = "SECONDS",
                     .help = "how long a native library may take to load when probed",
                     .default_value = "10"}},
        .examples = {"ims plugins list --format json",
                     "ims plugins verify tests/fixtures/plugins/acme-sec --timeout 5"},
        .run = run_plugins,
    };
    return kCommand;
}

namespace {

// A plugin as shown: discovery's verdict, and the probe's when its library was probed.
struct Shown {
    const plugins::Plugin& plugin;
    std::optional<plugins::ProbeReport> probe;

    bool refused() const { return !plugin.loaded() || (probe && !probe->ok()); }
    const std::string& error() const {
        return plugin.loaded() && probe ? probe->error : plugin.error;
    }
};

Shown probed(const plugins::Plugin& p, std::chrono::seconds timeout) {
    Shown shown{p, std::nullopt};
    if (p.loaded() && p.native()) shown.probe = plugins::probe_native(p, timeout);
    return shown;
}

nlohmann::json describe(const Shown& shown) {
    const auto& p = shown.plugin;
    const auto& m = p.manifest;
    nlohmann::json j = {{"id", m.id},
                        {"name", m.name},
                        {"version", m.version},
                        {"sdk_abi", m.sdk_abi},
                        {"state", shown.refused() ? "refused" : "loaded"},
                        {"path", p.dir},
                        {"provides", m.provides},
                        {"native", p.native()}};
    if (shown.refused()) j["error"] = shown.error();
    nlohmann::json requires_ = nlohmann::json::array();
    for (const auto& d : m.requires_) requires_.push_back({{"id", d.id}, {"version", d.range}});
    j["requires"] = requires_;
    if (p.native()) j["library"] = m.library->file;
    if (shown.probe && shown.probe->ok()) j["native_checks"] = shown.probe->check_ids;
    return j;
}

void print_text(const Invocation& inv, const Shown& shown) {
    const auto& p = shown.plugin;
    const auto& m = p.manifest;
    inv.out << m.id << " " << (m.version.empty() ? "?" : m.version) << "  "
            << (shown.refused() ? "refused" : "loaded") << "  sdk_abi "
            << (m.sdk_abi.empty() ? "?" : m.sdk_abi);
    if (!m.provides.empty()) {
        inv.out << "  provides";
        for (const auto& s : m.provides) inv.out << " " << s;
    }
    inv.out << "\n    " << p.dir << "\n";
    if (shown.refused()) {
        inv.out << "    refused: " << shown.error() << "\n";
        return;
    }
    if (!p.native()) return;
    if (!shown.probe) {
        inv.out << "    native library " << m.library->file
                << " (not loaded by 'plugins list'; 'ims plugins show " << m.id << "' probes it)\n";
        return;
    }
    inv.out << "    native library " << m.library->file << " loads (probed in a child process)\n";
    for (const auto& id : shown.probe->check_ids) inv.out << "    native check " << id << "\n";
}

void print(const Invocation& inv, Format format, const Shown& shown) {
    if (format == Format::kJson)
        print_json(inv, describe(shown));
    else
        print_text(inv, shown);
}

std::chrono::seconds timeout_of(const QCommandLineParser& parser) {
    bool ok = false;
    int seconds = parser.value("timeout").toInt(&ok);
    if (!ok || seconds <= 0)
        throw UsageError{"--timeout expects a whole number of seconds above 0, got '" +
                         to_std(parser.value("timeout")) + "'"};
    return std::chrono::seconds(seconds);
}

int run_plugins(Invocation& inv, const QCommandLineParser& parser) {
    const Format format = format_of(parser);
    const std::chrono::seconds timeout = timeout_of(parser);
    const QStringList pos = parser.positionalArguments();
    const std::string action = to_std(pos[0]);

    if (action == "list") {
        if (pos.size() != 1) throw UsageError{"'plugins list' takes no argument"};
        auto host = load_plugins(parser, inv);
        if (format == Format::kJson) {
            nlohmann::json list = nlohmann::json::array();
            for (const auto& p : host.plugins()) list.push_back(describe(Shown{p, std::nullopt}));
            print_json(inv, {{"plugins", list}});
        } else {
            if (host.plugins().empty()) inv.out << "no plugins found\n";
            for (const auto& p : host.plugins()) print_text(inv, Shown{p, std::nullopt});
        }
        return kExitOk;
    }
    if (action == "show") {
        if (pos.size() != 2) throw UsageError{"usage: ims plugins show ID"};
        auto host = load_plugins(parser, inv);
        const plugins::Plugin* p = host.find(to_std(pos[1]));
        if (p == nullptr)
            throw UsageError{"no plugin '" + to_std(pos[1]) +
                             "' is installed; see 'ims plugins list'"};
        print(inv, format, probed(*p, timeout));
        return kExitOk;
    }
    if (action == "verify") {
        if (pos.size() != 2) throw UsageError{"usage: ims plugins verify DIR"};
        std::string dir = to_std(pos[1]);
        if (!std::filesystem::is_regular_file(dir + "/plugin.json"))
            throw UsageError{dir + ": no plugin.json there; DIR must be a plugin folder"};
        // The plugin under test comes first so that it is the one verified, with the installed
        // plugins available to satisfy its `requires`.
        std::vector<std::string> paths{dir};
        for (auto& p : plugins::search_paths(plugin_paths_of(parser), inv.application_dir))
            paths.push_back(p);
        plugins::PluginHost host(paths);
        Shown shown = probed(host.plugins().front(), timeout);
        print(inv, format, shown);
        return shown.refused() ? kExitFindings : kExitOk;
    }
    throw UsageError{"unknown action '" + action + "'; expected list, show ID or verify DIR"};
}

}  // namespace
}  // namespace ims::cli
