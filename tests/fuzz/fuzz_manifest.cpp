// libFuzzer target for the manifest gate: each input is written as plugin.json into a scratch
// plugin folder and passed through plugins::check_manifest, as the host does for every plugin it
// finds (field forms, version ranges, the ABI, the listed files). A refusal must be a sentence;
// any exception escaping check_manifest is a finding.
#include "ims/core/plugins.hpp"
#include "scratch_dir.hpp"

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

namespace {

// A plugin folder holding one data file, so that manifests listing "catalog.json" pass.
const std::string& plugin_dir() {
    static const ims::fuzz::ScratchDir dir("ims-fuzz-manifest");
    static const bool ready = static_cast<bool>(std::ofstream(dir.path() + "/catalog.json") << "{}");
    (void)ready;
    return dir.path();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    {
        std::ofstream out(plugin_dir() + "/plugin.json", std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    ims::plugins::Manifest manifest;
    ims::plugins::check_manifest(plugin_dir(), manifest);
    return 0;
}
