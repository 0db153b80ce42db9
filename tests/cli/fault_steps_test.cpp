// Writes failed at every step, with the real `ims` and tests/faults/fault_shim.c: `ims import`,
// `ims evidence add` and `ims export`, failed at their N-th write for each N up to the run's
// write count, exit 4 naming "disk full", and leave the store verifying and holding what it held
// before or the whole change, never a part; an export leaves no partial output (issue 10).
#include "ims/core/store.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>

using ims::test::FullDisk;
using ims::test::run_ims;
using ims::test::read_all;
namespace fs = std::filesystem;

namespace {

const std::string kMini = std::string(IMS_FIXTURES) + "/import/mini";

// The steps to fail at: every one of a short run; of a long one (the import writes ~190 times)
// the first and last 15 and 15 spread between, so that a test stays near 45 runs of ims plus
// one `ims verify` each (about 0.2 s a step).
std::vector<long> steps_of(long count) {
    constexpr long kEdge = 15, kBetween = 15;
    const long stride = count <= 2 * kEdge + kBetween ? 1 : (count - 2 * kEdge) / kBetween + 1;
    std::vector<long> steps;
    for (long n = 0; n < count; ++n)
        if (n < kEdge || n >= count - kEdge || (n - kEdge) % stride == 0) steps.push_back(n);
    return steps;
}

std::map<std::string, std::string> files_under(const std::string& dir) {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        if (entry.is_regular_file())
            files[fs::relative(entry.path(), dir).string()] = read_all(entry.path().string());
    return files;
}

// The store's whole content as `ims export` gives it, read in-process to keep the runs few.
std::string content_of(const std::string& store) {
    return ims::test::exported_content(store);
}

void expect_disk_full(const ims::test::ImsRun& run) {
    EXPECT_EQ(run.exit_code, 4) << run.err;
    EXPECT_NE(run.err.find("disk full"), std::string::npos) << run.err;
}

class FaultAtEveryStep : public ::testing::Test {
protected:
    std::string new_store(const std::string& name) {
        std::string path = dir_.file(name);
        EXPECT_EQ(run_ims({"init", path, "--org", "Placeholder"}).exit_code, 0);
        return path;
    }

    // Runs command(store) on a fresh copy of `base` in a folder of its own once per step, the
    // step-th write there failing; after each the store must verify and hold the content of
    // `base` or the content a whole run gives.
    void expect_unchanged_or_complete(
        const std::string& base,
        const std::function<std::vector<std::string>(const std::string&)>& command) {
        const std::string folder = dir_.file("faulty"), store = folder + "/acme.ims";
        fs::create_directories(folder);
        auto fresh_copy = [&] {
            for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(store + suffix);
            for (const char* suffix : {"", "-wal"})
                if (fs::exists(base + suffix)) fs::copy_file(base + suffix, store + suffix);
        };
        fresh_copy();
        const std::string before = content_of(store);
        const long count = ims::test::count_writes(command(store), folder);
        const std::string after = content_of(store);
        ASSERT_NE(before, after);
        int failures = 0;
        for (long n : steps_of(count)) {
            SCOPED_TRACE("the write after " + std::to_string(n) + " of " + std::to_string(count) +
                         " fails");
            fresh_copy();
            auto run = run_ims(command(store), FullDisk{folder, n, false, {}}.env());
            if (run.exit_code != 0) {
                ++failures;
                expect_disk_full(run);
            }
            auto verify = run_ims({"verify", store});
            EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
            const std::string now = content_of(store);
            if (run.exit_code == 0)
                EXPECT_EQ(now, after);
            else
                EXPECT_TRUE(now == before || now == after) << "the store holds part of the change";
        }
        EXPECT_GT(failures, 0);
    }

    ims::test::TempDir dir_;
};

TEST_F(FaultAtEveryStep, ImportLeavesTheStoreUnchangedOrComplete) {
    const std::string base = new_store("base.ims");
    expect_unchanged_or_complete(base, [](const std::string& store) {
        return std::vector<std::string>{"import", store, kMini};
    });
}

TEST_F(FaultAtEveryStep, EvidenceAddLeavesTheStoreUnchangedOrComplete) {
    const std::string base = new_store("base.ims");
    ASSERT_EQ(run_ims({"import", base, kMini}).exit_code, 0);
    const std::string file = dir_.file("minutes.txt");
    std::ofstream(file) << "Management review minutes, 2026-10-01\n";
    expect_unchanged_or_complete(base, [&](const std::string& store) {
        return std::vector<std::string>{"evidence", "add",     store,     file,        "--id",
                                        "EV-9",     "--title", "Minutes", "--control", "CTRL-BK"};
    });
}

// An export's failure leaves no output folder and no half file: any file left is complete (the
// evidence files a JSON export writes before the document).
TEST_F(FaultAtEveryStep, ExportLeavesNoPartialOutput) {
    const std::string store = new_store("acme.ims");
    ASSERT_EQ(run_ims({"import", store, kMini}).exit_code, 0);
    const std::string before = content_of(store), out = dir_.file("out");
    fs::create_directories(out);
    for (const std::string& target : {"json:" + out + "/acme.json", "csv:" + out + "/csv"}) {
        const std::vector<std::string> args = {"export", store, "--output", target};
        const long count = ims::test::count_writes(args, out);
        const auto complete = files_under(out);
        for (long n : steps_of(count)) {
            SCOPED_TRACE(target + ": the write after " + std::to_string(n) + " of " +
                         std::to_string(count) + " fails");
            for (const auto& entry : fs::directory_iterator(out)) fs::remove_all(entry.path());
            auto run = run_ims(args, FullDisk{out, n, false, {}}.env());
            const auto left = files_under(out);
            if (run.exit_code == 0) {
                EXPECT_EQ(left, complete);
                continue;
            }
            expect_disk_full(run);
            EXPECT_EQ(run.err.find("wrote"), std::string::npos) << run.err;
            for (const auto& [name, bytes] : left) {
                ASSERT_TRUE(complete.count(name)) << name << " is not part of the export";
                EXPECT_EQ(bytes, complete.at(name)) << name << " is incomplete";
            }
            EXPECT_FALSE(left.count("acme.json"))
                << "the document names files that were not written";
        }
    }
    EXPECT_EQ(run_ims({"verify", store}).exit_code, 0);
    EXPECT_EQ(content_of(store), before);
}

}  // namespace
