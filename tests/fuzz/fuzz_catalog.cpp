// libFuzzer target for the catalog reader (catalog::parse_catalog), which reads the catalog.json
// of every installed plugin. A refusal must be ims::Error; anything else is a finding.
#include "ims/core/catalog.hpp"
#include "ims/core/error.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    try {
        ims::catalog::parse_catalog(std::string_view(reinterpret_cast<const char*>(data), size),
                                    "catalog.json");
    } catch (const ims::Error&) {
    }
    return 0;
}
