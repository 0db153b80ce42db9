// `ims coverage STORE`: per adopted standard, what the implemented controls and their current
// evidence cover, directly or through mappings, with totals per standard and per clause/theme.
#include "coverage_output.hpp"
#include "ims/core/store.hpp"

namespace ims::cli {

int run_coverage(Invocation& inv) {
    QCommandLineParser parser;
    add_coverage_options(parser);
    parser.addOption({"standard", "Only this adopted standard.", "ID"});
    if (!parse(parser, inv, 1, 1)) return kExitOk;
    const Format format = format_of(parser);
    const std::string as_of = as_of_of(parser);
    const std::string path = to_std(parser.positionalArguments()[0]);
    store::Store::open(path, store::Store::Mode::kReadOnly);  // refuses what is not a store

    auto host = load_plugins(parser, inv);
    catalog::Library library(host);
    warn_about_plugins(host, library, inv);
    mappings::MappingGraph graph(host, library);

    std::vector<std::string> ids = coverage::adopted_standards(path);
    if (parser.isSet("standard")) {
        std::string wanted = to_std(parser.value("standard"));
        if (std::find(ids.begin(), ids.end(), wanted) == ids.end())
            throw UsageError{path + " has not adopted '" + wanted + "'; see 'ims adopt' or 'ims gap --adopt'"};
        ids = {wanted};
    }
    nlohmann::json standards = nlohmann::json::array();
    for (const auto& id : ids) {
        const catalog::Standard* s = library.find(id);
        if (s == nullptr) {
            inv.err << "ims: warning: " << path << " adopted '" << id
                    << "', but no installed plugin provides it; skipped\n";
            continue;
        }
        auto cov = coverage::compute(path, *s, library, graph, as_of);
        if (format == Format::kJson) {
            nlohmann::json groups = nlohmann::json::array(), reqs = nlohmann::json::array();
            for (const auto& [group, totals] : cov.groups)
                groups.push_back({{"id", group->id}, {"title", group->title}, {"totals", totals_json(totals)}});
            for (const auto& rc : cov.requirements) reqs.push_back(requirement_json(rc));
            standards.push_back({{"id", s->id}, {"title", s->short_title}, {"totals", totals_json(cov.totals)},
                                 {"groups", groups}, {"requirements", reqs}});
            continue;
        }
        inv.out << s->short_title << ": " << cov.totals.full << " fully, " << cov.totals.partial
                << " partially, " << cov.totals.none << " not covered (leaf requirements, as of "
                << as_of << ")\n";
        for (const auto& [group, t] : cov.groups)
            inv.out << "  " << group->ref << " " << group->title << ": " << t.full << " full, "
                    << t.partial << " partial, " << t.none << " none\n";
        for (const auto& rc : cov.requirements) {
            if (rc.sources.empty()) continue;
            inv.out << "  " << coverage::to_string(rc.level) << "  " << rc.requirement->id << "  "
                    << rc.requirement->title << "\n";
            print_sources(inv, rc, "      ");
        }
    }
    if (format == Format::kJson) print_json(inv, {{"store", path}, {"as_of", as_of}, {"standards", standards}});
    return kExitOk;
}

}  // namespace ims::cli
