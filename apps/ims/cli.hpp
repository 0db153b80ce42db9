// The helpers every command of the `ims` host shares: plugin loading, standards, JSON output.
// Command descriptions and parsing are in command.hpp, shared options in options.hpp.
// Used only by apps/ims.
#pragma once

#include "command.hpp"
#include "ims/core/catalog.hpp"
#include "ims/core/mappings.hpp"
#include "ims/core/plugins.hpp"
#include "options.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ims::cli {

// The plugin host of the --plugin-path folders and the default search path.
plugins::PluginHost load_plugins(const QCommandLineParser& parser, const Invocation& inv);
// The installed plugins and their catalogs, loaded once per command; warns on stderr about
// refused plugins and catalog problems.
struct Installed {
    Installed(const QCommandLineParser& parser, const Invocation& inv);
    // The standard `id`, or a UsageError naming the installed ones.
    const catalog::Standard& standard(const std::string& id) const;

    plugins::PluginHost host;
    catalog::Library library;
};

// A UsageError unless `adopted` (the store's adopted standard ids) holds `id`; it names the
// adopted standards and how to adopt this one. `ims coverage` and `ims soa` refuse alike.
void require_adopted(const std::string& store_path, const std::vector<std::string>& adopted,
                     const std::string& id);

// Mapping graph of the installed plugins; warns on stderr about mapping files left out.
mappings::MappingGraph load_mappings(const Installed& installed, const Invocation& inv);

// Writes a JSON document (2-space indent, trailing newline) to stdout.
void print_json(const Invocation& inv, const nlohmann::json& doc);

std::string to_std(const QString& s);

}  // namespace ims::cli
