// Options shared by the commands that write to a store: who made the change.
#pragma once

#include "cli.hpp"

namespace ims::cli {

void add_actor_option(QCommandLineParser& parser);
// --actor, else $USER, else "ims".
std::string actor_of(const QCommandLineParser& parser);

}  // namespace ims::cli
