#include "coverage_output.hpp"

#include <ostream>

namespace ims::cli {

nlohmann::json totals_json(const coverage::Totals& t) {
    return {{"full", t.full}, {"partial", t.partial}, {"none", t.none}};
}

nlohmann::json requirement_json(const coverage::RequirementCoverage& rc) {
    nlohmann::json sources = nlohmann::json::array();
    for (const auto& s : rc.sources) {
        nlohmann::json path = nlohmann::json::array();
        for (const auto& hop : s.path.hops)
            path.push_back({{"from", hop.source}, {"to", hop.target},
                            {"relation", mappings::to_string(hop.relation)},
                            {"rationale", hop.rationale}, {"provenance", hop.provenance}});
        sources.push_back({{"level", coverage::to_string(s.level)},
                           {"control", s.control_id},
                           {"control_title", s.control_title},
                           {"linked_requirement", s.linked_requirement},
                           {"link_coverage", s.link_coverage},
                           {"current_evidence", s.current_evidence},
                           {"direct", s.path.hops.empty()},
                           {"path", path}});
    }
    return {{"id", rc.requirement->id},
            {"title", rc.requirement->title},
            {"kind", rc.requirement->kind},
            {"leaf", rc.leaf},
            {"coverage", coverage::to_string(rc.level)},
            {"sources", sources}};
}

void print_sources(std::ostream& out, const coverage::RequirementCoverage& rc,
                   const std::string& indent) {
    for (const auto& s : rc.sources) {
        out << indent << coverage::to_string(s.level) << " by " << s.control_id << " \""
                << s.control_title << "\"";
        if (s.path.hops.empty()) {
            out << " (linked directly)";
        } else {
            out << " via " << s.linked_requirement;
            for (const auto& hop : s.path.hops)
                out << " -" << mappings::to_string(hop.relation) << "-> " << hop.target;
        }
        out << (s.current_evidence.empty() ? "; no current evidence" : "; evidence:");
        for (const auto& e : s.current_evidence) out << " " << e;
        out << "\n";
    }
}

}  // namespace ims::cli
