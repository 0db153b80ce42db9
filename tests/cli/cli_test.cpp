// End-to-end tests of the real `ims` binary: output, exit codes and stdout/stderr discipline.
#include "ims/core/store.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>

using ims::test::run_ims;

namespace {

TEST(CliPlugins, ListShowsIso27001LoadedWithVersionAndAbi) {
    auto run = run_ims({"plugins", "list", "--format", "json"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    auto doc = run.json();
    nlohmann::json found;
    for (const auto& p : doc["plugins"])
        if (p["id"] == "iso27001") found = p;
    ASSERT_FALSE(found.is_null()) << run.out;
    EXPECT_EQ(found["state"], "loaded");
    EXPECT_EQ(found["version"], "0.1.0");
    EXPECT_EQ(found["sdk_abi"], "1.0");
    EXPECT_EQ(found["provides"], nlohmann::json::array({"iso27001:2022"}));
}

TEST(CliPlugins, EveryFirstPartyPluginLoads) {
    auto doc = run_ims({"plugins", "list", "--format", "json"}).json();
    std::map<std::string, std::string> state;
    for (const auto& p : doc["plugins"]) state[p["id"]] = p["state"];
    for (const char* id : {"core", "iso27001", "iso27701", "iso22301", "gdpr", "popia"})
        EXPECT_EQ(state[id], "loaded") << id;
}

TEST(CliCatalog, Iso27001HasTheClauseTreeAndTheAnnexAControls) {
    auto run = run_ims({"catalog", "iso27001:2022", "--format", "json"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    auto doc = run.json();
    int controls = 0;
    nlohmann::json a515, c612;
    for (const auto& r : doc["requirements"]) {
        if (r["kind"] == "control") ++controls;
        if (r["id"] == "iso27001:2022/A.5.15") a515 = r;
        if (r["id"] == "iso27001:2022/6.1.2") c612 = r;
    }
    EXPECT_EQ(controls, 93);
    EXPECT_EQ(a515["title"], "Access control");
    EXPECT_EQ(a515["parent"], "iso27001:2022/A.5");
    EXPECT_EQ(c612["title"], "Information security risk assessment");
    EXPECT_EQ(c612["parent"], "iso27001:2022/6.1");
}

TEST(CliCatalog, UnknownStandardIsAUsageError) {
    auto run = run_ims({"catalog", "iso9999:2030"});
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_TRUE(run.out.empty());
    EXPECT_NE(run.err.find("no installed plugin provides standard 'iso9999:2030'"), std::string::npos) << run.err;
}

TEST(CliStore, InitAdoptVerifySucceedAndReAdoptChangesNothing) {
    ims::test::TempDir dir;
    std::string store = dir.file("acme.ims");
    auto init = run_ims({"init", store, "--org", "Acme"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    EXPECT_TRUE(init.out.empty()) << "stdout must carry only output: " << init.out;
    ASSERT_EQ(run_ims({"adopt", store, "iso27001:2022"}).exit_code, 0);
    auto verify = run_ims({"verify", store, "--format", "json"});
    ASSERT_EQ(verify.exit_code, 0) << verify.out << verify.err;
    auto entries = verify.json()["change_log_entries"].get<int>();
    EXPECT_EQ(entries, 1 + 1 + 138 + 1);  // organisation, standard, requirements, adoption
    ASSERT_EQ(run_ims({"adopt", store, "iso27001:2022"}).exit_code, 0);
    EXPECT_EQ(run_ims({"verify", store, "--format", "json"}).json()["change_log_entries"], entries);
}

TEST(CliStore, InitRefusesToOverwrite) {
    ims::test::TempDir dir;
    std::string store = dir.file("acme.ims");
    ASSERT_EQ(run_ims({"init", store, "--org", "Acme"}).exit_code, 0);
    auto again = run_ims({"init", store, "--org", "Other"});
    EXPECT_EQ(again.exit_code, 2);
    EXPECT_EQ(again.err, "ims init: " + store + ": a file already exists there; choose another path or remove it\n");
}

TEST(CliVerify, FailsNamingAnAlteredChangeLogRow) {
    ims::test::TempDir dir;
    std::string store = dir.file("acme.ims");
    ASSERT_EQ(run_ims({"init", store, "--org", "Acme"}).exit_code, 0);
    ASSERT_EQ(run_ims({"adopt", store, "iso27001:2022"}).exit_code, 0);
    ims::test::tamper(store, "UPDATE change_log SET actor = 'mallory' WHERE seq = 5");
    auto run = run_ims({"verify", store});
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_NE(run.out.find("change log entry seq 5 (requirement '"), std::string::npos) << run.out;
}

TEST(CliVerify, FailsNamingAnAlteredVaultBlob) {
    ims::test::TempDir dir;
    std::string store = dir.file("acme.ims");
    std::ofstream(dir.file("restore-test.txt")) << "backup restore test passed on 2026-11-01";
    ASSERT_EQ(run_ims({"init", store, "--org", "Acme"}).exit_code, 0);
    std::string sha;
    {
        auto s = ims::store::Store::open(store);
        s.write("test", [&](ims::store::WriteTxn& txn) { sha = txn.add_blob(dir.file("restore-test.txt")); });
    }
    ASSERT_EQ(run_ims({"verify", store}).exit_code, 0);
    ims::test::tamper(store, "UPDATE vault SET data = CAST('backup restore test FAILED on 2026-11-01' AS BLOB)");
    auto run = run_ims({"verify", store});
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_NE(run.out.find("vault blob " + sha + ": content does not match its sha256"), std::string::npos) << run.out;
}

TEST(CliUsage, UnknownCommandAndOptionExitTwo) {
    auto unknown = run_ims({"frobnicate"});
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_EQ(unknown.err, "ims: unknown command 'frobnicate'; 'ims help' lists the commands\n");
    auto option = run_ims({"verify", "x.ims", "--bogus"});
    EXPECT_EQ(option.exit_code, 2);
    EXPECT_EQ(option.err, "ims verify: Unknown option 'bogus'.\n");
    auto missing = run_ims({"verify", "does-not-exist.ims"});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("no such store"), std::string::npos);
}

}  // namespace

namespace {

TEST(CliStore, ReAdoptKeepsTheRecordedAdoptionDateAndScope) {
    ims::test::TempDir dir;
    std::string store = dir.file("acme.ims");
    ASSERT_EQ(run_ims({"init", store, "--org", "Acme"}).exit_code, 0);
    ASSERT_EQ(run_ims({"adopt", store, "iso27001:2022", "--on", "2024-03-01", "--scope", "HQ"}).exit_code, 0);
    ASSERT_EQ(run_ims({"adopt", store, "iso27001:2022"}).exit_code, 0);
    auto s = ims::store::Store::open(store);
    nlohmann::json row;
    s.write("test", [&](ims::store::WriteTxn& txn) { row = txn.get("adopted_standard", "iso27001:2022"); });
    EXPECT_EQ(row["adopted_on"], "2024-03-01");
    EXPECT_EQ(row["scope"], "HQ");
}

}  // namespace
