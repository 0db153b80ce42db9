// `ims catalog STANDARD`: the requirements of an installed standard.
#include "cli.hpp"

namespace ims::cli {
namespace {

int run_catalog(Invocation& inv, const QCommandLineParser& parser);

}  // namespace

const Command& catalog_command() {
    static const Command kCommand{
        .name = "catalog",
        .summary = "show the requirements of an installed standard",
        .forms = {"STANDARD"},
        .description =
            R"(Prints the requirements of STANDARD as its plugin ships it, in document order: as an
indented tree of refs and titles (text), or with ids, kinds, parents, our one-line summaries
and attributes (json). It needs no store.
)",
        .options = {kFormatOption, kPluginPathOption},
        .examples = {"ims catalog iso27001:2022 --format json"},
        .run = run_catalog,
    };
    return kCommand;
}

namespace {

int run_catalog(Invocation& inv, const QCommandLineParser& parser) {
    const Format format = format_of(parser);
    Installed installed(parser, inv);
    const catalog::Standard* s = &installed.standard(to_std(parser.positionalArguments()[0]));
    if (format == Format::kJson) {
        nlohmann::json reqs = nlohmann::json::array();
        for (const auto& r : s->requirements) {
            nlohmann::json j = {{"id", r.id}, {"ref", r.ref}, {"kind", r.kind}, {"title", r.title}};
            j["parent"] = r.parent_ref.empty() ? nlohmann::json(nullptr)
                                               : nlohmann::json(s->id + "/" + r.parent_ref);
            if (!r.summary.empty()) j["summary"] = r.summary;
            if (!r.text.empty()) j["text"] = r.text;
            if (!r.attributes.empty()) j["attributes"] = nlohmann::json::parse(r.attributes);
            reqs.push_back(j);
        }
        print_json(inv, {{"standard",
                          {{"id", s->id},
                           {"short_title", s->short_title},
                           {"title", s->title},
                           {"publisher", s->publisher},
                           {"published", s->published},
                           {"plugin", s->plugin_id},
                           {"plugin_version", s->plugin_version},
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
        inv.out << std::string(static_cast<std::size_t>(2 * d), ' ') << r.ref << "  " << r.title
                << "\n";
    }
    return kExitOk;
}

}  // namespace
}  // namespace ims::cli
