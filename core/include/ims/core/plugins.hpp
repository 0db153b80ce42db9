// The plugin host: finds plugin folders, passes each through the manifest gate (before any plugin
// code runs), resolves `requires` between plugins, loads native libraries through Boost.DLL and
// passes each through the descriptor gate. A refused plugin gets one sentence saying why and never
// stops the others. Built once per process; read-only afterwards, safe to share between threads.
#pragma once

#include <ims/plugin.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ims::plugins {

struct Dependency {
    std::string id;
    std::string range;  // e.g. ">=1.0.0 <2.0.0", "^1.2", "*"
};

struct LibraryRef {
    std::string file;    // relative to the plugin folder
    std::string sha256;  // lower-case hex
};

struct Manifest {
    std::string id;
    std::string name;
    std::string version;
    std::string sdk_abi;   // "MAJOR.MINOR"
    std::string platform;  // e.g. "linux-x86_64"; empty for data-only plugins
    std::string license;
    std::string notice;  // file name relative to the folder, may be empty
    std::vector<std::string> provides;  // standard ids
    std::vector<Dependency> requires_;
    std::optional<LibraryRef> library;
    std::vector<std::string> catalogs;  // files relative to the folder
    std::vector<std::string> mappings;
    std::vector<std::string> checks;
};

enum class PluginState { kLoaded, kRefused };

struct Plugin {
    std::string dir;  // absolute folder path
    Manifest manifest;  // id is the folder name when the manifest could not be read
    PluginState state = PluginState::kRefused;
    std::string error;  // the refusal sentence when refused
    const ims_plugin_v1* descriptor = nullptr;  // native part, when loaded
    std::shared_ptr<void> library;              // keeps the library loaded

    bool loaded() const { return state == PluginState::kLoaded; }
    std::string path_of(const std::string& relative) const { return dir + "/" + relative; }
};

// Reads a plugin.json's bytes (`source` names them in messages) and checks every field's form;
// throws ims::Error(kInvalidInput) naming the JSON pointer of the first problem. The ABI and the
// files it lists are checked by the host (check_manifest), which also needs the folder.
Manifest parse_manifest(std::string_view text, const std::string& source);

// The platform this host runs on, as manifests spell it ("linux-x86_64").
std::string host_platform();
// The SDK ABI this host provides, as manifests spell it ("1.0").
std::string host_abi();

// Search paths in precedence order: explicit ones (--plugin-path), then IMS_PLUGIN_PATH
// (colon-separated), then <bin>/../lib/ims/plugins: the install dir, which the build tree
// mirrors. Throws ims::Error(kNotFound) for an explicit path that does not exist.
std::vector<std::string> search_paths(const std::vector<std::string>& explicit_paths,
                                      const std::string& application_dir);

class PluginHost {
public:
    // Discovers every plugin on `paths` (each a plugin folder or a folder of plugin folders)
    // and loads them in dependency order.
    explicit PluginHost(const std::vector<std::string>& paths);

    const std::vector<Plugin>& plugins() const { return plugins_; }
    const Plugin* find(const std::string& id) const;  // loaded or refused
    // The loaded plugin that provides `standard_id`, or nullptr.
    const Plugin* provider_of(const std::string& standard_id) const;

private:
    std::vector<Plugin> plugins_;
};

// Runs the manifest gate on one folder and reads the manifest. Returns a refusal sentence, or
// nullopt when the manifest passes.
std::optional<std::string> check_manifest(const std::string& dir, Manifest& out);

}  // namespace ims::plugins
