// The command table: every command's description lives in its own file (X_command.cpp); this
// lists them in the order `ims help` shows them.
#include "command.hpp"

namespace ims::cli {

const Command& init_command();
const Command& adopt_command();
const Command& verify_command();
const Command& migrate_command();
const Command& catalog_command();
const Command& map_command();
const Command& coverage_command();
const Command& gap_command();
const Command& soa_command();
const Command& check_command();
const Command& evidence_command();
const Command& import_command();
const Command& export_command();
const Command& plugins_command();
const Command& version_command();
const Command& help_command();

const std::vector<const Command*>& commands() {
    static const std::vector<const Command*> kCommands = {
        &init_command(),    &adopt_command(),   &verify_command(),   &migrate_command(),
        &catalog_command(), &map_command(),     &coverage_command(), &gap_command(),
        &soa_command(),     &check_command(),   &evidence_command(), &import_command(),
        &export_command(),  &plugins_command(), &version_command(),  &help_command(),
    };
    return kCommands;
}

const Command* find_command(std::string_view name) {
    for (const auto* c : commands())
        if (c->name == name) return c;
    return nullptr;
}

}  // namespace ims::cli
