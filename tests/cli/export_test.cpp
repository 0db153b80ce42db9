// `ims export` beyond the round trips of import_test.cpp: folders left by interrupted CSV exports,
// and cells a spreadsheet would run as formulas.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

using ims::test::run_ims;
using ims::test::read_all;
using ims::test::write_file;
namespace fs = std::filesystem;

namespace {

const std::string kMini = std::string(IMS_FIXTURES) + "/import/mini";

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

// Issue 10 item 8: cells beginning with = + - @ became live formulas in a spreadsheet. They are
// guarded with an apostrophe, and import removes exactly one, so the round trip is byte for byte.
TEST_F(ExportStore, FormulaLikeTextIsGuardedInCsvAndRoundTripsByteForByte) {
    const std::string doc = dir_.file("formulas.json");
    write_file(doc, R"json({"format": "ims-import/1",
        "controls": [{"id": "CTRL-F1", "title": "=HYPERLINK(\"http://x\",\"y\")", "status": "planned"},
                     {"id": "CTRL-F2", "title": "+1", "status": "planned"},
                     {"id": "CTRL-F3", "title": "-2", "status": "planned", "review_interval_months": 12},
                     {"id": "CTRL-F4", "title": "@SUM(A1)", "status": "planned"},
                     {"id": "CTRL-F5", "title": "'quoted", "status": "planned"},
                     {"id": "CTRL-F6", "title": "\tTabbed", "status": "planned"}],
        "processing_activities": [{"id": "PA-F", "name": "Formulas", "role": "controller",
                                   "purposes": ["=1+1", "plain"]}]})json");
    auto imported = run_ims({"import", store_, doc});
ASSERT_EQ(imported.exit_code, 0) << imported.err;
ASSERT_EQ(run_ims({"export", store_, "--output", "csv:" + dir_.file("one")}).exit_code, 0);

const std::string controls = read_all(dir_.file("one/controls.csv"));
    for (const std::string cell : {R"c(,"'=HYPERLINK(""http://x"",""y"")",)c", ",'+1,", ",'-2,", ",'@SUM(A1),",
                                   ",''quoted,", ",'\tTabbed,"})
        EXPECT_NE(controls.find(cell), std::string::npos) << cell << " not in\n" << controls;
    EXPECT_NE(controls.find(",12,"), std::string::npos) << "an integer cell is never guarded\n"
                                                        << controls;
    EXPECT_NE(read_all(dir_.file("one/processing_activities.csv")).find(",'=1+1;plain,"),
              std::string::npos);

    const std::string copy = dir_.file("copy.ims");
    ASSERT_EQ(run_ims({"init", copy, "--org", "Placeholder"}).exit_code, 0);
    auto reimported = run_ims({"import", copy, dir_.file("one")});
    ASSERT_EQ(reimported.exit_code, 0) << reimported.err;
    ASSERT_EQ(run_ims({"export", copy, "--output", "csv:" + dir_.file("two")}).exit_code, 0);
    for (const auto& entry : fs::directory_iterator(dir_.file("one"))) {
        if (entry.is_regular_file()) {
            EXPECT_EQ(read_all(entry.path().string()),
                      read_all(dir_.file("two/" + entry.path().filename().string())))
                << entry.path();
        }
    }
    EXPECT_EQ(run_ims({"export", copy}).out, run_ims({"export", store_}).out);
    }

    }  // namespace
