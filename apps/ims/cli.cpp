// The helpers every command shares (cli.hpp).
#include "cli.hpp"

#include <algorithm>
#include <ostream>

namespace ims::cli {

std::string to_std(const QString& s) {
    return s.toStdString();
}

plugins::PluginHost load_plugins(const QCommandLineParser& parser, const Invocation& inv) {
    return plugins::PluginHost(plugins::search_paths(plugin_paths_of(parser), inv.application_dir));
}

Installed::Installed(const QCommandLineParser& parser, const Invocation& inv)
    : host(load_plugins(parser, inv)), library(host) {
    for (const auto& p : host.plugins())
        if (!p.loaded()) inv.err << "ims: warning: " << p.error << "\n";
    for (const auto& problem : library.problems()) inv.err << "ims: warning: " << problem << "\n";
}

const catalog::Standard& Installed::standard(const std::string& id) const {
    if (const catalog::Standard* s = library.find(id)) return *s;
    std::string known;
    for (const auto& other : library.standards()) known += (known.empty() ? "" : ", ") + other.id;
    throw UsageError{"no installed plugin provides standard '" + id +
                     "'; installed: " + (known.empty() ? "none" : known)};
}

void require_adopted(const std::string& store_path, const std::vector<std::string>& adopted,
                     const std::string& id) {
    if (std::find(adopted.begin(), adopted.end(), id) != adopted.end()) return;
    std::string list;
    for (const auto& a : adopted) list += (list.empty() ? "" : ", ") + a;
    throw UsageError{
        store_path + " has not adopted '" + id + "' (adopted: " + (list.empty() ? "none" : list) +
        "); adopt it with 'ims adopt " + store_path + " " + id +
        "', or see what it would need with 'ims gap " + store_path + " --adopt " + id + "'"};
}

mappings::MappingGraph load_mappings(const Installed& installed, const Invocation& inv) {
    mappings::MappingGraph graph(installed.host, installed.library);
    for (const auto& problem : graph.problems()) inv.err << "ims: warning: " << problem << "\n";
    return graph;
}

void print_json(const Invocation& inv, const nlohmann::json& doc) {
    inv.out << doc.dump(2) << "\n";
}

}  // namespace ims::cli
