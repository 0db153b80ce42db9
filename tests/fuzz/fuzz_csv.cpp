// libFuzzer target for the CSV reader (formats::read_csv) and writer (formats::csv_record). Checks, beyond
// "no crash, no sanitizer report": a refusal is always ims::Error, and the records read write
// back to CSV that reads as the same cells (what an export and its re-import rely on).
#include "ims/core/error.hpp"
#include "formats/csv.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace {

std::vector<std::vector<std::string>> cells_of(const std::vector<ims::formats::CsvRecord>& records) {
    std::vector<std::vector<std::string>> out;
    for (const auto& record : records) out.push_back(record.cells);
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::vector<ims::formats::CsvRecord> records;
    try {
        records = ims::formats::read_csv(text, "fuzz.csv");
    } catch (const ims::Error&) {
        return 0;
    }
    std::string written;
    for (const auto& record : records) written += ims::formats::csv_record(record.cells);
    if (cells_of(ims::formats::read_csv(written, "written.csv")) != cells_of(records)) __builtin_trap();
    return 0;
}
