// Discovery, dependency order, loading through Boost.DLL and the descriptor gate.
#include "ims/core/error.hpp"
#include "ims/core/plugins.hpp"
#include "plugins/version.hpp"

// Boost 1.74's library_info.hpp uses std::vector without including it.
#include <vector>
#include <boost/dll/shared_library.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

namespace ims::plugins {
namespace fs = std::filesystem;
namespace {

const std::string kHostAbi = host_abi();

// Size of the first (1.0) layout of each struct: a plugin may hand us a larger one, never smaller.
constexpr std::size_t kMinDescriptorSize = offsetof(ims_plugin_v1, check_count) + sizeof(size_t);
constexpr std::size_t kMinCheckSize = offsetof(ims_check_v1, run) + sizeof(void*);

std::string view(ims_str s) { return s.data ? std::string(s.data, s.size) : std::string(); }

void discover(const std::string& path, std::vector<std::string>& dirs) {
    std::error_code ec;
    if (fs::is_regular_file(fs::path(path) / "plugin.json", ec)) {
        dirs.push_back(fs::weakly_canonical(path, ec).string());
        return;
    }
    if (!fs::is_directory(path, ec)) return;
    std::vector<std::string> found;
    for (const auto& entry : fs::directory_iterator(path, ec))
        if (entry.is_directory(ec) && fs::is_regular_file(entry.path() / "plugin.json", ec))
            found.push_back(fs::weakly_canonical(entry.path(), ec).string());
    std::sort(found.begin(), found.end());
    dirs.insert(dirs.end(), found.begin(), found.end());
}

std::optional<std::string> descriptor_gate(const Plugin& p, const ims_plugin_v1* d) {
    const std::string& id = p.manifest.id;
    if (d == nullptr)
        return "plugin '" + id + "' declined this host: its entry point returned no descriptor for SDK ABI " +
               kHostAbi;
    if (d->struct_size < kMinDescriptorSize)
        return "plugin '" + id + "' returned a descriptor of " + std::to_string(d->struct_size) +
               " bytes; SDK ABI " + kHostAbi + " descriptors are at least " +
               std::to_string(kMinDescriptorSize) + " bytes";
    if (d->abi_major != IMS_SDK_ABI_MAJOR || d->abi_minor > IMS_SDK_ABI_MINOR)
        return "plugin '" + id + "' was built for SDK ABI " + std::to_string(d->abi_major) + "." +
               std::to_string(d->abi_minor) + "; this host provides " + kHostAbi;
    if (view(d->id) != id || view(d->version) != p.manifest.version)
        return "plugin '" + id + "': its library says it is '" + view(d->id) + "' " +
               view(d->version) + " but its manifest says '" + id + "' " + p.manifest.version;
    if (d->check_count > 0 && d->checks == nullptr)
        return "plugin '" + id + "' declares " + std::to_string(d->check_count) +
               " native checks but no check table";
    for (size_t i = 0; i < d->check_count; ++i) {
        const ims_check_v1& c = d->checks[i];
        if (c.struct_size < kMinCheckSize || c.run == nullptr || c.id.size == 0)
            return "plugin '" + id + "': native check #" + std::to_string(i) +
                   " is malformed (struct_size " + std::to_string(c.struct_size) +
                   ", needs an id and a run function)";
    }
    return std::nullopt;
}

void load_library(Plugin& p) {
    const std::string path = p.path_of(p.manifest.library->file);
    std::shared_ptr<boost::dll::shared_library> library;
    try {
        library = std::make_shared<boost::dll::shared_library>(
            path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
    } catch (const std::exception& e) {
        p.error = "plugin '" + p.manifest.id + "': cannot load " + p.manifest.library->file + ": " +
                  e.what();
        return;
    }
    if (!library->has(IMS_PLUGIN_ENTRY_V1_NAME)) {
        p.error = "plugin '" + p.manifest.id + "': " + p.manifest.library->file +
                  " does not export " + IMS_PLUGIN_ENTRY_V1_NAME +
                  "; this host provides SDK ABI " + kHostAbi + " and needs that entry point";
        return;
    }
    auto& entry = library->get<const ims_plugin_v1*(uint16_t, uint16_t)>(IMS_PLUGIN_ENTRY_V1_NAME);
    const ims_plugin_v1* descriptor = entry(IMS_SDK_ABI_MAJOR, IMS_SDK_ABI_MINOR);
    if (auto refusal = descriptor_gate(p, descriptor)) {
        p.error = *refusal;
        return;
    }
    p.descriptor = descriptor;
    p.library = library;
}

class Loader {
public:
    explicit Loader(std::vector<Plugin>& plugins) : plugins_(plugins) {
        // The first plugin of each id, refused or not, so that a dependency on a refused plugin
        // says "refused" rather than "not installed".
        for (std::size_t i = 0; i < plugins_.size(); ++i) by_id_.emplace(plugins_[i].manifest.id, i);
    }

    void resolve(std::size_t i) {
        Plugin& p = plugins_[i];
        if (done_.count(i) || !p.error.empty()) return;
        if (!visiting_.insert(i).second) {
            p.error = "plugin '" + p.manifest.id + "' is part of a dependency cycle";
            return;
        }
        for (const auto& dep : p.manifest.requires_) {
            if (auto refusal = check_dependency(p, dep)) {
                p.error = *refusal;
                break;
            }
        }
        visiting_.erase(i);
        done_.insert(i);
        if (!p.error.empty()) return;
        if (p.manifest.library) load_library(p);
        if (p.error.empty()) p.state = PluginState::kLoaded;
    }

private:
    std::optional<std::string> check_dependency(const Plugin& p, const Dependency& dep) {
        std::string needs = "plugin '" + p.manifest.id + "' needs plugin '" + dep.id + "' " + dep.range;
        auto it = by_id_.find(dep.id);
        if (it == by_id_.end()) return needs + ", which is not installed";
        if (visiting_.count(it->second))
            return "plugin '" + p.manifest.id + "' and plugin '" + dep.id +
                   "' require each other (a dependency cycle)";
        resolve(it->second);
        const Plugin& target = plugins_[it->second];
        if (!target.loaded()) return needs + ", which was refused";
        auto version = parse_version(target.manifest.version);
        if (!satisfies(*version, dep.range).value_or(false))
            return needs + "; this host has '" + dep.id + "' " + target.manifest.version;
        return std::nullopt;
    }

    std::vector<Plugin>& plugins_;
    std::map<std::string, std::size_t> by_id_;
    std::set<std::size_t> visiting_, done_;
};

}  // namespace

std::vector<std::string> search_paths(const std::vector<std::string>& explicit_paths,
                                      const std::string& application_dir) {
    std::vector<std::string> paths;
    for (const auto& path : explicit_paths) {
        if (!fs::exists(path))
            throw Error(ErrorCode::kNotFound, "--plugin-path " + path + ": no such file or directory");
        paths.push_back(path);
    }
    if (const char* env = std::getenv("IMS_PLUGIN_PATH")) {
        std::stringstream in(env);
        std::string item;
        while (std::getline(in, item, ':'))
            if (!item.empty()) paths.push_back(item);
    }
    // The install layout, which the build tree mirrors (bin/ims, lib/ims/plugins/<id>).
    if (!application_dir.empty()) paths.push_back(application_dir + "/../lib/ims/plugins");
    return paths;
}

PluginHost::PluginHost(const std::vector<std::string>& paths) {
    std::vector<std::string> dirs;
    for (const auto& path : paths) discover(path, dirs);

    std::map<std::string, std::string> first_dir_of;
    std::set<std::string> seen_dirs;
    for (const auto& dir : dirs) {
        if (!seen_dirs.insert(dir).second) continue;
        Plugin p;
        p.dir = dir;
        if (auto refusal = check_manifest(dir, p.manifest)) {
            if (p.manifest.id.empty()) p.manifest.id = fs::path(dir).filename().string();
            p.error = *refusal;
        } else if (auto [it, inserted] = first_dir_of.emplace(p.manifest.id, dir); !inserted) {
            p.error = "plugin '" + p.manifest.id + "' at " + dir + " is ignored: '" +
                      p.manifest.id + "' is already installed at " + it->second;
        }
        plugins_.push_back(std::move(p));
    }
    Loader loader(plugins_);
    for (std::size_t i = 0; i < plugins_.size(); ++i) loader.resolve(i);
}

const Plugin* PluginHost::find(const std::string& id) const {
    for (const auto& p : plugins_)
        if (p.manifest.id == id) return &p;
    return nullptr;
}

const Plugin* PluginHost::provider_of(const std::string& standard_id) const {
    for (const auto& p : plugins_) {
        if (!p.loaded()) continue;
        for (const auto& s : p.manifest.provides)
            if (s == standard_id) return &p;
    }
    return nullptr;
}

}  // namespace ims::plugins
