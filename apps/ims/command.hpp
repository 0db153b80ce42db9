// How a command of the `ims` host is described, once, in its own file: name, summary, argument
// forms, description, options and examples. The parser, `ims help` and docs/cli.md's option
// tables are all made from that description (command.cpp, help.cpp). Used only by apps/ims.
#pragma once

#include <QCommandLineParser>
#include <QStringList>

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace ims::cli {

// Exit codes (docs/cli.md, "Exit codes"); a batch returns the worst.
enum ExitCode : int {
    kExitOk = 0,          // done
    kExitFindings = 1,    // a verification found a problem
    kExitUsage = 2,       // usage or configuration error, or bad input; nothing was done
    kExitIncomplete = 3,  // something could not be evaluated (store busy or damaged)
    kExitInternal = 4,    // internal error or an output could not be written
};

struct Invocation {
    std::string command;
    QStringList args;  // the program name followed by the command's own arguments
    std::string application_dir;
    std::ostream& out;
    std::ostream& err;
};

// Thrown for a usage error; main prints "ims CMD: <message>" and exits 2.
struct UsageError {
    std::string message;
};

// One option of one command. Options several commands take are defined once in options.hpp.
struct Option {
    std::string_view name = {};           // without the dashes: "as-of"
    std::string_view value_name = {};     // "DATE"; empty for a flag
    std::string_view help = {};           // one line, lower case, no full stop
    std::string_view default_value = {};  // the value the parser gives when it is absent ("3")
    std::string_view default_note = {};   // a default that is not a literal value ("today, UTC")
    bool repeatable = false;
    bool required = false;
    std::string_view action = {};  // only for this form of the command ("add"); empty: every form

    // The same option with a help line that suits one command.
    constexpr Option with_help(std::string_view line) const {
        Option o = *this;
        o.help = line;
        return o;
    }
    // The same option, taken only by one form of a command.
    constexpr Option for_action(std::string_view form_action) const {
        Option o = *this;
        o.action = form_action;
        return o;
    }
};

struct Command {
    std::string_view name;
    std::string_view summary;  // one line for `ims help`
    // The arguments of each form: {"STORE STANDARD..."} or {"add STORE FILE", "get STORE ID"}.
    // A form whose first word is lower case names an action. "[X]" is optional, "X..." repeats.
    // The parser takes the number of arguments from these.
    std::vector<std::string_view> forms;
    std::string_view description;  // paragraphs, wrapped at 100 columns
    std::vector<Option> options;
    std::vector<std::string_view> examples;  // shell lines, run as tests (tests/cli/help_test.cpp)
    int (*run)(Invocation&, const QCommandLineParser&) = nullptr;
};

// Every command, in the order `ims help` lists them (commands.cpp).
const std::vector<const Command*>& commands();
const Command* find_command(std::string_view name);

// Parses the invocation with a parser built from the command's description, prints the help
// for --help, checks the number of arguments, the required options and the options that belong
// to another form (UsageError), then runs the command.
int run_command(const Command& command, Invocation& inv);

// "--as-of DATE": the option as usage lines and help show it.
std::string option_words(const Option& option);
// The action a form names ("add"), or "" when its first word is an argument.
std::string_view action_of(std::string_view form);
// "ims init STORE --org NAME": the forms with their required options, for usage errors.
std::string short_usage(const Command& command);
// Every form with all its options: "ims soa STORE [--standard ID] [--output FORMAT[:PATH]]...".
std::vector<std::string> synopsis(const Command& command);
// Whether an option belongs to a form.
bool applies_to(const Option& option, std::string_view form);

}  // namespace ims::cli
