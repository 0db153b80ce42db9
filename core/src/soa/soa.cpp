#include "ims/core/soa.hpp"

#include "ims/core/store.hpp"
#include "store/sqlite.hpp"
#include "store/store_access.hpp"
#include "store/v1_reads.hpp"

#include <map>
#include <set>

namespace ims::soa {

Statement build(const store::Store& store, const catalog::Standard& standard,
                const std::string& as_of) {
    Statement soa;
    soa.standard = &standard;
    soa.as_of = as_of;

    struct Decision {
        bool applicable;
        std::string justification, status;
    };
    std::set<std::string> rows_wanted;  // the standard's controls: only their links are kept
    for (const auto& req : standard.requirements)
        if (req.kind == "control") rows_wanted.insert(req.id);
    std::map<std::string, Decision> decisions;
    std::map<std::string, std::vector<LinkedControl>> controls;
    store.read([&] {
        store::Database& db = store::StoreAccess::database(store);
        store::Statement entries(db,
                                 "SELECT requirement_id, applicable, justification, "
                                 "implementation_status FROM v1_soa_entries");
        while (entries.step())
            if (rows_wanted.count(entries.text(0)))
                decisions[entries.text(0)] = {entries.integer(1) != 0, entries.text(2),
                                              entries.text(3)};
        const auto evidence = store::current_evidence_by_control(db, as_of);
        store::Statement links(
            db,
            "SELECT l.requirement_id, c.id, c.title, c.status FROM "
            "v1_control_requirements l JOIN v1_controls c ON c.id = l.control_id "
            "ORDER BY c.id");
        while (links.step()) {
            const std::string requirement = links.text(0);
            if (!rows_wanted.count(requirement)) continue;
            auto found = evidence.find(links.text(1));
            controls[requirement].push_back(
                {links.text(1), links.text(2), links.text(3),
                 found == evidence.end() ? std::vector<std::string>() : found->second});
        }
    });

    std::map<std::string, const catalog::Requirement*> by_ref;
    for (const auto& req : standard.requirements) {
        by_ref[req.ref] = &req;
        if (req.kind != "control") continue;
        Row row;
        row.requirement = &req;
        row.group = req.parent_ref.empty() ? nullptr : by_ref[req.parent_ref];
        if (auto it = decisions.find(req.id); it != decisions.end()) {
            row.decided = true;
            row.applicable = it->second.applicable;
            row.justification = it->second.justification;
            row.implementation_status = it->second.status;
            ++soa.decided;
            ++(row.applicable ? soa.applicable : soa.excluded);
        } else {
            ++soa.missing;
        }
        if (auto it = controls.find(req.id); it != controls.end())
            row.controls = std::move(it->second);
        soa.rows.push_back(std::move(row));
    }
    return soa;
}

}  // namespace ims::soa
