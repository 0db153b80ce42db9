// Rendering command descriptions as help text, JSON and Markdown (help.hpp).
#include "help.hpp"

#include <algorithm>

namespace ims::cli {
namespace {

constexpr std::size_t kWidth = 100;

std::string str(std::string_view s) {
    return std::string(s);
}

// "(required)", "(default: 3; repeatable)" or "".
std::string notes(const Option& o) {
    std::vector<std::string> parts;
    if (o.required) parts.push_back("required");
    if (!o.default_value.empty()) parts.push_back("default: " + str(o.default_value));
    if (!o.default_note.empty()) parts.push_back("default: " + str(o.default_note));
    if (o.repeatable) parts.push_back("repeatable");
    std::string text;
    for (const auto& p : parts) text += (text.empty() ? "(" : "; ") + p;
    return text.empty() ? text : text + ")";
}

std::string meaning(const Option& o) {
    std::string n = notes(o);
    return str(o.help) + (o.help.empty() || n.empty() ? "" : " ") + n;
}

// Splits at spaces outside brackets and quotes, so "[--output FORMAT[:PATH]]..." and
// --title "Restore test" stay one word each.
std::vector<std::string> words_of(const std::string& text) {
    std::vector<std::string> words;
    std::string word;
    int depth = 0;
    char quote = 0;
    for (char c : text) {
        if (c == ' ' && depth == 0 && quote == 0) {
            if (!word.empty()) words.push_back(word);
            word.clear();
            continue;
        }
        if (quote == 0 && (c == '"' || c == '\''))
            quote = c;
        else if (c == quote)
            quote = 0;
        if (quote == 0) depth += c == '[' ? 1 : c == ']' ? -1 : 0;
        word += c;
    }
    if (!word.empty()) words.push_back(word);
    return words;
}

// Fills lines up to kWidth: the first starts with `first`, the others with `indent`; each line
// but the last ends with `end` (" \\" continues a shell command).
std::string wrap(const std::vector<std::string>& words, const std::string& first,
                 const std::string& indent, const std::string& end = "") {
    std::string out = first, line = first;
    bool empty = true;
    for (const auto& word : words) {
        if (!empty && line.size() + 1 + word.size() + end.size() > kWidth) {
            out += end + "\n" + indent;
            line = indent;
            empty = true;
        }
        out += (empty ? "" : " ") + word;
        line += (empty ? "" : " ") + word;
        empty = false;
    }
    return out + "\n";
}

std::string wrap(const std::string& text, const std::string& first, const std::string& indent) {
    return wrap(words_of(text), first, indent);
}

// An example command, continued with backslashes; an option stays on the line of its value.
std::string example_lines(std::string_view example) {
    std::vector<std::string> words;
    for (auto& word : words_of(str(example))) {
        if (!words.empty() && words.back().starts_with("--") &&
            words.back().find(' ') == std::string::npos && !word.starts_with("-"))
            words.back() += " " + word;
        else
            words.push_back(word);
    }
    return wrap(words, "  ", "      ", " \\");
}

bool has_scoped_options(const Command& c) {
    return std::any_of(c.options.begin(), c.options.end(),
                       [](const Option& o) { return !o.action.empty(); });
}

// The options shown together, with the heading that names the form they belong to ("" when
// every option belongs to every form).
std::vector<std::pair<std::string, std::vector<const Option*>>> option_groups(const Command& c) {
    std::vector<std::pair<std::string, std::vector<const Option*>>> groups;
    if (!has_scoped_options(c)) {
        std::vector<const Option*> all;
        for (const auto& o : c.options) all.push_back(&o);
        if (!all.empty()) groups.emplace_back("", all);
        return groups;
    }
    for (auto form : c.forms) {
        std::vector<const Option*> options;
        for (const auto& o : c.options)
            if (applies_to(o, form)) options.push_back(&o);
        if (!options.empty())
            groups.emplace_back("ims " + str(c.name) + " " + str(action_of(form)), options);
    }
    return groups;
}

std::string option_lines(const std::vector<const Option*>& options) {
    std::size_t column = 0;
    for (const auto* o : options) column = std::max(column, option_words(*o).size());
    column += 4;
    std::string out;
    for (const auto* o : options) {
        std::string left = "  " + option_words(*o);
        left += std::string(column - left.size(), ' ');
        out += wrap(meaning(*o), left, std::string(column, ' '));
    }
    return out;
}

std::string escape_cell(const std::string& text) {
    std::string out;
    for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
    return out;
}

std::string option_table(const std::vector<const Option*>& options) {
    std::string out = "| option | meaning |\n|---|---|\n";
    for (const auto* o : options)
        out += "| `" + escape_cell(option_words(*o)) + "` | " + escape_cell(meaning(*o)) + " |\n";
    return out;
}

}  // namespace

std::string help_text(const Command& c) {
    std::string out;
    bool first = true;
    for (const auto& line : synopsis(c)) {
        out += wrap(line, first ? "usage: " : "       ", "           ");
        first = false;
    }
    out += "\n" + str(c.description);
    for (const auto& [heading, options] : option_groups(c))
        out += "\n" + (heading.empty() ? "options:\n" : "options of '" + heading + "':\n") +
               option_lines(options);
    out += c.examples.size() == 1 ? "\nexample:\n" : "\nexamples:\n";
    for (auto example : c.examples) out += example_lines(example);
    return out;
}

std::string commands_text() {
    std::string out =
        "ims: an integrated management system host: standards as plugins, one store per\n"
        "organisation, reports on coverage, gaps and the Statement of Applicability.\n\n"
        "usage: ims COMMAND [ARGS]\n\ncommands:\n";
    std::size_t column = 0;
    for (const auto* c : commands()) column = std::max(column, c->name.size() + 2);
    for (const auto* c : commands())
        out += "  " + str(c->name) + std::string(column - c->name.size(), ' ') + str(c->summary) +
               "\n";
    return out +
           "\n'ims help COMMAND' (or 'ims COMMAND --help') explains one command with an "
           "example.\n";
}

nlohmann::json help_json(const Command& c) {
    nlohmann::json options = nlohmann::json::array();
    for (const auto& o : c.options) {
        nlohmann::json j = {{"name", o.name},         {"value_name", o.value_name},
                            {"help", o.help},         {"repeatable", o.repeatable},
                            {"required", o.required}, {"action", o.action}};
        if (!o.default_value.empty()) j["default"] = o.default_value;
        if (!o.default_note.empty()) j["default"] = o.default_note;
        options.push_back(j);
    }
    nlohmann::json forms = nlohmann::json::array();
    for (auto form : c.forms) forms.push_back(form);
    nlohmann::json examples = nlohmann::json::array();
    for (auto example : c.examples) examples.push_back(example);
    return {{"name", c.name},       {"summary", c.summary},         {"forms", forms},
            {"usage", synopsis(c)}, {"description", c.description}, {"options", options},
            {"examples", examples}};
}

std::string help_markdown(const Command& c) {
    std::string out = "```\n";
    for (const auto& line : synopsis(c)) out += line + "\n";
    out += "```\n";
    const auto groups = option_groups(c);
    if (groups.empty()) return out + "\nIt takes no options.\n";
    for (const auto& [heading, options] : groups)
        out += "\n" + (heading.empty() ? "" : "Options of `" + heading + "`:\n\n") +
               option_table(options);
    return out;
}

std::string commands_markdown() {
    std::string out = "| command | what it does |\n|---|---|\n";
    for (const auto* c : commands())
        out += "| [`" + str(c->name) + "`](#ims-" + str(c->name) + ") | " +
               escape_cell(str(c->summary)) + " |\n";
    return out;
}

}  // namespace ims::cli
