// The plugin host: finds plugin folders, passes each through the manifest gate and resolves
// `requires` between plugins, all without running any plugin code: catalogs, mappings and SQL
// checks are data. A native library is loaded (Boost.DLL) and passed through the descriptor gate
// only when its code must run: in this process for native checks (PluginHost::load_native), or
// in a child process to probe it (probe_native). A refused plugin gets one sentence saying why
// and never stops the others. Built once per process; safe to share between threads.
#pragma once

#include <ims/plugin.h>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
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
    std::string notice;                 // file name relative to the folder, may be empty
    std::vector<std::string> provides;  // standard ids
    std::vector<Dependency> requires_;
    std::optional<LibraryRef> library;
    std::vector<std::string> catalogs;  // files relative to the folder
    std::vector<std::string> mappings;
    std::vector<std::string> checks;
};

// kLoaded: the manifest passed gate 1 and every `requires` resolved, so the plugin's data is
// used. Its native library, if any, is not loaded by that: see PluginHost::load_native.
enum class PluginState { kLoaded, kRefused };

struct Plugin {
    std::string dir;    // absolute folder path
    Manifest manifest;  // id is the folder name when the manifest could not be read
    PluginState state = PluginState::kRefused;
    std::string error;  // the refusal sentence when refused

    bool loaded() const { return state == PluginState::kLoaded; }
    bool native() const { return manifest.library.has_value(); }
    std::string path_of(const std::string& relative) const { return dir + "/" + relative; }
};

// A plugin's native library loaded into this process.
struct NativeLibrary {
    const ims_plugin_v1* descriptor = nullptr;  // set when the library passed gate 2
    std::string error;                          // the refusal sentence otherwise
    std::shared_ptr<void> handle;               // keeps the library loaded

    bool loaded() const { return descriptor != nullptr; }
};

// What loading a plugin's native library in a child process showed.
struct ProbeReport {
    std::string error;                   // the refusal sentence; empty when the library loads
    std::vector<std::string> check_ids;  // the native checks of its descriptor

    bool ok() const { return error.empty(); }
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
    // and passes them through gate 1 in dependency order. Loads no library.
    explicit PluginHost(const std::vector<std::string>& paths);

    const std::vector<Plugin>& plugins() const { return plugins_; }
    const Plugin* find(const std::string& id) const;  // loaded or refused

    // Loads the native library of plugin `id` into this process, the first time it is asked
    // (later calls return the same library), and passes its descriptor through gate 2. This runs
    // the plugin's code, its static constructors and entry point, in-process with the user's
    // rights: call it only to run native checks. An unknown, refused or data-only plugin, or a
    // library that fails gate 2, gives a NativeLibrary with the reason in `error`.
    NativeLibrary load_native(const std::string& id);

private:
    std::vector<Plugin> plugins_;
    std::unique_ptr<std::mutex> natives_mutex_ = std::make_unique<std::mutex>();
    std::map<std::string, NativeLibrary> natives_;
};

// Loads the native library of a loaded native plugin in a child process and passes its
// descriptor through gate 2 there; the child reports back over a pipe. A library that crashes,
// exits before reporting or does not finish within `timeout` takes only the child with it and is
// refused with a sentence saying what happened ("plugin 'x': its library crashed while loading
// (signal 11, SIGSEGV)"). What the library prints goes to stderr. Used by `ims plugins verify`
// and `ims plugins show`; the calling process must be single-threaded (it forks).
ProbeReport probe_native(const Plugin& plugin, std::chrono::seconds timeout);

// Runs the manifest gate on one folder and reads the manifest. Returns a refusal sentence, or
// nullopt when the manifest passes.
std::optional<std::string> check_manifest(const std::string& dir, Manifest& out);

}  // namespace ims::plugins
