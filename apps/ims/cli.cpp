#include "cli.hpp"

#include <QDateTime>

#include <iostream>

namespace ims::cli {

std::string to_std(const QString& s) { return s.toStdString(); }

const Command* find_command(std::string_view name) {
    for (const auto& c : commands())
        if (c.name == name) return &c;
    return nullptr;
}

bool parse(QCommandLineParser& parser, Invocation& inv, int min_positional, int max_positional) {
    QCommandLineOption help(QStringList{"h", "help"}, "Show this command's help.");
    parser.addOption(help);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    if (!parser.parse(inv.args)) throw UsageError{to_std(parser.errorText())};
    if (parser.isSet(help)) {
        const Command* cmd = find_command(inv.command);
        inv.out << "usage: " << cmd->usage << "\n\n" << cmd->help;
        return false;
    }
    auto count = static_cast<int>(parser.positionalArguments().size());
    if (count < min_positional)
        throw UsageError{"missing arguments; usage: " + std::string(find_command(inv.command)->usage)};
    if (max_positional >= 0 && count > max_positional)
        throw UsageError{"unexpected argument '" + to_std(parser.positionalArguments()[max_positional]) +
                         "'; usage: " + std::string(find_command(inv.command)->usage)};
    return true;
}

void add_plugin_path_option(QCommandLineParser& parser) {
    parser.addOption({"plugin-path", "Also look for plugins in DIR (repeatable).", "DIR"});
}

plugins::PluginHost load_plugins(const QCommandLineParser& parser, const Invocation& inv) {
    std::vector<std::string> explicit_paths;
    for (const auto& p : parser.values("plugin-path")) explicit_paths.push_back(to_std(p));
    return plugins::PluginHost(plugins::search_paths(explicit_paths, inv.application_dir));
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
    throw UsageError{"no installed plugin provides standard '" + id + "'; installed: " +
                     (known.empty() ? "none" : known)};
}

std::optional<std::string> date_option(const QCommandLineParser& parser, const QString& name) {
    if (!parser.isSet(name)) return std::nullopt;
    QDate date = QDate::fromString(parser.value(name), Qt::ISODate);
    if (!date.isValid())
        throw UsageError{"--" + to_std(name) + " expects a date YYYY-MM-DD, got '" + to_std(parser.value(name)) + "'"};
    return to_std(date.toString(Qt::ISODate));
}

std::string today_utc() { return to_std(QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate)); }

mappings::MappingGraph load_mappings(const Installed& installed, const Invocation& inv) {
    mappings::MappingGraph graph(installed.host, installed.library);
    for (const auto& problem : graph.problems()) inv.err << "ims: warning: " << problem << "\n";
    return graph;
}

void add_format_option(QCommandLineParser& parser) {
    parser.addOption({"format", "Output format: text (default) or json.", "FORMAT", "text"});
}

Format format_of(const QCommandLineParser& parser) {
    QString f = parser.value("format");
    if (f == "text") return Format::kText;
    if (f == "json") return Format::kJson;
    throw UsageError{"--format expects text or json, got '" + to_std(f) + "'"};
}

void print_json(const Invocation& inv, const nlohmann::json& doc) { inv.out << doc.dump(2) << "\n"; }

}  // namespace ims::cli
