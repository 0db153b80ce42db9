// libFuzzer target for the check definition reader (checks::parse_definition), which reads the
// checks/*.json of every installed plugin. A refusal must be ims::Error; anything else is a
// finding.
#include "ims/core/checks.hpp"
#include "ims/core/error.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    try {
        ims::checks::parse_definition(std::string_view(reinterpret_cast<const char*>(data), size),
                                      "no-such-folder/check.json", "fuzz");
    } catch (const ims::Error&) {
    }
    return 0;
}
