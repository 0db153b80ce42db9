// Coverage of a standard's requirements by the organisation's implemented controls and their
// current evidence, directly (a control linked to the requirement) or through mappings from
// requirements of other standards, with the path each inference came by.
// Computed from an open store through its read-only v1 views; one thread per Store.
#pragma once

#include "ims/core/catalog.hpp"
#include "ims/core/mappings.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ims::io {
class Sink;
}
namespace ims::store {
class Store;
}

namespace ims::coverage {

enum class Level { kNone, kPartial, kFull };
std::string_view to_string(Level level);

// A control's link to a requirement, as the store records it.
struct Link {
    std::string control_id;
    std::string control_title;
    std::string requirement_id;
    std::string coverage;  // "full" or "partial"
};

// What coverage needs from a store, read once through the v1 views for every standard.
struct StoreFacts {
    std::string as_of;                 // YYYY-MM-DD
    std::vector<std::string> adopted;  // adopted standard ids, in id order
    std::vector<Link> links;           // of implemented controls only
    std::map<std::string, std::vector<std::string>> evidence_of_control;  // current on as_of
};

// Reads the facts in one read transaction of `store`, so they are one snapshot of it.
StoreFacts read_facts(const store::Store& store, const std::string& as_of);

// One reason a requirement counts as covered. It points into the StoreFacts and the
// StandardCoverage it came from instead of copying them: a control's evidence list and a
// mapping path are shared by every requirement they reach, which keeps memory proportional to
// the store, not to the store times the mappings.
struct Source {
    const Link* link = nullptr;  // the control and its link, in StoreFacts::links
    const std::vector<std::string>* current_evidence = nullptr;  // evidence ids valid on as_of
    const mappings::Path* path = nullptr;  // nullptr when the control is linked directly
    Level level = Level::kNone;
    bool direct() const { return path == nullptr; }
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
    Totals totals;                                  // over leaf requirements
    // Totals per top-level group (clause, theme, chapter, ...), in catalog order.
    std::vector<std::pair<const catalog::Requirement*, Totals>> groups;
    // The mapping paths the sources point to (one list per linked requirement), owned here.
    std::shared_ptr<const std::map<std::string, std::vector<mappings::Related>>> paths;
};

// What the store's implemented controls cover of `standard` on facts.as_of. The result points
// into `facts`, which must outlive it.
// A control counts only when implemented; without current evidence it counts at most as
// partial. Through a mapping, only equal or superset relations from a fully linked
// requirement give full coverage; subset and intersect give partial.
StandardCoverage compute(const StoreFacts& facts, const catalog::Standard& standard,
                         const mappings::MappingGraph& graph);

// The reports of `ims coverage` and `ims gap` (docs/coverage.md), as text or JSON. Each is written
// through an io::Sink as it is produced, one requirement at a time, so that memory does not grow
// with the report. `store_name` is how a report names the store.
enum class Format { kText, kJson };

// `ims coverage`: a summary per standard and top-level group, then every covered requirement
// with its sources. Standards are added one at a time (compute, add, drop); finish() ends it.
class Report {
public:
    Report(io::Sink& out, Format format, std::string store_name, std::string as_of);
    ~Report();
    Report(const Report&) = delete;
    Report& operator=(const Report&) = delete;
    void add(const StandardCoverage& coverage);
    void finish();

private:
    struct State;
    std::unique_ptr<State> state_;
};

// `ims gap`: the leaf requirements of the standard being considered, in three groups (left to do,
// partly covered, covered), each in catalog order.
void write_gap(io::Sink& sink, Format format, const std::string& store_name,
               const std::string& as_of, const StandardCoverage& coverage);

}  // namespace ims::coverage
