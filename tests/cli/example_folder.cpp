// Building the example folder (example_folder.hpp): the example store once per test process, then
// a copy of it and links to examples/ and tests/ for each folder.
#include "example_folder.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace ims::test {
namespace {

namespace fs = std::filesystem;

// acme.ims as `make demo` builds it: init, then import examples/acme.
const std::string& prepared_store() {
    static TempDir dir;
    static const std::string store = [] {
        const std::string path = dir.file("acme.ims");
        auto init = run_ims({"init", path, "--org", "Acme Payroll Cloud (Pty) Ltd"});
        EXPECT_EQ(init.exit_code, 0) << init.err;
        auto import = run_ims({"import", path, std::string(IMS_SOURCE_DIR) + "/examples/acme"});
        EXPECT_EQ(import.exit_code, 0) << import.err;
        return path;
    }();
    return store;
}

}  // namespace

ExampleFolder::ExampleFolder() {
    fs::copy_file(prepared_store(), dir_.file("acme.ims"));
    for (const char* link : {"examples", "tests"})
        fs::create_directory_symlink(fs::path(IMS_SOURCE_DIR) / link, dir_.file(link));
}

}  // namespace ims::test
