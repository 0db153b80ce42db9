// `ims export` beyond the round trips of import_test.cpp: folders left by interrupted CSV exports,
// and cells a spreadsheet would run as formulas.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

using ims::test::run_ims;
namespace fs = std::filesystem;

namespace {

const std::string kMini = std::string(IMS_FIXTURES) + "/import/mini";

void write_file(const std::string& path, const std::string& text) {
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

// The id of a process that has ended (a child that exited and was reaped).
pid_t ended_process() {
    pid_t pid = ::fork();
    if (pid == 0) ::_exit(0);
    ::waitpid(pid, nullptr, 0);
    return pid;
}

class ExportStore : public ::testing::Test {
protected:
    void SetUp() override {
        store_ = dir_.file("acme.ims");
        ASSERT_EQ(run_ims({"init", store_, "--org", "Placeholder"}).exit_code, 0);
        ASSERT_EQ(run_ims({"import", store_, kMini}).exit_code, 0);
    }
    ims::test::TempDir dir_;
    std::string store_;
};

// Issue 10 item 6: an interrupted CSV export left DIR.partial.PID folders no later run removed.
TEST_F(ExportStore, CsvExportRemovesFoldersLeftByAnInterruptedExport) {
    const std::string out = dir_.file("csv");
    const std::string stale = out + ".partial." + std::to_string(ended_process());
    const std::string stale_old = out + ".old." + std::to_string(ended_process());
    const std::string running = out + ".partial." + std::to_string(::getpid());
    for (const auto& folder : {stale, stale_old, running})
        write_file(folder + "/people.csv", "id,name\r\n");

    auto first = run_ims({"export", store_, "--output", "csv:" + out});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_NE(first.err.find("removed " + stale + ", left by an interrupted export"),
              std::string::npos)
        << first.err;
    EXPECT_FALSE(fs::exists(stale));
    EXPECT_TRUE(fs::exists(running)) << "the folder of a running export was removed";
    EXPECT_TRUE(fs::exists(stale_old)) << "with no DIR, DIR.old.PID is the last whole export";

    auto second = run_ims({"export", store_, "--output", "csv:" + out, "--force"});
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_FALSE(fs::exists(stale_old));
    EXPECT_TRUE(fs::exists(out + "/people.csv"));
}

}  // namespace
