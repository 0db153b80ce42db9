// `ims plugins list|show ID|verify DIR`.
#include "cli.hpp"

#include <filesystem>

namespace ims::cli {
namespace {

nlohmann::json describe(const plugins::Plugin& p) {
    const auto& m = p.manifest;
    nlohmann::json j = {{"id", m.id},
                        {"name", m.name},
                        {"version", m.version},
                        {"sdk_abi", m.sdk_abi},
                        {"state", p.loaded() ? "loaded" : "refused"},
                        {"path", p.dir},
                        {"provides", m.provides},
                        {"native", m.library.has_value()}};
    if (!p.loaded()) j["error"] = p.error;
    nlohmann::json requires_ = nlohmann::json::array();
    for (const auto& d : m.requires_) requires_.push_back({{"id", d.id}, {"version", d.range}});
    j["requires"] = requires_;
    j["native_checks"] = native_check_ids(p);
    return j;
}

void print_text(const Invocation& inv, const plugins::Plugin& p) {
    const auto& m = p.manifest;
    inv.out << m.id << " " << (m.version.empty() ? "?" : m.version) << "  "
            << (p.loaded() ? "loaded" : "refused") << "  sdk_abi " << (m.sdk_abi.empty() ? "?" : m.sdk_abi);
    if (!m.provides.empty()) {
        inv.out << "  provides";
        for (const auto& s : m.provides) inv.out << " " << s;
    }
    inv.out << "\n    " << p.dir << "\n";
    if (!p.loaded()) inv.out << "    refused: " << p.error << "\n";
    for (const auto& id : native_check_ids(p)) inv.out << "    native check " << id << "\n";
}

}  // namespace

int run_plugins(Invocation& inv) {
    QCommandLineParser parser;
    add_format_option(parser);
    add_plugin_path_option(parser);
    parser.addPositionalArgument("action", "list, show or verify");
    if (!parse(parser, inv, 1, 2)) return kExitOk;
    const Format format = format_of(parser);
    const QStringList pos = parser.positionalArguments();
    const std::string action = to_std(pos[0]);

    if (action == "list") {
        if (pos.size() != 1) throw UsageError{"'plugins list' takes no argument"};
        auto host = load_plugins(parser, inv);
        if (format == Format::kJson) {
            nlohmann::json list = nlohmann::json::array();
            for (const auto& p : host.plugins()) list.push_back(describe(p));
            print_json(inv, {{"plugins", list}});
        } else {
            if (host.plugins().empty()) inv.out << "no plugins found\n";
            for (const auto& p : host.plugins()) print_text(inv, p);
        }
        return kExitOk;
    }
    if (action == "show") {
        if (pos.size() != 2) throw UsageError{"usage: ims plugins show ID"};
        auto host = load_plugins(parser, inv);
        const plugins::Plugin* p = host.find(to_std(pos[1]));
        if (p == nullptr) throw UsageError{"no plugin '" + to_std(pos[1]) + "' is installed; see 'ims plugins list'"};
        if (format == Format::kJson) print_json(inv, describe(*p));
        else print_text(inv, *p);
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
        std::vector<std::string> explicit_paths;
        for (const auto& p : parser.values("plugin-path")) explicit_paths.push_back(to_std(p));
        for (auto& p : plugins::search_paths(explicit_paths, inv.application_dir)) paths.push_back(p);
        plugins::PluginHost host(paths);
        const plugins::Plugin& p = host.plugins().front();
        if (format == Format::kJson) print_json(inv, describe(p));
        else print_text(inv, p);
        return p.loaded() ? kExitOk : kExitFindings;
    }
    throw UsageError{"unknown action '" + action + "'; expected list, show ID or verify DIR"};
}

}  // namespace ims::cli
