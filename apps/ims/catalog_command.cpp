// `ims catalog STANDARD`: the requirements of an installed standard.
#include "cli.hpp"

namespace ims::cli {

int run_catalog(Invocation& inv) {
    QCommandLineParser parser;
    add_format_option(parser);
    add_plugin_path_option(parser);
    if (!parse(parser, inv, 1, 1)) return kExitOk;
    const Format format = format_of(parser);
    Installed installed(parser, inv);
    const catalog::Standard* s = &installed.standard(to_std(parser.positionalArguments()[0]));
    if (format == Format::kJson) {
        nlohmann::json reqs = nlohmann::json::array();
        for (const auto& r : s->requirements) {
            nlohmann::json j = {{"id", r.id}, {"ref", r.ref}, {"kind", r.kind}, {"title", r.title}};
            j["parent"] = r.parent_ref.empty() ? nlohmann::json(nullptr) : nlohmann::json(s->id + "/" + r.parent_ref);
            if (!r.summary.empty()) j["summary"] = r.summary;
            if (!r.text.empty()) j["text"] = r.text;
            if (!r.attributes.empty()) j["attributes"] = nlohmann::json::parse(r.attributes);
            reqs.push_back(j);
        }
        print_json(inv, {{"standard", {{"id", s->id}, {"short_title", s->short_title}, {"title", s->title},
                                       {"publisher", s->publisher}, {"published", s->published},
                                       {"plugin", s->plugin_id}, {"plugin_version", s->plugin_version},
                                       {"content_sha256", s->content_sha256}}},
                         {"requirements", reqs}});
        return kExitOk;
    }
    inv.out << s->short_title << " — " << s->title << " (plugin " << s->plugin_id << " "
            << s->plugin_version << ", " << s->requirements.size() << " entries)\n";
    std::map<std::string, int> depth;
    for (const auto& r : s->requirements) {
        int d = r.parent_ref.empty() ? 0 : depth[r.parent_ref] + 1;
        depth[r.ref] = d;
        inv.out << std::string(static_cast<std::size_t>(2 * d), ' ') << r.ref << "  " << r.title << "\n";
    }
    return kExitOk;
}

}  // namespace ims::cli
