// The manifest gate: everything the host can check about a plugin before running any of its code.
#include "ims/core/error.hpp"
#include "ims/core/plugins.hpp"
#include "formats/json_reader.hpp"
#include "plugins/version.hpp"
#include "util/sha256.hpp"

#include <filesystem>
#include <regex>

namespace ims::plugins {
namespace {

const std::string kHostAbi = host_abi();

Manifest read_manifest(const formats::JsonObject& root) {
    Manifest m;
    std::string format = root.required_string("format");
    if (format != "ims-plugin/1")
        root.fail("format", "expected \"ims-plugin/1\", got \"" + format + "\"");
    m.id = root.required_string("id");
    static const std::regex kId("[a-z0-9][a-z0-9_.-]{0,63}");
    if (!std::regex_match(m.id, kId))
        root.fail("id", "expected lower-case letters, digits, '_', '.' or '-' (at most 64), got \"" +
                            m.id + "\"");
    m.name = root.required_string("name");
    m.version = root.required_string("version");
    if (!parse_version(m.version))
        root.fail("version", "expected a version like \"1.2.3\", got \"" + m.version + "\"");
    m.sdk_abi = root.required_string("sdk_abi");
    m.platform = root.optional_string("platform").value_or("");
    m.license = root.optional_string("license").value_or("");
    m.notice = root.optional_string("notice").value_or("");
    m.provides = root.string_array("provides");
    for (const auto& dep : root.object_array("requires")) {
        Dependency d{dep.required_string("id"), dep.optional_string("version").value_or("*")};
        if (!satisfies(Version{}, d.range))
            dep.fail("version", "expected a version range like \">=1.0.0 <2.0.0\", got \"" +
                                    d.range + "\"");
        m.requires_.push_back(std::move(d));
    }
    if (auto library = root.optional_object("library")) {
        m.library = LibraryRef{library->required_string("file"), library->required_string("sha256")};
        static const std::regex kSha("[0-9a-f]{64}");
        if (!std::regex_match(m.library->sha256, kSha))
            library->fail("sha256", "expected 64 lower-case hex digits");
        if (m.library->file.find('/') != std::string::npos)
            library->fail("file", "expected a file name inside the plugin folder, without '/'");
    }
    m.catalogs = root.string_array("catalogs");
    m.mappings = root.string_array("mappings");
    m.checks = root.string_array("checks");
    return m;
}

std::optional<std::string> check_abi(const Manifest& m) {
    auto abi = parse_version(m.sdk_abi);
    static const std::regex kAbi("[0-9]+\\.[0-9]+");
    if (!abi || !std::regex_match(m.sdk_abi, kAbi))
        return "plugin '" + m.id + "' declares sdk_abi \"" + m.sdk_abi +
               "\", which is not MAJOR.MINOR; this host provides " + kHostAbi;
    if (abi->major != IMS_SDK_ABI_MAJOR || abi->minor > IMS_SDK_ABI_MINOR)
        return "plugin '" + m.id + "' needs SDK ABI " + m.sdk_abi + "; this host provides " + kHostAbi;
    return std::nullopt;
}

std::optional<std::string> check_files(const std::string& dir, const Manifest& m) {
    namespace fs = std::filesystem;
    for (const auto* list : {&m.catalogs, &m.mappings, &m.checks}) {
        for (const auto& file : *list) {
            if (file.find("..") != std::string::npos || (!file.empty() && file[0] == '/'))
                return "plugin '" + m.id + "': data file '" + file +
                       "' must be a path inside the plugin folder";
            if (!fs::is_regular_file(dir + "/" + file))
                return "plugin '" + m.id + "': data file '" + file +
                       "' listed in plugin.json is missing from " + dir;
        }
    }
    if (!m.library) return std::nullopt;
    if (m.platform != host_platform())
        return "plugin '" + m.id + "' is built for " +
               (m.platform.empty() ? std::string("an unnamed platform") : m.platform) +
               "; this host runs on " + host_platform();
    std::string path = dir + "/" + m.library->file;
    if (!fs::is_regular_file(path))
        return "plugin '" + m.id + "': its library " + m.library->file + " is missing from " + dir;
    std::string actual = util::sha256_file(path);
    if (actual != m.library->sha256)
        return "plugin '" + m.id + "': library " + m.library->file + " has sha256 " + actual +
               " but its manifest expects " + m.library->sha256 +
               "; the file changed after the plugin was built, so rebuild or reinstall the plugin";
    return std::nullopt;
}

}  // namespace

std::string host_platform() { return IMS_HOST_PLATFORM; }

std::string host_abi() { return std::to_string(IMS_SDK_ABI_MAJOR) + "." + std::to_string(IMS_SDK_ABI_MINOR); }

Manifest parse_manifest(std::string_view text, const std::string& source) {
    nlohmann::json doc = formats::parse_json(text, source);
    return read_manifest(formats::JsonObject(doc, source, ""));
}

std::optional<std::string> check_manifest(const std::string& dir, Manifest& out) {
    std::string file = dir + "/plugin.json";
    try {
        out = parse_manifest(formats::read_text_file(file), file);
    } catch (const Error& e) {
        return "plugin at " + dir + " has an invalid manifest: " + e.what();
    }
    if (auto refusal = check_abi(out)) return refusal;
    try {
        return check_files(dir, out);
    } catch (const Error& e) {
        return "plugin '" + out.id + "': " + e.what();
    }
}

}  // namespace ims::plugins
