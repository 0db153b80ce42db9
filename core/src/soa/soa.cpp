#include "ims/core/soa.hpp"

#include "store/query.hpp"
#include "store/v1_reads.hpp"

#include <map>

namespace ims::soa {

Statement build(const std::string& store_path, const catalog::Standard& standard, const std::string& as_of) {
    Statement soa;
    soa.standard = &standard;
    soa.as_of = as_of;
    store::QueryConnection db(store_path);

    struct Decision {
        bool applicable;
        std::string justification, status;
    };
    std::map<std::string, Decision> decisions;
    db.query("SELECT requirement_id, applicable, justification, implementation_status FROM v1_soa_entries",
             {}, [&](const store::QueryRow& r) {
                 decisions[*r.values[0]] = {*r.values[1] == "1", r.values[2].value_or(""), r.values[3].value_or("")};
                 return true;
             });
    auto evidence = store::current_evidence_by_control(db, as_of);
    std::map<std::string, std::vector<LinkedControl>> controls;
    db.query("SELECT l.requirement_id, c.id, c.title, c.status FROM v1_control_requirements l "
             "JOIN v1_controls c ON c.id = l.control_id ORDER BY c.id",
             {}, [&](const store::QueryRow& r) {
                 controls[*r.values[0]].push_back({*r.values[1], *r.values[2], *r.values[3], evidence[*r.values[1]]});
                 return true;
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
        if (auto it = controls.find(req.id); it != controls.end()) row.controls = it->second;
        soa.rows.push_back(std::move(row));
    }
    return soa;
}

}  // namespace ims::soa
