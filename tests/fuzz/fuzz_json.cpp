// libFuzzer target for the JSON reader (formats::parse_json), which every JSON input of libims_core
// goes through. Checks, beyond "no crash, no sanitizer report": a refusal is always ims::Error;
// an accepted document is one nlohmann also accepts with the same value, and it dumps (no
// invalid UTF-8 can have slipped in) and parses back to itself.
#include "ims/core/error.hpp"
#include "formats/json_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    nlohmann::json doc;
    try {
        doc = ims::formats::parse_json(text, "fuzz.json");
    } catch (const ims::Error&) {
        return 0;
    }
    if (nlohmann::json::parse(text) != doc) __builtin_trap();
    if (ims::formats::parse_json(doc.dump(), "dump") != doc) __builtin_trap();
    return 0;
}
