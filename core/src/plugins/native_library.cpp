// Gate 2: loading a native library through Boost.DLL and checking the descriptor it returns.
#include "plugins/native_library.hpp"

// Boost 1.74's library_info.hpp uses std::vector without including it.
#include <boost/dll/shared_library.hpp>
#include <vector>

namespace ims::plugins {
namespace {

const std::string kHostAbi = host_abi();

// Size of the first (1.0) layout of each struct: a plugin may hand us a larger one, never smaller.
constexpr std::size_t kMinDescriptorSize = offsetof(ims_plugin_v1, check_count) + sizeof(size_t);
constexpr std::size_t kMinCheckSize = offsetof(ims_check_v1, run) + sizeof(void*);

std::string view(ims_str s) {
    return s.data ? std::string(s.data, s.size) : std::string();
}

std::optional<std::string> descriptor_gate(const Plugin& p, const ims_plugin_v1* d) {
    const std::string& id = p.manifest.id;
    if (d == nullptr)
        return "plugin '" + id +
               "' declined this host: its entry point returned no descriptor for SDK ABI " +
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

}  // namespace

NativeLibrary load_library(const Plugin& p) {
    NativeLibrary out;
    const std::string& file = p.manifest.library->file;
    std::shared_ptr<boost::dll::shared_library> library;
    try {
        library = std::make_shared<boost::dll::shared_library>(
            p.path_of(file), boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
    } catch (const std::exception& e) {
        out.error = "plugin '" + p.manifest.id + "': cannot load " + file + ": " + e.what();
        return out;
    }
    if (!library->has(IMS_PLUGIN_ENTRY_V1_NAME)) {
        out.error = "plugin '" + p.manifest.id + "': " + file + " does not export " +
                    IMS_PLUGIN_ENTRY_V1_NAME + "; this host provides SDK ABI " + kHostAbi +
                    " and needs that entry point";
        return out;
    }
    auto& entry = library->get<const ims_plugin_v1*(uint16_t, uint16_t)>(IMS_PLUGIN_ENTRY_V1_NAME);
    const ims_plugin_v1* descriptor = entry(IMS_SDK_ABI_MAJOR, IMS_SDK_ABI_MINOR);
    if (auto refusal = descriptor_gate(p, descriptor)) {
        out.error = *refusal;
        return out;
    }
    out.descriptor = descriptor;
    out.handle = library;
    return out;
}

}  // namespace ims::plugins
