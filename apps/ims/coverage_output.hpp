// Rendering coverage for `ims coverage` and `ims gap`: JSON documents and readable text.
#pragma once

#include "cli.hpp"
#include "ims/core/coverage.hpp"

namespace ims::cli {

nlohmann::json requirement_json(const coverage::RequirementCoverage& rc);
nlohmann::json totals_json(const coverage::Totals& totals);
// "full via CTRL-7 (linked to iso27001:2022/A.8.13) -subset-> ..."; one line per source.
void print_sources(std::ostream& out, const coverage::RequirementCoverage& rc, const std::string& indent);

}  // namespace ims::cli
