// Honest outputs on a full disk, with the real `ims` and tests/faults/fault_shim.c: every file
// output exits 4 naming the path and "disk full" and leaves no file (or the earlier one intact),
// and no output replaces a store (issue 10 items 1 and 6).
#include "ims/core/store.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

using ims::test::FullDisk;
using ims::test::run_ims;
using ims::test::read_all;
namespace fs = std::filesystem;

namespace {

const std::string kMini = std::string(IMS_FIXTURES) + "/import/mini";

// Every regular file under `dir` (relative path -> bytes): what a run left behind.
std::map<std::string, std::string> files_under(const std::string& dir) {
    std::map<std::string, std::string> files;
    if (!fs::exists(dir)) return files;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file())
            files[fs::relative(entry.path(), dir).string()] = read_all(entry.path().string());
    return files;
}

std::string names(const std::map<std::string, std::string>& files) {
    std::string out;
    for (const auto& [name, bytes] : files)
        out += name + " (" + std::to_string(bytes.size()) + " bytes) ";
    return out;
}

// The store's whole content as `ims export` gives it, read in-process to keep the runs few.
std::string content_of(const std::string& store) {
    return ims::test::exported_content(store);
}

// A failed output: exit 4, the message names `path` and the cause, and nothing claims success.
void expect_refused_for_full_disk(const ims::test::ImsRun& run, const std::string& path,
                                  const std::string& cause = "disk full") {
    EXPECT_EQ(run.exit_code, 4) << run.err;
    EXPECT_NE(run.err.find(path), std::string::npos) << run.err;
    EXPECT_NE(run.err.find(cause), std::string::npos) << run.err;
    EXPECT_EQ(run.err.find("wrote"), std::string::npos) << run.err;
}

struct OutputCase {
    std::vector<std::string> args;
    std::string named;  // the path (or its start) the failure message must name
};

class FullDiskOutputs : public ::testing::Test {
protected:
    void SetUp() override {
        store_ = dir_.file("acme.ims");
        ASSERT_EQ(run_ims({"init", store_, "--org", "Placeholder"}).exit_code, 0);
        auto imported = run_ims({"import", store_, kMini});
        ASSERT_EQ(imported.exit_code, 0) << imported.err;
        out_ = dir_.file("out");
        fs::create_directories(out_);
    }

    // Every command that writes a file, each into out_.
    std::vector<OutputCase> cases() const {
        auto to = [&](const std::string& name) { return out_ + "/" + name; };
        return {
            {{"export", store_, "--output", "json:" + to("acme.json")}, to("")},
            {{"export", store_, "--output", "csv:" + to("csv")}, to("csv")},
            {{"evidence", "get", store_, "EV-1", "--out", to("restore.txt")}, to("restore.txt")},
            {{"soa", store_, "--output", "csv:" + to("soa.csv")}, to("soa.csv")},
            {{"soa", store_, "--output", "md:" + to("soa.md")}, to("soa.md")},
            {{"soa", store_, "--output", "html:" + to("soa.html")}, to("soa.html")},
            {{"soa", store_, "--output", "xlsx:" + to("soa.xlsx")}, to("soa.xlsx")},
            {{"coverage", store_, "--output", "text:" + to("coverage.txt")}, to("coverage.txt")},
            {{"coverage", store_, "--output", "json:" + to("coverage.json")}, to("coverage.json")},
        };
    }

    ims::test::TempDir dir_;
    std::string store_, out_;
};

TEST_F(FullDiskOutputs, EveryOutputExitsFourNamesThePathAndLeavesNoFile) {
    for (const auto& c : cases()) {
        SCOPED_TRACE(c.args[0] + " " + c.args.back());
        expect_refused_for_full_disk(run_ims(c.args, FullDisk{out_, 0, false, {}}.env()), c.named);
        EXPECT_TRUE(files_under(out_).empty()) << names(files_under(out_));
    }
}

TEST_F(FullDiskOutputs, FailedSyncExitsFourAndLeavesNoFile) {
    for (const auto& c : cases()) {
        SCOPED_TRACE(c.args[0] + " " + c.args.back());
        expect_refused_for_full_disk(run_ims(c.args, FullDisk{out_, -1, true, {}}.env()), c.named,
                                     "Input/output error");
        EXPECT_TRUE(files_under(out_).empty()) << names(files_under(out_));
    }
}

TEST_F(FullDiskOutputs, ForcedReplacementOnAFullDiskLeavesTheEarlierFileUntouched) {
    for (const auto& c : cases()) {
        auto first = run_ims(c.args);
        ASSERT_EQ(first.exit_code, 0) << first.err;
    }
    const auto before = files_under(out_);
    for (auto c : cases()) {
        SCOPED_TRACE(c.args[0] + " " + c.args.back());
        c.args.push_back("--force");
        expect_refused_for_full_disk(run_ims(c.args, FullDisk{out_, 0, false, {}}.env()), c.named);
        EXPECT_EQ(files_under(out_), before) << names(files_under(out_));
    }
}

// The xlsx is written by libxlsxwriter through stdio in many calls: fail it midway and at the end.
TEST_F(FullDiskOutputs, XlsxFailingMidwayOrAtItsLastWriteLeavesNoFile) {
    const std::vector<std::string> args = {"soa", store_, "--output", "xlsx:" + out_ + "/soa.xlsx"};
    const long count = ims::test::count_writes(args, out_);
    ASSERT_GT(count, 2);
    fs::remove(out_ + "/soa.xlsx");
    for (long n : {count / 2, count - 1}) {
        SCOPED_TRACE("writes allowed: " + std::to_string(n));
        expect_refused_for_full_disk(run_ims(args, FullDisk{out_, n, false, {}}.env()), out_ + "/soa.xlsx");
        EXPECT_TRUE(files_under(out_).empty()) << names(files_under(out_));
    }
}

// Issue 10 item 6: `--output` at the store's own path with --force overwrote the store.
TEST_F(FullDiskOutputs, OutputOntoTheStoreIsRefusedEvenWithForceAndTheStoreStillVerifies) {
    const std::string before = content_of(store_);
    const std::vector<std::vector<std::string>> attempts = {
        {"export", store_, "--output", "json:" + store_, "--force"},
        {"export", store_, "--output", "json:" + store_},
        {"soa", store_, "--output", "csv:" + store_, "--force"},
        {"soa", store_, "--output", "xlsx:" + store_, "--force"},
        {"coverage", store_, "--output", "text:" + store_, "--force"},
        {"evidence", "get", store_, "EV-1", "--out", store_, "--force"},
        {"soa", store_, "--output", "md:" + store_ + "-wal", "--force"},
        {"evidence", "get", store_, "EV-1", "--out", store_ + "-journal"},
        {"export", store_, "--output", "csv:" + store_, "--force"},
        {"export", store_, "--output", "csv:" + store_ + "-wal"},
    };
    for (const auto& args : attempts) {
        SCOPED_TRACE(args[0] + " " + args[args.size() - 2] + " " + args.back());
        auto run = run_ims(args);
        EXPECT_EQ(run.exit_code, 2) << run.err;
        EXPECT_NE(run.err.find("SQLite database, perhaps an ims store"), std::string::npos)
            << run.err;
        EXPECT_NE(run.err.find("never replaces"), std::string::npos) << run.err;
    }
    EXPECT_FALSE(fs::exists(store_ + "-journal"));
    EXPECT_FALSE(fs::is_directory(store_ + "-wal"));
    auto verify = run_ims({"verify", store_});
    EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
    EXPECT_EQ(content_of(store_), before);
}

}  // namespace
