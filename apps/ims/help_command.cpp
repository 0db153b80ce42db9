// `ims help [COMMAND]`: the commands, or one command's help, rendered from the descriptions;
// also as JSON (for tools and tests) and as the Markdown of docs/cli.md's option tables.
#include "cli.hpp"
#include "help.hpp"

#include <ostream>

namespace ims::cli {
namespace {

int run_help(Invocation& inv, const QCommandLineParser& parser);

}  // namespace

const Command& help_command() {
    static const Command kCommand{
        .name = "help",
        .summary = "show help for a command",
        .forms = {"[COMMAND]"},
        .description =
            R"(Without COMMAND lists the commands; with it, explains that command with an example, as
'ims COMMAND --help' does. --format json prints the descriptions themselves (every command's,
or COMMAND's) for tools; --format markdown prints the usage lines and option tables that
docs/cli.md holds.

exit codes of every command:
  0 done
  1 a verification found a problem (ims verify, ims plugins verify), or ims check found a
    failure as severe as it was told to fail on
  2 usage or configuration error, or bad input; nothing was done
  3 incomplete: another ims process holds the store, the store is damaged, or ims check could
    not evaluate a check
  4 internal error, or an output could not be written
)",
        .options = {kFormatOption.with_help("text, json or markdown")},
        .examples = {"ims help coverage"},
        .run = run_help,
    };
    return kCommand;
}

namespace {

int run_help(Invocation& inv, const QCommandLineParser& parser) {
    const std::string format = to_std(parser.value(name_of(kFormatOption)));
    if (format != "text" && format != "json" && format != "markdown")
        throw UsageError{"--format expects text, json or markdown, got '" + format + "'"};
    const Command* command = nullptr;
    if (!parser.positionalArguments().isEmpty()) {
        const std::string name = to_std(parser.positionalArguments()[0]);
        command = find_command(name);
        if (command == nullptr)
            throw UsageError{"unknown command '" + name + "'; 'ims help' lists the commands"};
    }
    if (format == "json") {
        nlohmann::json all = nlohmann::json::array();
        for (const auto* c : commands()) all.push_back(help_json(*c));
        print_json(inv,
                   command != nullptr ? help_json(*command) : nlohmann::json{{"commands", all}});
    } else if (format == "markdown") {
        inv.out << (command != nullptr ? help_markdown(*command) : commands_markdown());
    } else {
        inv.out << (command != nullptr ? help_text(*command) : commands_text());
    }
    return kExitOk;
}

}  // namespace
}  // namespace ims::cli
