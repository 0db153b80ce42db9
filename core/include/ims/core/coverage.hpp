// Coverage of a standard's requirements by the organisation's implemented controls and their
// current evidence, directly (a control linked to the requirement) or through mappings from
// requirements of other standards, with the path each inference came by.
// Computed from a store through the read-only v1 views; safe to call from one thread per store.
#pragma once

#include "ims/core/catalog.hpp"
#include "ims/core/mappings.hpp"

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

// What the store's implemented controls cover of `standard` on `as_of` (YYYY-MM-DD).
// A control counts only when implemented; without current evidence it counts at most as
// partial. Through a mapping, only equal or superset relations from a fully linked
// requirement give full coverage; subset and intersect give partial.
StandardCoverage compute(const std::string& store_path, const catalog::Standard& standard,
                         const catalog::Library& library, const mappings::MappingGraph& graph,
                         const std::string& as_of);

// The ids of the standards the store has adopted, in id order.
std::vector<std::string> adopted_standards(const std::string& store_path);

}  // namespace ims::coverage
