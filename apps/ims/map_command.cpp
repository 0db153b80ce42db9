// `ims map REQUIREMENT`: what a requirement relates to in every installed standard, with the
// relation, each path it came by, and the rationale and provenance of every hop.
#include "cli.hpp"
#include "ims/core/mappings.hpp"

namespace ims::cli {
namespace {

int run_map(Invocation& inv, const QCommandLineParser& parser);

}  // namespace

const Command& map_command() {
    static const Command kCommand{
        .name = "map",
        .summary = "show how a requirement relates to other standards",
        .forms = {"REQUIREMENT"},
        .description =
            R"(Lists what REQUIREMENT (e.g. iso27001:2022/10.2) relates to in every installed
standard: the relation (equal, subset, superset, intersect; NIST OLIR types), and every path it
came by, directly or through pivots such as the Harmonized Structure (hs/...). A relation
through several hops is only as strong as its weakest hop: subset and intersect never become
equal. With --format json each hop carries its rationale, provenance and plugin. It needs no
store.
)",
        .options = {{.name = "max-hops",
                     .value_name = "N",
                     .help = "follow at most N relations, from 1 to 6",
                     .default_value = "3"},
                    kFormatOption,
                    kPluginPathOption},
        .examples = {"ims map iso27001:2022/10.2"},
        .run = run_map,
    };
    return kCommand;
}

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

int run_map(Invocation& inv, const QCommandLineParser& parser) {
    const Format format = format_of(parser);
    bool ok = false;
    int max_hops = parser.value("max-hops").toInt(&ok);
    if (!ok || max_hops < 1 || max_hops > 6)
        throw UsageError{"--max-hops expects a number from 1 to 6, got '" +
                         to_std(parser.value("max-hops")) + "'"};

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
        print_json(
            inv, {{"requirement", {{"id", id}, {"title", requirement->title}}}, {"related", list}});
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

}  // namespace
}  // namespace ims::cli
