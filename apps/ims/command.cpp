// Parsing a command line with the parser its command's description builds, and the usage lines
// made from that description. Used by main.cpp (run_command) and help.cpp (synopsis).
#include "command.hpp"

#include "help.hpp"

#include <algorithm>
#include <limits>
#include <ostream>

namespace ims::cli {
namespace {

QString to_qstring(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<int>(s.size()));
}

std::vector<std::string_view> words(std::string_view text) {
    std::vector<std::string_view> out;
    while (!text.empty()) {
        auto space = text.find(' ');
        if (space != 0) out.push_back(text.substr(0, space));
        if (space == std::string_view::npos) break;
        text.remove_prefix(space + 1);
    }
    return out;
}

// How many arguments the forms allow; max -1: no limit.
struct ArgumentCount {
    int min = 0;
    int max = 0;
};

ArgumentCount argument_count(const Command& command) {
    ArgumentCount count{command.forms.empty() ? 0 : std::numeric_limits<int>::max(), 0};
    for (auto form : command.forms) {
        int required = 0, total = 0;
        bool unbounded = false;
        for (auto word : words(form)) {
            ++total;
            if (!word.starts_with('[')) ++required;
            if (word.ends_with("...") || word.ends_with("...]")) unbounded = true;
        }
        count.min = std::min(count.min, required);
        count.max = unbounded || count.max < 0 ? -1 : std::max(count.max, total);
    }
    return count;
}

void add_options(QCommandLineParser& parser, const Command& command) {
    for (const auto& o : command.options) {
        QCommandLineOption option(to_qstring(o.name));
        if (!o.value_name.empty()) {
            option.setValueName(to_qstring(o.value_name));
            if (!o.default_value.empty()) option.setDefaultValue(to_qstring(o.default_value));
        }
        parser.addOption(option);
    }
}

// The form the arguments chose: the one whose action is the first argument, else the only one.
std::string_view chosen_form(const Command& command, const QStringList& args) {
    for (auto form : command.forms)
        if (!action_of(form).empty() && !args.isEmpty() && args[0].toStdString() == action_of(form))
            return form;
    for (auto form : command.forms)
        if (action_of(form).empty()) return form;
    return {};
}

void check_options(const Command& command, const QCommandLineParser& parser) {
    const QStringList args = parser.positionalArguments();
    const std::string_view form = chosen_form(command, args);
    const bool known_action = !form.empty() && !action_of(form).empty();
    for (const auto& o : command.options) {
        const QString name = to_qstring(o.name);
        const std::string where = known_action ? " by 'ims " + std::string(command.name) + " " +
                                                     std::string(action_of(form)) + "'"
                                               : "";
        if (!o.action.empty() && known_action && o.action != action_of(form) && parser.isSet(name))
            throw UsageError{"--" + std::string(o.name) + " is taken only by 'ims " +
                             std::string(command.name) + " " + std::string(o.action) + "'"};
        if (o.required && applies_to(o, form) && !parser.isSet(name))
            throw UsageError{option_words(o) + " is required" + where};
    }
}

}  // namespace

std::string option_words(const Option& o) {
    std::string text = "--" + std::string(o.name);
    if (!o.value_name.empty()) text += " " + std::string(o.value_name);
    return text;
}

std::string_view action_of(std::string_view form) {
    auto first = words(form);
    if (first.empty()) return {};
    bool lower = std::all_of(first[0].begin(), first[0].end(),
                             [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; });
    return lower ? first[0] : std::string_view{};
}

bool applies_to(const Option& option, std::string_view form) {
    return option.action.empty() || option.action == action_of(form);
}

std::string short_usage(const Command& command) {
    std::string usage;
    for (auto form : command.forms) {
        usage += usage.empty() ? "ims " + std::string(command.name) : " |";
        if (!form.empty()) usage += " " + std::string(form);
        for (const auto& o : command.options)
            if (o.required && applies_to(o, form)) usage += " " + option_words(o);
    }
    return usage;
}

std::vector<std::string> synopsis(const Command& command) {
    std::vector<std::string> lines;
    for (auto form : command.forms) {
        std::string line = "ims " + std::string(command.name);
        if (!form.empty()) line += " " + std::string(form);
        for (const auto& o : command.options) {
            if (!applies_to(o, form)) continue;
            line += o.required ? " " + option_words(o) : " [" + option_words(o) + "]";
            if (o.repeatable) line += "...";
        }
        lines.push_back(line);
    }
    return lines;
}

int run_command(const Command& command, Invocation& inv) {
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    add_options(parser, command);
    QCommandLineOption help(QStringList{"h", "help"});
    parser.addOption(help);
    if (!parser.parse(inv.args)) throw UsageError{parser.errorText().toStdString()};
    if (parser.isSet(help)) {
        inv.out << help_text(command);
        return kExitOk;
    }
    const auto count = argument_count(command);
    const auto given = static_cast<int>(parser.positionalArguments().size());
    if (given < count.min) throw UsageError{"missing arguments; usage: " + short_usage(command)};
    if (count.max >= 0 && given > count.max)
        throw UsageError{"unexpected argument '" +
                         parser.positionalArguments()[count.max].toStdString() +
                         "'; usage: " + short_usage(command)};
    check_options(command, parser);
    return command.run(inv, parser);
}

}  // namespace ims::cli
