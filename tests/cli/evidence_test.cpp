// `ims evidence add|get`: files into the vault and back, all or nothing.
#include "ims/core/store.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <fstream>

using ims::test::run_ims;
using ims::test::read_all;

namespace {

class EvidenceStore : public ::testing::Test {
protected:
    void SetUp() override {
        store_ = dir_.file("acme.ims");
        ASSERT_EQ(run_ims({"init", store_, "--org", "Acme"}).exit_code, 0);
        auto s = ims::store::Store::open(store_);
        s.write("test", [](ims::store::WriteTxn& txn) {
            txn.put("control", {{"id", "CTRL-BK"}, {"title", "Backups"}, {"status", "implemented"}});
        });
        std::string bytes(2 * 1024 * 1024 + 3, '\0');
        for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 7 % 251);
        std::ofstream(dir_.file("restore.bin"), std::ios::binary) << bytes;
    }
    int log_entries() { return run_ims({"verify", store_, "--format", "json"}).json()["change_log_entries"]; }

    ims::test::TempDir dir_;
    std::string store_;
};

TEST_F(EvidenceStore, AddThenGetGivesBackTheSameBytes) {
    auto add = run_ims({"evidence", "add", store_, dir_.file("restore.bin"), "--id", "EV-7", "--title", "Restore Q3",
                        "--kind", "record", "--control", "CTRL-BK", "--collected-on", "2026-10-01",
                        "--valid-until", "2027-01-31"});
    ASSERT_EQ(add.exit_code, 0) << add.err;
    auto s = ims::store::Store::open(store_, ims::store::Store::Mode::kReadOnly);
    auto row = s.get("evidence", "EV-7");
    EXPECT_EQ(row["kind"], "record");
    EXPECT_EQ(row["file_name"], "restore.bin");
    EXPECT_FALSE(s.get("evidence_control", "EV-7|CTRL-BK").is_null());
    auto get = run_ims({"evidence", "get", store_, "EV-7", "--out", dir_.file("back.bin")});
    ASSERT_EQ(get.exit_code, 0) << get.err;
    EXPECT_EQ(read_all(dir_.file("back.bin")), read_all(dir_.file("restore.bin")));
    EXPECT_EQ(run_ims({"evidence", "get", store_, "EV-7", "--out", dir_.file("back.bin")}).exit_code, 2);
    EXPECT_EQ(run_ims({"verify", store_}).exit_code, 0);
}

TEST_F(EvidenceStore, UnknownControlLeavesTheStoreUnchanged) {
    int before = log_entries();
    auto add = run_ims({"evidence", "add", store_, dir_.file("restore.bin"), "--id", "EV-8", "--title", "x",
                        "--control", "CTRL-NOPE"});
    EXPECT_EQ(add.exit_code, 2);
    EXPECT_EQ(add.err,
              "ims evidence: --control CTRL-NOPE: evidence_control 'EV-8|CTRL-NOPE', field "
              "'control_id': no control 'CTRL-NOPE' in the store; nothing was written\n");
    EXPECT_EQ(log_entries(), before);
    auto s = ims::store::Store::open(store_, ims::store::Store::Mode::kReadOnly);
    EXPECT_TRUE(s.get("evidence", "EV-8").is_null());
}

TEST_F(EvidenceStore, BadDatesAreRefusedWithTheFieldNamed) {
    auto add = run_ims({"evidence", "add", store_, dir_.file("restore.bin"), "--id", "EV-9", "--title", "x",
                        "--valid-until", "2026-02-30"});
    EXPECT_EQ(add.exit_code, 2);
    EXPECT_EQ(add.err, "ims evidence: --valid-until expects a date YYYY-MM-DD, got '2026-02-30'\n");
}

}  // namespace
