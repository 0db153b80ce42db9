// `ims check` against the engine's fixture plugin (tests/fixtures/plugins/engine-checks): the
// JSON report, time limits and sandbox refusals as `error` results, parameters, waivers, the
// fan-out of Harmonized Structure requirements and the exit codes.
#include "published_schema.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

using ims::test::run_ims;

namespace {

const std::string kEnginePlugin = std::string(IMS_FIXTURES) + "/plugins/engine-checks";

// A store with one person and one corrective action, CA-1, due 2026-11-01 and still open: on the
// tests' as-of date, 2026-11-25, it is 24 days overdue.
class CheckStore : public ::testing::Test {
protected:
    void SetUp() override {
        store_ = dir_.file("acme.ims");
        ASSERT_EQ(run_ims({"init", store_, "--org", "Acme"}).exit_code, 0);
        import(R"({"people": [{"id": "P-1", "name": "Ann Owner"}],
                   "corrective_actions": [{"id": "CA-1", "title": "Disable leaver accounts",
                       "owner_id": "P-1", "due_on": "2026-11-01", "status": "open"}]})");
    }

    void adopt(const std::vector<std::string>& standards) {
        std::vector<std::string> args{"adopt", store_};
        args.insert(args.end(), standards.begin(), standards.end());
        auto run = run_ims(args);
        ASSERT_EQ(run.exit_code, 0) << run.err;
    }

    void import(const std::string& json) {
        const std::string file = dir_.file("import-" + std::to_string(imports_++) + ".json");
        ims::test::write_file(file, json);
        auto run = run_ims({"import", store_, file});
        ASSERT_EQ(run.exit_code, 0) << run.err;
    }

    // `ims check` on the store with the fixture plugin, as of 2026-11-25, with `args` added.
    ims::test::ImsRun check(std::vector<std::string> args) {
        std::vector<std::string> all{"check",       store_,    "--plugin-path",
                                     kEnginePlugin, "--as-of", "2026-11-25"};
        all.insert(all.end(), args.begin(), args.end());
        return run_ims(all);
    }

    static std::vector<nlohmann::json> results_of(const nlohmann::json& doc,
                                                  const std::string& check_id) {
        std::vector<nlohmann::json> out;
        for (const auto& r : doc["results"])
            if (r["check_id"] == check_id) out.push_back(r);
        return out;
    }

    ims::test::TempDir dir_;
    std::string store_;
    int imports_ = 0;
};

TEST_F(CheckStore, JsonIsByteIdenticalTwiceAndValidatesAgainstItsSchema) {
    adopt({"iso27001:2022"});
    import(R"({"waivers": [{"id": "W-1", "check_id": "engine-checks/action-overdue",
        "subject_id": "CA-9", "justification": "old", "approved_by_id": "P-1",
        "expires_on": "2026-01-31"}]})");
    const std::vector<std::string> args{
        "--check", "engine-checks/action-overdue",  "--check",  "engine-checks/audit-held",
        "--check", "engine-checks/parameter-types", "--output", "json"};
    auto first = check(args), second = check(args);
    EXPECT_EQ(first.exit_code, 1) << first.err;
    EXPECT_EQ(first.out, second.out);
    const auto doc = first.json();
    EXPECT_EQ(doc["format"], "ims-check-results/1");
    EXPECT_EQ(doc["summary"]["checks"], 3);
    EXPECT_EQ(doc["expired_waivers"].size(), 1u);
    ims::test::PublishedSchema schema("check-results.schema.json");
    EXPECT_EQ(schema.errors_of(doc, "ims check --output json"), "");
    // The schema is strict enough to notice a result that lost a field.
    auto broken = doc;
    broken["results"][0].erase("remedy");
    EXPECT_NE(schema.errors_of(broken, "broken"), "");
}

TEST_F(CheckStore, ResultsNameTheirSubjectAndOneCheckThatFoundNothingPasses) {
    import(R"({"corrective_actions": [{"id": "CA-2", "title": "Later", "owner_id": "P-1",
        "due_on": "2026-12-31", "status": "open"}]})");
    auto run = check({"--check", "engine-checks/action-overdue", "--check",
                      "engine-checks/audit-held", "--output", "json"});
    const auto doc = run.json();
    auto overdue = results_of(doc, "engine-checks/action-overdue");
    ASSERT_EQ(overdue.size(), 1u) << doc.dump(1);
    EXPECT_EQ(overdue[0]["status"], "fail");
    EXPECT_EQ(overdue[0]["subject_type"], "corrective_action");
    EXPECT_EQ(overdue[0]["subject_id"], "CA-1");
    EXPECT_EQ(overdue[0]["message"], "due 2026-11-01, still open on 2026-11-25 (grace 0 days)");
    EXPECT_EQ(overdue[0]["remedy"],
              "Close the action or agree a new due date with a recorded reason.");

    import(R"({"corrective_actions": [{"id": "CA-1", "title": "Disable leaver accounts",
        "owner_id": "P-1", "due_on": "2026-11-01", "status": "done", "completed_on": "2026-11-20"}]})");
    run = check({"--check", "engine-checks/action-overdue", "--output", "json"});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    overdue = results_of(run.json(), "engine-checks/action-overdue");
    ASSERT_EQ(overdue.size(), 1u);
    EXPECT_EQ(overdue[0]["status"], "pass");
    EXPECT_EQ(overdue[0]["subject_id"], "");
}

// Acceptance 4 for SQL: the slow check is one `error`, the others are all there, exit 3.
TEST_F(CheckStore, SqlCheckPastItsTimeLimitIsOneErrorAndTheOthersComplete) {
    auto run =
        check({"--check", "engine-checks/never-ends", "--check", "engine-checks/action-overdue",
               "--check", "engine-checks/audit-held", "--time-limit", "1", "--output", "json"});
    EXPECT_EQ(run.exit_code, 3) << run.err;
    const auto doc = run.json();
    auto slow = results_of(doc, "engine-checks/never-ends");
    ASSERT_EQ(slow.size(), 1u);
    EXPECT_EQ(slow[0]["status"], "error");
    EXPECT_EQ(slow[0]["message"],
              "SQL check 'engine-checks/never-ends' could not be evaluated: it ran past its time "
              "limit of 1 s and was stopped");
    EXPECT_EQ(results_of(doc, "engine-checks/action-overdue").at(0)["subject_id"], "CA-1");
    EXPECT_EQ(results_of(doc, "engine-checks/audit-held").at(0)["status"], "fail");
    EXPECT_EQ(ims::test::PublishedSchema("check-results.schema.json").errors_of(doc, "error"), "");
}

TEST_F(CheckStore, SqlReadingATableOrReturningAnUnknownStatusIsAnError) {
    auto run = check({"--check", "engine-checks/reads-a-table", "--check",
                      "engine-checks/bad-status", "--output", "json"});
    EXPECT_EQ(run.exit_code, 3) << run.err;
    const auto doc = run.json();
    EXPECT_EQ(results_of(doc, "engine-checks/reads-a-table").at(0)["message"],
              "SQL check 'engine-checks/reads-a-table' could not be evaluated: check SQL may not "
              "read 'controls'; checks may read only the v1_* views");
    EXPECT_EQ(results_of(doc, "engine-checks/bad-status").at(0)["message"],
              "SQL check 'engine-checks/bad-status' could not be evaluated: row 1 has status "
              "'failed'; expected pass, fail, warn, not_applicable or manual");
}

TEST_F(CheckStore, ParametersResolveDefaultThenStoreThenSet) {
    const std::vector<std::string> args{"--check", "engine-checks/action-overdue", "--output",
                                        "json"};
    auto grace = [&](const std::vector<std::string>& extra) {
        std::vector<std::string> all = args;
        all.insert(all.end(), extra.begin(), extra.end());
        const auto doc = check(all).json();
        const auto& p = doc["checks"][0]["parameters"]["engine_grace_days"];
        return p["value"].dump() + " " + p["source"].get<std::string>() + " " +
               results_of(doc, "engine-checks/action-overdue").at(0)["status"].get<std::string>();
    };
    EXPECT_EQ(grace({}), "0 default fail");
    import(R"({"policy_parameters": [{"key": "engine_grace_days", "value": "30"}]})");
    EXPECT_EQ(grace({}), "30 store pass");
    EXPECT_EQ(grace({"--set", "engine_grace_days=10"}), "10 --set fail");
}

TEST_F(CheckStore, ParametersBindWithTheirTypes) {
    auto run = check({"--check", "engine-checks/parameter-types", "--set", "engine_flag=true",
                      "--set", "engine_label=a b", "--output", "json"});
    EXPECT_EQ(results_of(run.json(), "engine-checks/parameter-types").at(0)["message"],
              "int 7 integer; number 0.5 real; flag 1 integer; since 2026-01-01; label a b; "
              "as_of 2026-11-25");
}

TEST_F(CheckStore, BadSetOrUnknownCheckIsExitTwo) {
    struct Case {
        std::vector<std::string> args;
        std::string message;
    };
    const std::vector<Case> cases = {
        {{"--set", "engine_grace_days=ten"},
         "ims check: --set engine_grace_days=ten: expected integer (check "
         "engine-checks/action-overdue)\n"},
        {{"--set", "grace=3"},
         "ims check: --set grace: no installed check has a parameter of that name\n"},
        {{"--set", "engine_grace_days"},
         "ims check: --set expects KEY=VALUE, got 'engine_grace_days'\n"},
        {{"--check", "engine-checks/nope"},
         "ims check: --check engine-checks/nope: no installed plugin defines this check "
         "(docs/checks.md lists the shipped ones)\n"},
        {{"--fail-on", "critical"},
         "ims check: --fail-on expects major, minor, observation, info or none, got 'critical'\n"},
    };
    for (const auto& c : cases) {
        auto run = check(c.args);
        EXPECT_EQ(run.exit_code, 2) << c.args[0];
        EXPECT_EQ(run.err, c.message);
        EXPECT_EQ(run.out, "");
    }
}

TEST_F(CheckStore, MistypedStorePolicyIsAnErrorOfThatCheckOnly) {
    import(R"({"policy_parameters": [{"key": "engine_grace_days", "value": "thirty"}]})");
    auto run = check({"--check", "engine-checks/action-overdue", "--check",
                      "engine-checks/audit-held", "--output", "json"});
    EXPECT_EQ(run.exit_code, 3);
    const auto doc = run.json();
    EXPECT_EQ(results_of(doc, "engine-checks/action-overdue").at(0)["message"],
              "check 'engine-checks/action-overdue' could not be evaluated: policy parameter "
              "'engine_grace_days' in the store is 'thirty'; this check expects integer");
    EXPECT_EQ(results_of(doc, "engine-checks/audit-held").at(0)["status"], "fail");
}

TEST_F(CheckStore, FailOnSetsTheExitCode) {
    const std::vector<std::string> minor_only{"--check", "engine-checks/action-overdue"};
    auto with = [&](const std::string& fail_on) {
        auto args = minor_only;
        args.insert(args.end(), {"--fail-on", fail_on});
        return check(args).exit_code;
    };
    EXPECT_EQ(check(minor_only).exit_code, 1) << "the default is minor";
    EXPECT_EQ(with("major"), 0);
    EXPECT_EQ(with("info"), 1);
    EXPECT_EQ(with("none"), 0);
}

TEST_F(CheckStore, OutputThatCannotBeWrittenIsExitFourWhateverTheFindings) {
    auto run = check({"--check", "engine-checks/action-overdue", "--output",
                      "json:" + dir_.file("no-such-folder/findings.json")});
    EXPECT_EQ(run.exit_code, 4) << run.err;
    EXPECT_NE(run.err.find("no-such-folder"), std::string::npos) << run.err;
}

TEST_F(CheckStore, StoreWaiverOfTheSubjectWaivesItAndAnExpiredOneIsIgnoredWithAWarning) {
    import(R"({"corrective_actions": [{"id": "CA-2", "title": "Second", "owner_id": "P-1",
                   "due_on": "2026-10-01", "status": "open"}],
               "waivers": [
        {"id": "W-1", "check_id": "engine-checks/action-overdue", "subject_id": "CA-1",
         "justification": "supplier delay, agreed at the October review", "approved_by_id": "P-1",
         "expires_on": "2026-12-31"},
        {"id": "W-2", "check_id": "engine-checks/action-overdue", "subject_id": "CA-2",
         "justification": "lapsed", "approved_by_id": "P-1", "expires_on": "2026-11-24"}]})");
    auto run = check({"--check", "engine-checks/action-overdue", "--output", "json"});
    EXPECT_EQ(run.exit_code, 1) << "CA-2 still fails";
    EXPECT_EQ(run.err,
              "ims: warning: waiver W-2 (store) of engine-checks/action-overdue for CA-2 expired "
              "after 2026-11-24; ignored\n");
    const auto doc = run.json();
    auto results = results_of(doc, "engine-checks/action-overdue");
    ASSERT_EQ(results.size(), 2u);
    EXPECT_EQ(results[0]["subject_id"], "CA-1");
    EXPECT_EQ(results[0]["status"], "waived");
    EXPECT_EQ(results[0]["waiver_id"], "W-1");
    EXPECT_EQ(results[1]["status"], "fail");
    EXPECT_FALSE(results[1].contains("waiver_id"));
    ASSERT_EQ(doc["expired_waivers"].size(), 1u);
    EXPECT_EQ(doc["expired_waivers"][0]["id"], "W-2");
    const ims::test::PublishedSchema schema("check-results.schema.json");
    EXPECT_EQ(schema.errors_of(doc, "waived"), "");
    auto unnamed = doc;  // a waived result must name its waiver
    unnamed["results"][0].erase("waiver_id");
    EXPECT_NE(schema.errors_of(unnamed, "unnamed"), "");
    // The expiry day itself is still covered.
    run = check({"--check", "engine-checks/action-overdue", "--as-of", "2026-11-24"});
    EXPECT_EQ(run.err, "") << "W-2 is in force through its expiry day";
}

TEST_F(CheckStore, WaiverWithoutSubjectCoversEverySubjectAndComesFromAFileToo) {
    import(R"({"corrective_actions": [{"id": "CA-2", "title": "Second", "owner_id": "P-1",
        "due_on": "2026-10-01", "status": "open"}]})");
    ims::test::write_file(
        dir_.file("waivers.csv"),
        "id,check_id,subject_id,justification,approved_by_id,expires_on\n"
        "W-9,engine-checks/action-overdue,,freeze until the audit,P-1,2027-01-31\n");
    auto run = check({"--check", "engine-checks/action-overdue", "--waivers",
                      dir_.file("waivers.csv"), "--output", "json"});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    const auto results = results_of(run.json(), "engine-checks/action-overdue");
    ASSERT_EQ(results.size(), 2u);
    for (const auto& r : results) {
        EXPECT_EQ(r["status"], "waived");
        EXPECT_EQ(r["waiver_id"], "W-9");
    }
    ims::test::write_file(dir_.file("waivers.json"),
                          R"({"waivers": [{"id": "W-8", "check_id": "engine-checks/action-overdue",
                              "subject_id": "CA-2", "approved_by_id": "P-1",
                              "expires_on": "2027-01-31"}]})");
    run =
        check({"--check", "engine-checks/action-overdue", "--waivers", dir_.file("waivers.json")});
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_EQ(run.err, "ims check: " + dir_.file("waivers.json") +
                           ": /waivers/0/justification: required field 'justification' is "
                           "missing or empty\n");
}

TEST_F(CheckStore, WaiverOfAnUnknownCheckIsNamed) {
    import(R"({"waivers": [{"id": "W-3", "check_id": "core/contrl-reviewed",
        "justification": "typo", "approved_by_id": "P-1", "expires_on": "2026-12-31"}]})");
    auto run = check({"--check", "engine-checks/audit-held"});
    EXPECT_NE(run.err.find("ims: warning: waiver W-3 (store) names check 'core/contrl-reviewed', "
                           "which no installed plugin defines\n"),
              std::string::npos)
        << run.err;
}

// Acceptance 2's fan-out: a rule written once against hs 9.2 is reported against 9.2 of every
// adopted standard, and only of adopted ones.
TEST_F(CheckStore, HarmonizedStructureRuleIsReportedAgainstEveryAdoptedStandard) {
    adopt({"iso27001:2022"});
    auto ids = [&](const std::vector<std::string>& extra) {
        std::vector<std::string> args{"--check", "engine-checks/audit-held", "--output", "json"};
        args.insert(args.end(), extra.begin(), extra.end());
        return results_of(check(args).json(), "engine-checks/audit-held").at(0)["requirement_ids"];
    };
    EXPECT_EQ(ids({}), nlohmann::json::array({"hs/9.2", "iso27001:2022/9.2"}));
    adopt({"iso27701:2025", "iso22301:2019"});
    EXPECT_EQ(ids({}), nlohmann::json::array({"hs/9.2", "iso22301:2019/9.2", "iso27001:2022/9.2",
                                              "iso27701:2025/9.2"}));
    // --standard keeps the checks that evidence it, through the fan-out too.
    auto run = check({"--standard", "iso22301:2019", "--output", "json"});
    const auto doc = run.json();
    EXPECT_FALSE(results_of(doc, "engine-checks/audit-held").empty());
    for (const auto& c : doc["checks"])
        EXPECT_NE(c["requirement_ids"].dump().find("iso22301:2019/"), std::string::npos) << c["id"];
    EXPECT_EQ(check({"--standard", "gdpr"}).exit_code, 2) << "gdpr is not adopted";
}

TEST_F(CheckStore, TextSummaryCountsByStatusAndGroupsFailuresByCheck) {
    auto run =
        check({"--check", "engine-checks/action-overdue", "--check", "engine-checks/audit-held"});
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_NE(run.out.find("2 checks, 2 results\n  by status: pass 0, fail 2, warn 0"),
              std::string::npos)
        << run.out;
    EXPECT_NE(run.out.find("failures by severity: major 1, minor 1, observation 0, info 0"),
              std::string::npos)
        << run.out;
    EXPECT_NE(run.out.find("  [minor] engine-checks/action-overdue: Corrective actions are done by "
                           "their due date (test fixture)\n    requirements: hs/10.nc\n"),
              std::string::npos)
        << run.out;
    EXPECT_NE(run.out.find("    - corrective_action CA-1: due 2026-11-01"), std::string::npos)
        << run.out;
}

TEST_F(CheckStore, PluginWithABadCheckFileIsRefusedForChecksAndTheRunIsIncomplete) {
    const std::string plugin = dir_.file("broken");
    ims::test::write_file(plugin + "/plugin.json", R"({"format": "ims-plugin/1", "id": "broken",
        "name": "Broken", "version": "1.0.0", "sdk_abi": "1.0",
        "checks": ["checks/a.json"]})");
    ims::test::write_file(plugin + "/checks/a.json", R"({"format": "ims-check/1",
        "id": "broken/a", "title": "A", "summary": "A.", "severity": "serious",
        "requirements": ["hs/4"], "subject_type": "organisation", "remedy": "R.",
        "query": "a.sql"})");
    auto run = run_ims({"check", store_, "--plugin-path", plugin, "--check",
                        "engine-checks/audit-held", "--plugin-path", kEnginePlugin});
    EXPECT_EQ(run.exit_code, 3) << run.out;
    EXPECT_NE(run.err.find("ims: warning: plugin 'broken': its checks are not used: " + plugin +
                           "/checks/a.json: /severity: expected major, minor, observation or "
                           "info, got \"serious\"\n"),
              std::string::npos)
        << run.err;
}

}  // namespace
