// The command table of the `ims` host and the helpers every command shares: option parsing,
// exit codes, plugin loading and output formats. Used only by apps/ims.
#pragma once

#include "ims/core/catalog.hpp"
#include "ims/core/mappings.hpp"
#include "ims/core/plugins.hpp"

#include <QCommandLineParser>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ims::cli {

// Exit codes (docs/cli.md, "Exit codes"); a batch returns the worst.
enum ExitCode : int {
    kExitOk = 0,          // all evaluated, nothing at or above --fail-on
    kExitFindings = 1,    // findings at or above --fail-on (or a verification failed)
    kExitUsage = 2,       // usage or configuration error, nothing evaluated
    kExitIncomplete = 3,  // something could not be evaluated
    kExitInternal = 4,    // internal error or an output could not be written
};

struct Invocation {
    std::string command;
    QStringList args;  // the program name followed by the command's own arguments
    std::string application_dir;
    std::ostream& out;
    std::ostream& err;
};

struct Command {
    std::string_view name;
    std::string_view summary;  // one line for `ims help`
    std::string_view usage;    // "ims init STORE --org NAME"
    std::string_view help;     // the rest: description, options, example
    int (*run)(Invocation&);
};

const std::vector<Command>& commands();
const Command* find_command(std::string_view name);

// Thrown for a usage error; main prints "ims CMD: <message>" and exits 2.
struct UsageError {
    std::string message;
};

// Adds --help to the parser, parses, and throws UsageError on unknown options or a wrong number
// of positional arguments. Returns false when --help was printed (exit 0).
bool parse(QCommandLineParser& parser, Invocation& inv, int min_positional, int max_positional);

// Adds the --plugin-path option (repeatable) and, after parse(), builds the plugin host.
void add_plugin_path_option(QCommandLineParser& parser);
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

enum class Format { kText, kJson };
void add_format_option(QCommandLineParser& parser);
Format format_of(const QCommandLineParser& parser);

// The date given with --NAME (YYYY-MM-DD), or nullopt when the option is absent; a UsageError
// "--NAME expects a date YYYY-MM-DD, got '...'" when it is not a real date.
std::optional<std::string> date_option(const QCommandLineParser& parser, const QString& name);
// Today's date in UTC, YYYY-MM-DD.
std::string today_utc();

// Mapping graph of the installed plugins; warns on stderr about mapping files left out.
mappings::MappingGraph load_mappings(const Installed& installed, const Invocation& inv);

// Writes a JSON document (2-space indent, trailing newline) to stdout.
void print_json(const Invocation& inv, const nlohmann::json& doc);

std::string to_std(const QString& s);

}  // namespace ims::cli
