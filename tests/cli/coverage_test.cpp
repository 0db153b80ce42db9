// `ims gap` and `ims coverage`: work done for one standard counts, partially, for the next.
#include "ims/core/store.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <fstream>

using ims::test::run_ims;

namespace {

// A store with one implemented control, linked only to iso27001:2022/A.8.13, with evidence
// valid on the test's as-of date.
class BackupOnlyStore : public ::testing::Test {
protected:
    void SetUp() override {
        store_ = dir_.file("acme.ims");
        ASSERT_EQ(run_ims({"init", store_, "--org", "Acme"}).exit_code, 0);
        ASSERT_EQ(run_ims({"adopt", store_, "iso27001:2022"}).exit_code, 0);
        std::ofstream(dir_.file("restore.txt")) << "quarterly restore test: all 12 systems restored";
        auto s = ims::store::Store::open(store_);
        s.write("test", [&](ims::store::WriteTxn& txn) {
            txn.put("control", {{"id", "CTRL-BK"}, {"title", "Backups tested quarterly"}, {"status", "implemented"}});
            txn.put("control_requirement", {{"id", "CTRL-BK|iso27001:2022/A.8.13"}, {"control_id", "CTRL-BK"},
                                            {"requirement_id", "iso27001:2022/A.8.13"}, {"coverage", "full"}});
            std::string sha = txn.add_blob(dir_.file("restore.txt"));
            txn.put("evidence", {{"id", "EV-1"}, {"title", "Restore test Q3"}, {"kind", "record"}, {"sha256", sha},
                                 {"collected_on", "2026-10-01"}, {"valid_until", "2027-01-31"}});
            txn.put("evidence_control", {{"id", "EV-1|CTRL-BK"}, {"evidence_id", "EV-1"}, {"control_id", "CTRL-BK"}});
        });
    }

    static nlohmann::json find(const nlohmann::json& list, const std::string& id) {
        for (const auto& r : list)
            if (r["id"] == id) return r;
        return nullptr;
    }

    ims::test::TempDir dir_;
    std::string store_;
};

TEST_F(BackupOnlyStore, GapShowsBackupClausesOf22301AsPartlyCoveredWithTheirPath) {
    auto run = run_ims({"gap", store_, "--adopt", "iso22301:2019", "--as-of", "2026-11-25", "--format", "json"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    auto doc = run.json();
    EXPECT_TRUE(doc["covered"].empty()) << "one backup control covers no 22301 clause fully";
    auto clause = find(doc["partial"], "iso22301:2019/8.3.4");
    ASSERT_FALSE(clause.is_null()) << doc["partial"].dump(2);
    const auto& source = clause["sources"][0];
    EXPECT_EQ(source["control"], "CTRL-BK");
    EXPECT_EQ(source["linked_requirement"], "iso27001:2022/A.8.13");
    EXPECT_EQ(source["current_evidence"], nlohmann::json::array({"EV-1"}));
    ASSERT_FALSE(source["path"].empty());
    EXPECT_EQ(source["path"].back()["to"], "iso22301:2019/8.3.4");
    // Everything else is left to do, and the totals add up.
    EXPECT_FALSE(find(doc["left"], "iso22301:2019/9.2.1").is_null());
    EXPECT_EQ(doc["totals"]["partial"].get<size_t>(), doc["partial"].size());
    EXPECT_EQ(doc["totals"]["none"].get<size_t>(), doc["left"].size());
}

TEST_F(BackupOnlyStore, CoverageAfterAdoptingShowsGdprArt32OneCPartialAndA813Full) {
    ASSERT_EQ(run_ims({"adopt", store_, "iso22301:2019", "gdpr"}).exit_code, 0);
    auto run = run_ims({"coverage", store_, "--as-of", "2026-11-25", "--format", "json"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    auto doc = run.json();
    auto gdpr = find(doc["standards"], "gdpr");
    auto iso27001 = find(doc["standards"], "iso27001:2022");
    auto bcms = find(doc["standards"], "iso22301:2019");
    ASSERT_FALSE(gdpr.is_null() || iso27001.is_null() || bcms.is_null()) << doc.dump(1).substr(0, 2000);

    auto art = find(gdpr["requirements"], "gdpr/Art.32(1)(c)");
    EXPECT_EQ(art["coverage"], "partial");
    EXPECT_EQ(art["sources"][0]["path"][0]["from"], "iso27001:2022/A.8.13");
    auto a813 = find(iso27001["requirements"], "iso27001:2022/A.8.13");
    EXPECT_EQ(a813["coverage"], "full");
    EXPECT_TRUE(a813["sources"][0]["direct"].get<bool>());
    EXPECT_EQ(find(bcms["requirements"], "iso22301:2019/8.3.4")["coverage"], "partial");
    EXPECT_EQ(iso27001["totals"]["full"], 1);
}

TEST_F(BackupOnlyStore, ExpiredEvidenceCapsCoverageAtPartial) {
    auto run = run_ims({"coverage", store_, "--as-of", "2027-03-01", "--format", "json"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    auto iso27001 = find(run.json()["standards"], "iso27001:2022");
    auto a813 = find(iso27001["requirements"], "iso27001:2022/A.8.13");
    EXPECT_EQ(a813["coverage"], "partial");
    EXPECT_TRUE(a813["sources"][0]["current_evidence"].empty());
}

TEST_F(BackupOnlyStore, DataOnlyPluginTakesPartInGap) {
    auto run = run_ims({"gap", store_, "--adopt", "acme-sec:1", "--as-of", "2026-11-25", "--format", "json",
                        "--plugin-path", std::string(IMS_SOURCE_DIR) + "/tests/fixtures/plugins/acme-sec"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    auto doc = run.json();
    // BK.1 is a subset of A.8.13, so a fully evidenced A.8.13 control covers it fully.
    auto bk1 = find(doc["covered"], "acme-sec:1/BK.1");
    ASSERT_FALSE(bk1.is_null()) << doc.dump(2);
    EXPECT_EQ(bk1["sources"][0]["path"][0]["relation"], "superset");
    EXPECT_FALSE(find(doc["left"], "acme-sec:1/GV.1").is_null());
}

TEST_F(BackupOnlyStore, CoverageWritesJsonToAFileAtomically) {
    std::string out = dir_.file("coverage.json");
    auto run = run_ims({"coverage", store_, "--as-of", "2026-11-25", "--output", "json:" + out, "--output", "text"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_NE(run.out.find("ISO/IEC 27001:2022: 1 fully"), std::string::npos) << run.out;
    std::ifstream in(out);
    auto doc = nlohmann::json::parse(in);
    EXPECT_EQ(doc["standards"][0]["id"], "iso27001:2022");
    auto again = run_ims({"coverage", store_, "--output", "json:" + out});
    EXPECT_EQ(again.exit_code, 2);
}

}  // namespace
