#include "ims/core/mappings.hpp"

#include "ims/core/error.hpp"
#include "formats/json_reader.hpp"

#include <algorithm>
#include <functional>
#include <set>

namespace ims::mappings {
namespace {

Relation parse_relation(const formats::JsonObject& row) {
    std::string value = row.required_string("relation");
    if (value == "equal") return Relation::kEqual;
    if (value == "subset") return Relation::kSubset;
    if (value == "superset") return Relation::kSuperset;
    if (value == "intersect") return Relation::kIntersect;
    row.fail("relation", "expected equal, subset, superset or intersect; got \"" + value + "\"");
}

int strength(Relation r) {
    switch (r) {
        case Relation::kEqual: return 3;
        case Relation::kSubset:
        case Relation::kSuperset: return 2;
        case Relation::kIntersect: return 1;
    }
    return 0;
}

std::set<std::string> requirement_ids(const catalog::Library& library) {
    std::set<std::string> ids;
    for (const auto& s : library.standards())
        for (const auto& r : s.requirements) ids.insert(r.id);
    return ids;
}

}  // namespace

std::string_view to_string(Relation relation) {
    switch (relation) {
        case Relation::kEqual: return "equal";
        case Relation::kSubset: return "subset";
        case Relation::kSuperset: return "superset";
        case Relation::kIntersect: return "intersect";
    }
    return "intersect";
}

Relation reverse(Relation relation) {
    if (relation == Relation::kSubset) return Relation::kSuperset;
    if (relation == Relation::kSuperset) return Relation::kSubset;
    return relation;
}

Relation compose(Relation first, Relation second) {
    if (first == Relation::kEqual) return second;
    if (second == Relation::kEqual) return first;
    if (first == second && first != Relation::kIntersect) return first;
    return Relation::kIntersect;
}

std::string standard_of(const std::string& requirement_id) {
    return requirement_id.substr(0, requirement_id.find('/'));
}

std::vector<MappingRow> parse_mapping(std::string_view text, const std::string& source,
                                      const std::string& plugin_id) {
    nlohmann::json doc = formats::parse_json(text, source);
    formats::JsonObject root(doc, source, "");
    std::string format = root.required_string("format");
    if (format != "ims-mapping/1")
        root.fail("format", "expected \"ims-mapping/1\", got \"" + format + "\"");
    std::string provenance = root.required_string("provenance");
    std::vector<MappingRow> rows;
    for (const auto& row : root.object_array("relations")) {
        Edge edge{row.required_string("source"),
                  row.required_string("target"),
                  parse_relation(row),
                  row.optional_string("rationale").value_or(""),
                  provenance,
                  plugin_id,
                  false};
        rows.push_back({std::move(edge), row.pointer_to("")});
    }
    return rows;
}

MappingGraph::MappingGraph(const plugins::PluginHost& host, const catalog::Library& library) {
    const std::set<std::string> known = requirement_ids(library);
    for (const auto& plugin : host.plugins()) {
        if (!plugin.loaded()) continue;
        for (const auto& file : plugin.manifest.mappings) {
            const std::string path = plugin.path_of(file);
            try {
                std::vector<Edge> edges;  // a file with a bad row contributes nothing
                for (auto& [edge, pointer] :
                     parse_mapping(formats::read_text_file(path), path, plugin.manifest.id)) {
                    // A row towards a standard that is not installed is skipped: mappings to
                    // optional standards must not break a plugin. A ref the installed catalog
                    // does not have is an error in the mapping file.
                    if (!library.find(standard_of(edge.source)) || !library.find(standard_of(edge.target)))
                        continue;
                    for (const auto* field : {"source", "target"}) {
                        const std::string& id = std::string(field) == "source" ? edge.source : edge.target;
                        if (!known.count(id))
                            throw Error(ErrorCode::kInvalidInput,
                                        path + ": " + pointer + field + ": requirement '" + id +
                                            "' is not in the installed catalog of '" +
                                            standard_of(id) + "'");
                    }
                    edges.push_back(std::move(edge));
                }
                for (auto& edge : edges) {
                    Edge back{edge.target, edge.source, reverse(edge.relation), edge.rationale,
                              edge.provenance, edge.plugin_id, true};
                    out_[back.source].push_back(std::move(back));
                    out_[edge.source].push_back(std::move(edge));
                    ++edge_count_;
                }
            } catch (const Error& e) {
                problems_.push_back("plugin '" + plugin.manifest.id + "': " + e.what());
            }
        }
    }
}

std::vector<Related> MappingGraph::related(const std::string& requirement_id, int max_hops) const {
    std::map<std::string, Related> found;
    Path path;
    std::set<std::string> standards_on_path{standard_of(requirement_id)};

    // Depth-first over simple paths; each standard at most once on a path.
    std::function<void(const std::string&)> walk = [&](const std::string& at) {
        auto it = out_.find(at);
        if (it == out_.end()) return;
        for (const Edge& edge : it->second) {
            std::string standard = standard_of(edge.target);
            if (standards_on_path.count(standard)) continue;
            Relation before = path.relation;
            path.hops.push_back(edge);
            path.relation = path.hops.size() == 1 ? edge.relation : compose(before, edge.relation);
            Related& r = found[edge.target];
            r.requirement_id = edge.target;
            r.standard_id = standard;
            r.paths.push_back(path);
            if (static_cast<int>(path.hops.size()) < max_hops) {
                standards_on_path.insert(standard);
                walk(edge.target);
                standards_on_path.erase(standard);
            }
            path.hops.pop_back();
            path.relation = before;
        }
    };
    walk(requirement_id);

    std::vector<Related> out;
    for (auto& [id, r] : found) {
        std::stable_sort(r.paths.begin(), r.paths.end(), [](const Path& a, const Path& b) {
            if (a.hops.size() != b.hops.size()) return a.hops.size() < b.hops.size();
            return strength(a.relation) > strength(b.relation);
        });
        r.relation = r.paths.front().relation;
        for (const auto& p : r.paths)
            if (strength(p.relation) > strength(r.relation)) r.relation = p.relation;
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace ims::mappings
