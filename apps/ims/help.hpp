// Rendering command descriptions (command.hpp): the text of `ims help` and `--help`, the JSON
// listing tools and tests read (`ims help --format json`), and the Markdown of docs/cli.md's
// usage lines and option tables (`ims help --format markdown`). Used only by apps/ims.
#pragma once

#include "command.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace ims::cli {

// "usage: ...", the description, the options and the examples of one command.
std::string help_text(const Command& command);
// The list of commands with their summaries.
std::string commands_text();

nlohmann::json help_json(const Command& command);

// The usage block and option table(s) of one command, as docs/cli.md holds them.
std::string help_markdown(const Command& command);
// The table of commands and summaries, as docs/cli.md holds it.
std::string commands_markdown();

}  // namespace ims::cli
