// `ims map REQUIREMENT`: what a requirement relates to in every installed standard, with the
// relation, each path it came by, and the rationale and provenance of every hop.
#include "cli.hpp"
#include "ims/core/mappings.hpp"

namespace ims::cli {
namespace {

std::string title_of(const catalog::Library& library, const std::string& id) {
    const catalog::Requirement* r = library.find_requirement(id);
    return r ? r->title : "";
}

nlohmann::json path_json(const mappings::Path& path) {
    nlohmann::json hops = nlohmann::json::array();
    for (const auto& hop : path.hops)
        hops.push_back({{"from", hop.source},
                        {"to", hop.target},
                        {"relation", mappings::to_string(hop.relation)},
                        {"stated", hop.reversed ? "reverse" : "forward"},
                        {"rationale", hop.rationale},
                        {"provenance", hop.provenance},
                        {"plugin", hop.plugin_id}});
    return {{"relation", mappings::to_string(path.relation)}, {"hops", hops}};
}

}  // namespace

int run_map(Invocation& inv) {
    QCommandLineParser parser;
    add_format_option(parser);
    add_plugin_path_option(parser);
    parser.addOption({"max-hops", "Follow at most N relations (default 3).", "N", "3"});
    if (!parse(parser, inv, 1, 1)) return kExitOk;
    const Format format = format_of(parser);
    bool ok = false;
    int max_hops = parser.value("max-hops").toInt(&ok);
    if (!ok || max_hops < 1 || max_hops > 6)
        throw UsageError{"--max-hops expects a number from 1 to 6, got '" + to_std(parser.value("max-hops")) + "'"};

    Installed installed(parser, inv);
    const catalog::Library& library = installed.library;
    const mappings::MappingGraph graph = load_mappings(installed, inv);

    const std::string id = to_std(parser.positionalArguments()[0]);
    const catalog::Requirement* requirement = library.find_requirement(id);
    if (requirement == nullptr)
        throw UsageError{"no installed catalog has requirement '" + id +
                         "'; ids look like iso27001:2022/A.8.13 (see 'ims catalog STANDARD')"};
    auto related = graph.related(id, max_hops);

    if (format == Format::kJson) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& r : related) {
            nlohmann::json paths = nlohmann::json::array();
            for (const auto& p : r.paths) paths.push_back(path_json(p));
            list.push_back({{"id", r.requirement_id},
                            {"standard", r.standard_id},
                            {"title", title_of(library, r.requirement_id)},
                            {"relation", mappings::to_string(r.relation)},
                            {"paths", paths}});
        }
        print_json(inv, {{"requirement", {{"id", id}, {"title", requirement->title}}},
                         {"related", list}});
        return kExitOk;
    }
    inv.out << id << "  " << requirement->title << "\n";
    if (related.empty()) inv.out << "  no relations to other installed standards\n";
    for (const auto& r : related) {
        std::string relation(mappings::to_string(r.relation));
        inv.out << "  " << relation << std::string(10 - relation.size(), ' ') << r.requirement_id
                << "  " << title_of(library, r.requirement_id) << "\n";
        for (const auto& p : r.paths) {
            inv.out << "            via " << id;
            for (const auto& hop : p.hops)
                inv.out << " -" << mappings::to_string(hop.relation) << "-> " << hop.target;
            inv.out << "\n";
        }
    }
    return kExitOk;
}

}  // namespace ims::cli
