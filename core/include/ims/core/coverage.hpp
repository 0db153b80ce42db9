// Coverage of a standard's requirements by the organisation's implemented controls and their
// current evidence, directly (a control linked to the requirement) or through mappings from
// requirements of other standards, with the path each inference came by.
// Computed from a store through the read-only v1 views; safe to call from one thread per store.
#pragma once

#include "ims/core/catalog.hpp"
#include "ims/core/mappings.hpp"

#include <map>
#include <string>
#include <vector>

namespace ims::coverage {

enum class Level { kNone, kPartial, kFull };
std::string_view to_string(Level level);

// One reason a requirement counts as covered.
struct Source {
    std::string control_id;
    std::string control_title;
    std::string linked_requirement;  // the requirement the control is linked to in the store
    std::string link_coverage;       // "full" or "partial", as the link says
    std::vector<std::string> current_evidence;  // evidence ids valid on the as-of date
    mappings::Path path;  // empty hops when the control is linked to this requirement directly
    Level level = Level::kNone;
};

struct RequirementCoverage {
    const catalog::Requirement* requirement = nullptr;
    bool leaf = true;
    Level level = Level::kNone;
    std::vector<Source> sources;  // strongest first
};

struct Totals {
    int full = 0, partial = 0, none = 0;
};

struct StandardCoverage {
    const catalog::Standard* standard = nullptr;
    std::vector<RequirementCoverage> requirements;  // catalog order
    Totals totals;                                   // over leaf requirements
    // Totals per top-level group (clause, theme, chapter, ...), in catalog order.
    std::vector<std::pair<const catalog::Requirement*, Totals>> groups;
};

// A control's link to a requirement, as the store records it.
struct Link {
    std::string control_id;
    std::string control_title;
    std::string requirement_id;
    std::string coverage;  // "full" or "partial"
};

// What coverage needs from a store, read once through the v1 views for every standard.
struct StoreFacts {
    std::string as_of;                    // YYYY-MM-DD
    std::vector<std::string> adopted;     // adopted standard ids, in id order
    std::vector<Link> links;              // of implemented controls only
    std::map<std::string, std::vector<std::string>> evidence_of_control;  // current on as_of
};

StoreFacts read_facts(const std::string& store_path, const std::string& as_of);

// What the store's implemented controls cover of `standard` on facts.as_of.
// A control counts only when implemented; without current evidence it counts at most as
// partial. Through a mapping, only equal or superset relations from a fully linked
// requirement give full coverage; subset and intersect give partial.
StandardCoverage compute(const StoreFacts& facts, const catalog::Standard& standard,
                         const mappings::MappingGraph& graph);

}  // namespace ims::coverage
