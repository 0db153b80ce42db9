#include "ims/core/catalog.hpp"

#include "formats/json_reader.hpp"
#include "ims/core/error.hpp"
#include "ims/core/store.hpp"
#include "util/sha256.hpp"

#include <algorithm>
#include <set>

namespace ims::catalog {
namespace {

const std::set<std::string> kKinds = {"clause",  "theme",   "objective", "control", "chapter",
                                      "section", "article", "condition", "part"};

Requirement read_requirement(const formats::JsonObject& r, const std::string& standard_id,
                             const std::set<std::string>& earlier) {
    Requirement req;
    req.ref = r.required_string("ref");
    if (req.ref.find_first_of(" /\t\n") != std::string::npos)
        r.fail("ref", "expected a reference without spaces or '/', got \"" + req.ref + "\"");
    if (earlier.count(req.ref)) r.fail("ref", "duplicate ref \"" + req.ref + "\"");
    req.id = standard_id + "/" + req.ref;
    req.parent_ref = r.optional_string("parent").value_or("");
    if (!req.parent_ref.empty() && !earlier.count(req.parent_ref))
        r.fail("parent", "parent \"" + req.parent_ref + "\" is not a ref listed before this entry");
    req.kind = r.required_string("kind");
    if (!kKinds.count(req.kind))
        r.fail("kind",
               "expected one of clause, theme, objective, control, chapter, section, "
               "article, condition, part; got \"" +
                   req.kind + "\"");
    req.title = r.required_string("title");
    req.summary = r.optional_string("summary").value_or("");
    req.text = r.optional_string("text").value_or("");
    if (auto attributes = r.optional_object("attributes"); attributes && !attributes->raw().empty())
        req.attributes = attributes->raw().dump();
    return req;
}

}  // namespace

Standard load_catalog(const std::string& path) {
    return parse_catalog(formats::read_text_file(path), path);
}

Standard parse_catalog(std::string_view bytes, const std::string& path) {
    nlohmann::json doc = formats::parse_json(bytes, path);
    formats::JsonObject root(doc, path, "");
    std::string format = root.required_string("format");
    if (format != "ims-catalog/1")
        root.fail("format", "expected \"ims-catalog/1\", got \"" + format + "\"");
    auto standard = root.optional_object("standard");
    if (!standard) root.fail("standard", "required object 'standard' is missing");

    Standard s;
    s.id = standard->required_string("id");
    s.short_title = standard->required_string("short_title");
    s.title = standard->optional_string("title").value_or(s.short_title);
    s.publisher = standard->optional_string("publisher").value_or("");
    s.published = standard->optional_string("published").value_or("");
    s.source = standard->optional_string("source").value_or("");
    s.file = path;
    s.content_sha256 = util::sha256_hex(bytes);

    std::set<std::string> refs;
    for (const auto& r : root.object_array("requirements")) {
        s.requirements.push_back(read_requirement(r, s.id, refs));
        refs.insert(s.requirements.back().ref);
    }
    if (s.requirements.empty())
        root.fail("requirements", "a catalog needs at least one requirement");
    return s;
}

Library::Library(const plugins::PluginHost& host) {
    for (const auto& plugin : host.plugins()) {
        if (!plugin.loaded()) continue;
        for (const auto& file : plugin.manifest.catalogs) {
            try {
                Standard s = load_catalog(plugin.path_of(file));
                s.plugin_id = plugin.manifest.id;
                s.plugin_version = plugin.manifest.version;
                const auto& provides = plugin.manifest.provides;
                if (std::find(provides.begin(), provides.end(), s.id) == provides.end()) {
                    problems_.push_back("plugin '" + plugin.manifest.id + "': catalog " + file +
                                        " is for '" + s.id +
                                        "', which the manifest does not list in 'provides'");
                    continue;
                }
                if (const Standard* other = find(s.id)) {
                    problems_.push_back("plugin '" + plugin.manifest.id + "': standard '" + s.id +
                                        "' is already provided by plugin '" + other->plugin_id +
                                        "'");
                    continue;
                }
                standards_.push_back(std::move(s));
            } catch (const Error& e) {
                problems_.push_back("plugin '" + plugin.manifest.id + "': " + e.what());
            }
        }
    }
    for (const auto& standard : standards_)
        for (const auto& r : standard.requirements) requirements_.emplace(r.id, &r);
}

const Standard* Library::find(const std::string& standard_id) const {
    for (const auto& s : standards_)
        if (s.id == standard_id) return &s;
    return nullptr;
}

const Requirement* Library::find_requirement(const std::string& requirement_id) const {
    auto it = requirements_.find(requirement_id);
    return it == requirements_.end() ? nullptr : it->second;
}

void sync_standard(store::WriteTxn& txn, const Standard& s) {
    nlohmann::json standard = {{"id", s.id},
                               {"short_title", s.short_title},
                               {"title", s.title},
                               {"plugin_id", s.plugin_id},
                               {"plugin_version", s.plugin_version},
                               {"content_sha256", s.content_sha256}};
    // Optional in a catalog; the store holds NULL, not an empty text, for one that is absent.
    for (const auto& [field, value] :
         {std::pair{"publisher", &s.publisher}, {"published", &s.published}, {"source", &s.source}})
        if (!value->empty()) standard[field] = *value;
    txn.put("standard", standard);
    int64_t position = 0;
    for (const auto& r : s.requirements) {
        nlohmann::json row = {{"id", r.id},     {"standard_id", s.id}, {"ref", r.ref},
                              {"kind", r.kind}, {"title", r.title},    {"position", position++}};
        if (!r.parent_ref.empty()) row["parent_id"] = s.id + "/" + r.parent_ref;
        if (!r.summary.empty()) row["summary"] = r.summary;
        txn.put("requirement", row);
    }
}

}  // namespace ims::catalog
