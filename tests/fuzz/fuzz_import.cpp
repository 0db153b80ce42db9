// libFuzzer target for import: the first line of an input is the import file's name (acme.json,
// people.csv, ...), the rest its text. The text is imported as `ims import` imports a file, into
// a scratch store and rolled back, as a dry run does, so reading, the records API's checks,
// references, evidence files and the change log's serialisation of every value are exercised.
// A refusal must be ims::Error: anything else is what the CLI reports as an internal error
// (exit 4).
#include "ims/core/catalog.hpp"
#include "ims/core/error.hpp"
#include "ims/core/exchange.hpp"
#include "ims/core/store.hpp"
#include "scratch_dir.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string_view>

namespace {

namespace fs = std::filesystem;

// The import folder (with one evidence file, files/evidence.txt) and a store beside it.
struct Scratch {
    ims::fuzz::ScratchDir dir{"ims-fuzz-import"};
    ims::store::Store store = [this] {
        fs::create_directories(dir.path() + "/files");
        std::ofstream(dir.path() + "/files/evidence.txt") << "restore test passed\n";
        return ims::store::Store::create(dir.path() + "/fuzz.ims", "Fuzz Ltd", "fuzz");
    }();
    ims::plugins::PluginHost host{{}};
    ims::catalog::Library library{host};
};

Scratch& scratch() {
    static Scratch instance;
    return instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto end_of_name = input.find('\n');
    if (end_of_name == std::string_view::npos) return 0;
    const fs::path name = fs::path(std::string(input.substr(0, end_of_name))).filename();
    if (name.empty() || name == "." || name == "..") return 0;
    Scratch& s = scratch();

    try {
        s.store.write(
            "fuzz",
            [&](ims::store::WriteTxn& txn) {
                ims::exchange::import_text(txn, input.substr(end_of_name + 1),
                                           (fs::path(s.dir.path()) / name).string(), s.library);
            },
            ims::store::Store::Commit::kNo);
    } catch (const ims::Error&) {
    }
    return 0;
}
