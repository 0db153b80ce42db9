// run_checks: one read-only snapshot of the store, the checks it selects, their parameters, their
// runs, the waivers and the fan-out of their requirements (docs/checks.md).
#include "checks/run_support.hpp"
#include "ims/core/error.hpp"
#include "ims/core/mappings.hpp"
#include "ims/core/store.hpp"

#include <algorithm>
#include <tuple>

namespace ims::checks {
namespace {

// The store's side of a run, read once through the v1 views of the run's connection.
struct StoreInputs {
    std::vector<std::string> adopted;
    std::map<std::string, std::string> policy;  // policy_parameters: key -> value
    std::vector<Waiver> waivers;
};

StoreInputs read_inputs(store::QueryConnection& db) {
    StoreInputs in;
    auto text = [](const store::QueryRow& row, std::size_t i) {
        return row.values[i].value_or("");
    };
    db.query("SELECT standard_id FROM v1_adopted_standards ORDER BY standard_id", {},
             [&](const store::QueryRow& row) {
                 in.adopted.push_back(text(row, 0));
                 return true;
             });
    db.query("SELECT key, value FROM v1_policy_parameters", {}, [&](const store::QueryRow& row) {
        in.policy[text(row, 0)] = text(row, 1);
        return true;
    });
    db.query(
        "SELECT id, check_id, subject_id, justification, approved_by_id, approved_on, "
        "expires_on, risk_id FROM v1_waivers ORDER BY id",
        {}, [&](const store::QueryRow& row) {
            in.waivers.push_back(Waiver{text(row, 0), text(row, 1), text(row, 2), text(row, 3),
                                        text(row, 4), text(row, 5), text(row, 6), text(row, 7),
                                        "store"});
            return true;
        });
    db.take_views_read();
    return in;
}

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

// A check runs when it evidences a requirement of the Harmonized Structure (IMS-wide) or of a
// standard the store has adopted, directly or through the fan-out.
bool relevant(const std::vector<std::string>& requirement_ids,
              const std::vector<std::string>& adopted) {
    for (const auto& r : requirement_ids) {
        const std::string standard = mappings::standard_of(r);
        if (standard == "hs" || contains(adopted, standard)) return true;
    }
    return false;
}

bool evidences(const std::vector<std::string>& requirement_ids,
               const std::vector<std::string>& standards) {
    if (standards.empty()) return true;
    for (const auto& r : requirement_ids)
        if (contains(standards, mappings::standard_of(r))) return true;
    return false;
}

void check_options(const RunOptions& options, const CheckLibrary& library,
                   const std::vector<std::string>& adopted) {
    for (const auto& id : options.check_ids)
        if (!library.find(id))
            throw Error(ErrorCode::kUsage,
                        "--check " + id +
                            ": no installed plugin defines this check (docs/checks.md lists "
                            "the shipped ones)");
    for (const auto& standard : options.standards)
        if (!contains(adopted, standard)) {
            std::string list;
            for (const auto& a : adopted) list += (list.empty() ? "" : ", ") + a;
            throw Error(ErrorCode::kUsage, "--standard " + standard +
                                               ": the store has not adopted it (adopted: " +
                                               (list.empty() ? "none" : list) + ")");
        }
    for (const auto& [key, value] : options.overrides) {
        bool known = false;
        for (const auto& d : library.definitions()) {
            const Parameter* p = d.parameter(key);
            if (p == nullptr) continue;
            known = true;
            if (!parse_parameter(p->type, value))
                throw Error(ErrorCode::kUsage, "--set " + key + "=" + value + ": expected " +
                                                   std::string(to_string(p->type)) + " (check " +
                                                   d.id + ")");
        }
        if (!known)
            throw Error(ErrorCode::kUsage,
                        "--set " + key + ": no installed check has a parameter of that name");
    }
}

// Resolves the check's parameters: default < the store's policy_parameters < --set. A policy
// value of the wrong type throws kInvalidInput, which becomes the check's `error` result.
void resolve_parameters(const Definition& d, const StoreInputs& in, const RunOptions& options,
                        CheckRun& run, Evaluation& evaluation) {
    for (const auto& p : d.parameters) {
        std::string value = p.default_value, source = "default";
        if (auto it = in.policy.find(p.name); it != in.policy.end()) {
            auto parsed = parse_parameter(p.type, it->second);
            if (!parsed)
                throw Error(ErrorCode::kInvalidInput,
                            "policy parameter '" + p.name + "' in the store is '" + it->second +
                                "'; this check expects " + std::string(to_string(p.type)));
            value = *parsed;
            source = "store";
        }
        if (auto it = options.overrides.find(p.name); it != options.overrides.end()) {
            value = *parse_parameter(p.type, it->second);
            source = "--set";
        }
        run.parameters[p.name] = value;
        run.parameter_sources[p.name] = source;
        evaluation.params[p.name] = value;
        evaluation.types[p.name] = p.type;
    }
}

std::vector<Result> evaluate(const Definition& d, plugins::PluginHost& host,
                             const Evaluation& evaluation) {
    std::vector<Result> results = d.is_native()
                                      ? run_native_check(host, d.plugin_id, d.native, evaluation)
                                      : run_sql_check(d, evaluation);
    for (auto& r : results) {
        // The native runner names the check by its native name; the report by its id.
        if (r.status == Status::kError && r.subject_type == "check") r.subject_id = d.id;
        r.check_id = d.id;
    }
    if (results.empty())
        results.push_back(make_result(d.id, Status::kPass, d.subject_type, "",
                                      "no " + d.subject_type + " found that fails this check"));
    return results;
}

bool in_force(const Waiver& w, const std::string& as_of) {
    return as_of <= w.expires_on && (w.approved_on.empty() || w.approved_on <= as_of);
}

// The waiver in force that covers a result: one naming its subject before one for every subject,
// then the lowest id.
const Waiver* waiver_for(const Result& r, const std::vector<Waiver>& waivers,
                         const std::string& as_of) {
    const Waiver* best = nullptr;
    for (const auto& w : waivers) {
        if (w.check_id != r.check_id || !in_force(w, as_of)) continue;
        if (!w.subject_id.empty() && w.subject_id != r.subject_id) continue;
        if (best == nullptr || (best->subject_id.empty() && !w.subject_id.empty())) best = &w;
    }
    return best;
}

// Store waivers, then file waivers; a file waiver replaces a store waiver of the same id.
std::vector<Waiver> all_waivers(std::vector<Waiver> store_waivers,
                                const std::vector<Waiver>& extra) {
    for (const auto& w : extra) {
        auto same = std::find_if(store_waivers.begin(), store_waivers.end(),
                                 [&](const Waiver& s) { return s.id == w.id; });
        if (same != store_waivers.end())
            *same = w;
        else
            store_waivers.push_back(w);
    }
    std::sort(store_waivers.begin(), store_waivers.end(),
              [](const Waiver& a, const Waiver& b) { return a.id < b.id; });
    return store_waivers;
}

void apply_waivers(RunReport& report, const std::vector<Waiver>& waivers,
                   const CheckLibrary& library) {
    std::set<std::string> ran;
    for (const auto& c : report.checks) ran.insert(c.definition->id);
    for (auto& r : report.results) {
        if (r.status != Status::kFail && r.status != Status::kWarn) continue;
        if (const Waiver* w = waiver_for(r, waivers, report.as_of)) {
            r.status = Status::kWaived;
            r.waiver_id = w->id;
        }
    }
    for (const auto& w : waivers) {
        if (w.expires_on < report.as_of && ran.count(w.check_id)) report.expired.push_back(w);
        if (in_force(w, report.as_of) && !library.find(w.check_id)) report.unused.push_back(w);
    }
}

}  // namespace

std::vector<std::string> fan_out(const std::vector<std::string>& requirements,
                                 const mappings::MappingGraph& graph,
                                 const std::vector<std::string>& adopted) {
    std::vector<std::string> out = requirements;
    std::set<std::string> reached;
    for (const auto& r : requirements) {
        if (mappings::standard_of(r) != "hs") continue;
        for (const auto& related : graph.related(r, 1)) {
            if (!contains(adopted, related.standard_id)) continue;
            if (related.relation == mappings::Relation::kEqual ||
                related.relation == mappings::Relation::kSubset)
                reached.insert(related.requirement_id);
        }
    }
    for (const auto& id : reached)
        if (!contains(out, id)) out.push_back(id);
    return out;
}

RunReport run_checks(const store::Store& store, plugins::PluginHost& host,
                     const CheckLibrary& library, const mappings::MappingGraph& graph,
                     const RunOptions& options) {
    // One connection, one read transaction: every check and every input reads one snapshot.
    store::QueryConnection connection(store);
    const StoreInputs in = read_inputs(connection);
    check_options(options, library, in.adopted);

    RunReport report;
    report.as_of = options.as_of;
    report.adopted = in.adopted;
    report.problems = library.problems();
    for (const auto& d : library.definitions()) {
        if (!options.check_ids.empty() && !contains(options.check_ids, d.id)) continue;
        CheckRun run;
        run.definition = &d;
        run.requirement_ids = fan_out(d.requirements, graph, in.adopted);
        if (!relevant(run.requirement_ids, in.adopted)) continue;
        if (!evidences(run.requirement_ids, options.standards)) continue;

        Evaluation evaluation;
        evaluation.store = &store;
        evaluation.check_id = d.id;
        evaluation.connection = &connection;
        evaluation.time_limit = options.time_limit;
        evaluation.params["as_of"] = options.as_of;
        std::vector<Result> results;
        try {
            resolve_parameters(d, in, options, run, evaluation);
            results = evaluate(d, host, evaluation);
        } catch (const Error& e) {
            results = {
                error_result(d.id, "check '" + d.id + "' could not be evaluated: " + e.what())};
        }
        run.views = connection.take_views_read();
        if (!connection.in_snapshot())
            throw Error(ErrorCode::kInternal, "check '" + d.id +
                                                  "' ended the run's read transaction; the "
                                                  "results would mix two states of the store");
        for (auto& r : results) {
            r.title = d.title;
            r.severity = d.severity;
            r.requirement_ids = run.requirement_ids;
            r.remedy = d.remedy;
            report.results.push_back(std::move(r));
        }
        report.checks.push_back(std::move(run));
    }
    apply_waivers(report, all_waivers(in.waivers, options.extra_waivers), library);
    std::stable_sort(
        report.results.begin(), report.results.end(), [](const Result& a, const Result& b) {
            return std::tie(a.check_id, a.subject_id, a.subject_type, a.status, a.message) <
                   std::tie(b.check_id, b.subject_id, b.subject_type, b.status, b.message);
        });
    return report;
}

}  // namespace ims::checks
