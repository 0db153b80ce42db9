#include "ims/core/coverage.hpp"

#include "ims/core/store.hpp"
#include "store/sqlite.hpp"
#include "store/store_access.hpp"
#include "store/v1_reads.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace ims::coverage {
namespace {

Level level_of(const std::string& link_coverage, const mappings::Path* path, bool evidenced) {
    Level level = link_coverage == "full" ? Level::kFull : Level::kPartial;
    if (path != nullptr && path->relation != mappings::Relation::kEqual &&
        path->relation != mappings::Relation::kSuperset)
        level = Level::kPartial;
    if (!evidenced) level = std::min(level, Level::kPartial);
    return level;
}

std::size_t hops(const Source& source) {
    return source.path == nullptr ? 0 : source.path->hops.size();
}

void add(Totals& totals, Level level) {
    if (level == Level::kFull)
        ++totals.full;
    else if (level == Level::kPartial)
        ++totals.partial;
    else
        ++totals.none;
}

}  // namespace

std::string_view to_string(Level level) {
    switch (level) {
        case Level::kFull:
            return "full";
        case Level::kPartial:
            return "partial";
        case Level::kNone:
            return "none";
    }
    return "none";
}

StoreFacts read_facts(const store::Store& store, const std::string& as_of) {
    StoreFacts facts;
    facts.as_of = as_of;
    store.read([&] {
        store::Database& db = store::StoreAccess::database(store);
        store::Statement adopted(
            db, "SELECT standard_id FROM v1_adopted_standards ORDER BY standard_id");
        while (adopted.step()) facts.adopted.push_back(adopted.text(0));
        store::Statement links(
            db,
            "SELECT c.id, c.title, l.requirement_id, l.coverage FROM v1_controls c "
            "JOIN v1_control_requirements l ON l.control_id = c.id WHERE c.status = 'implemented' "
            "ORDER BY c.id, l.requirement_id");
        while (links.step())
            facts.links.push_back({links.text(0), links.text(1), links.text(2), links.text(3)});
        facts.evidence_of_control = store::current_evidence_by_control(db, as_of);
    });
    return facts;
}

StandardCoverage compute(const StoreFacts& facts, const catalog::Standard& standard,
                         const mappings::MappingGraph& graph) {
    static const std::vector<std::string> kNoEvidence;
    std::map<std::string, std::size_t> index;
    StandardCoverage result;
    result.standard = &standard;
    std::set<std::string> parents;
    for (const auto& r : standard.requirements)
        if (!r.parent_ref.empty()) parents.insert(r.parent_ref);
    for (const auto& r : standard.requirements) {
        index[r.id] = result.requirements.size();
        result.requirements.push_back({&r, !parents.count(r.ref), Level::kNone, {}});
    }

    // Each linked requirement reaches this standard directly or through the mapping graph. The
    // graph is walked once per linked requirement, of which there are at most as many as the
    // adopted catalogs hold, however many controls link to them.
    auto paths = std::make_shared<std::map<std::string, std::vector<mappings::Related>>>();
    for (const Link& link : facts.links) {
        auto found = facts.evidence_of_control.find(link.control_id);
        const auto* evidence =
            found == facts.evidence_of_control.end() ? &kNoEvidence : &found->second;
        if (auto it = index.find(link.requirement_id); it != index.end())
            result.requirements[it->second].sources.push_back(
                {&link, evidence, nullptr, level_of(link.coverage, nullptr, !evidence->empty())});
        auto [cached, fresh] = paths->try_emplace(link.requirement_id);
        if (fresh) cached->second = graph.related(link.requirement_id);
        for (const auto& related : cached->second) {
            auto it = index.find(related.requirement_id);
            if (it == index.end()) continue;
            for (const auto& path : related.paths)
                result.requirements[it->second].sources.push_back(
                    {&link, evidence, &path, level_of(link.coverage, &path, !evidence->empty())});
        }
    }
    result.paths = std::move(paths);

    for (auto& rc : result.requirements) {
        std::stable_sort(rc.sources.begin(), rc.sources.end(),
                         [](const Source& a, const Source& b) {
                             if (a.level != b.level) return a.level > b.level;
                             return hops(a) < hops(b);
                         });
        if (!rc.sources.empty()) rc.level = rc.sources.front().level;
    }
    // A parent without sources of its own takes what its children give: full only when all are.
    for (auto it = result.requirements.rbegin(); it != result.requirements.rend(); ++it) {
        if (it->leaf || !it->sources.empty()) continue;
        bool all_full = true, any = false;
        for (const auto& child : result.requirements) {
            if (child.requirement->parent_ref != it->requirement->ref) continue;
            all_full = all_full && child.level == Level::kFull;
            any = any || child.level != Level::kNone;
        }
        it->level = all_full ? Level::kFull : (any ? Level::kPartial : Level::kNone);
    }

    std::map<std::string, std::string> top_of;  // ref -> top-level ref
    for (const auto& rc : result.requirements) {
        const auto& r = *rc.requirement;
        top_of[r.ref] = r.parent_ref.empty() ? r.ref : top_of[r.parent_ref];
        if (r.parent_ref.empty()) result.groups.push_back({&r, Totals{}});
        if (!rc.leaf) continue;
        add(result.totals, rc.level);
        for (auto& [group, totals] : result.groups)
            if (group->ref == top_of[r.ref]) add(totals, rc.level);
    }
    return result;
}

}  // namespace ims::coverage
