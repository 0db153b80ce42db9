// Discovery, dependency order, and loading a native library on demand.
#include "ims/core/error.hpp"
#include "ims/core/plugins.hpp"
#include "plugins/native_library.hpp"
#include "plugins/version.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

namespace ims::plugins {
namespace fs = std::filesystem;
namespace {

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

class Resolver {
public:
    explicit Resolver(std::vector<Plugin>& plugins) : plugins_(plugins) {
        // The first plugin of each id, refused or not, so that a dependency on a refused plugin
        // says "refused" rather than "not installed".
        for (std::size_t i = 0; i < plugins_.size(); ++i)
            by_id_.emplace(plugins_[i].manifest.id, i);
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
        if (p.error.empty()) p.state = PluginState::kLoaded;
    }

private:
    std::optional<std::string> check_dependency(const Plugin& p, const Dependency& dep) {
        std::string needs =
            "plugin '" + p.manifest.id + "' needs plugin '" + dep.id + "' " + dep.range;
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
            throw Error(ErrorCode::kNotFound,
                        "--plugin-path " + path + ": no such file or directory");
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
    Resolver resolver(plugins_);
    for (std::size_t i = 0; i < plugins_.size(); ++i) resolver.resolve(i);
}

const Plugin* PluginHost::find(const std::string& id) const {
    for (const auto& p : plugins_)
        if (p.manifest.id == id) return &p;
    return nullptr;
}

NativeLibrary PluginHost::load_native(const std::string& id) {
    std::lock_guard lock(*natives_mutex_);
    if (auto it = natives_.find(id); it != natives_.end()) return it->second;
    NativeLibrary library;
    const Plugin* p = find(id);
    if (p == nullptr)
        library.error = "plugin '" + id + "' is not installed";
    else if (!p->loaded())
        library.error = p->error;
    else if (!p->native())
        library.error = "plugin '" + id + "' has no native library";
    else
        library = load_library(*p);
    natives_.emplace(id, library);
    return library;
}

}  // namespace ims::plugins
