// libFuzzer target for the mapping-file reader (mappings::parse_mapping), which reads the
// mappings/*.json of every installed plugin. A refusal must be ims::Error.
#include "ims/core/error.hpp"
#include "ims/core/mappings.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    try {
        ims::mappings::parse_mapping(std::string_view(reinterpret_cast<const char*>(data), size),
                                     "mapping.json", "fuzz");
    } catch (const ims::Error&) {
    }
    return 0;
}
