// The shipped check rules through the real `ims check`: every problem examples/acme/README.md
// lists under "What an auditor would flag" and none of its contrast cases, and each rule's passing
// and failing store fixture (tests/fixtures/checks/<plugin>/<name>/).
#include "example_folder.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace ims::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// The results of one check that are not `pass`: subject id -> status.
std::map<std::string, std::string> findings_of(const json& report, const std::string& check_id) {
    std::map<std::string, std::string> out;
    for (const auto& r : report.at("results"))
        if (r.at("check_id") == check_id && r.at("status") != "pass")
            out[r.at("subject_id").get<std::string>()] = r.at("status").get<std::string>();
    return out;
}

const json* result_of(const json& report, const std::string& check_id,
                      const std::string& subject_id) {
    for (const auto& r : report.at("results"))
        if (r.at("check_id") == check_id && r.at("subject_id") == subject_id) return &r;
    return nullptr;
}

class AcmeCheck : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        folder_ = new ExampleFolder();
        run_ = new ImsRun(run_ims(
            {"check", folder_->path() + "/acme.ims", "--as-of", "2026-11-25", "--output", "json"}));
        doc_ = new json(run_->json());
    }
    static void TearDownTestSuite() {
        delete doc_;
        delete run_;
        delete folder_;
    }
    static const json& report() { return *doc_; }
    // The status of a check's result for a subject ("" when there is none).
    static std::string status(const std::string& check_id, const std::string& subject_id) {
        const json& doc = report();
        const json* r = result_of(doc, check_id, subject_id);
        return r ? r->at("status").get<std::string>() : "";
    }
    static std::string waiver(const std::string& check_id, const std::string& subject_id) {
        const json& doc = report();
        const json* r = result_of(doc, check_id, subject_id);
        return r && r->contains("waiver_id") ? r->at("waiver_id").get<std::string>() : "";
    }
    static std::string message(const std::string& check_id, const std::string& subject_id) {
        const json& doc = report();
        const json* r = result_of(doc, check_id, subject_id);
        return r ? r->at("message").get<std::string>() : "";
    }
    static ExampleFolder* folder_;
    static ImsRun* run_;
    static json* doc_;
};
ExampleFolder* AcmeCheck::folder_ = nullptr;
ImsRun* AcmeCheck::run_ = nullptr;
json* AcmeCheck::doc_ = nullptr;

TEST_F(AcmeCheck, ExitsOneBecauseOfFailuresAndReportsNoErrors) {
    EXPECT_EQ(run_->exit_code, 1) << run_->err;
    const json& doc = report();
    for (const auto& r : doc.at("results")) EXPECT_NE(r.at("status"), "error") << r.dump();
}

TEST_F(AcmeCheck, ReportsTheRequiredSet) {
    EXPECT_EQ(status("core/corrective-action-overdue", "CA-2026-03"), "fail");
    EXPECT_EQ(status("core/evidence-current", "EV-047"), "fail");
    EXPECT_EQ(status("core/evidence-current", "EV-039"), "fail");
    EXPECT_EQ(status("core/control-evidence-current", "CTRL-034"), "fail");
    EXPECT_EQ(status("core/control-evidence-current", "CTRL-029"), "fail");
    EXPECT_EQ(status("gdpr/breach-notified-72h", "INC-2026-004"), "fail");
    EXPECT_NE(message("gdpr/breach-notified-72h", "INC-2026-004").find("98.4 hours"),
              std::string::npos);
    EXPECT_EQ(status("core/management-review-interval", "MR-2026-03"), "fail");
    EXPECT_EQ(status("core/management-review-interval", "MR-2026-09"), "fail");
    const std::string inputs = message("core/management-review-inputs", "MR-2026-03");
    EXPECT_NE(inputs.find("party_changes"), std::string::npos) << inputs;
    EXPECT_NE(inputs.find("party_feedback"), std::string::npos) << inputs;
}

TEST_F(AcmeCheck, ReportsTheProblemsOfOurChoice) {
    EXPECT_EQ(status("gdpr/dsr-answered-in-time", "DSR-2026-006"), "fail");
    EXPECT_EQ(status("gdpr/processor-dpa", "S-007"), "fail");
    for (const char* control : {"CTRL-023", "CTRL-029", "CTRL-034"})
        EXPECT_EQ(status("core/control-reviewed", control), "fail") << control;
    EXPECT_EQ(status("core/control-owner", "CTRL-026"), "fail");
    EXPECT_NE(message("core/control-owner", "CTRL-026").find("P-036"), std::string::npos);
    EXPECT_EQ(findings_of(report(), "core/training-current"),
              (std::map<std::string, std::string>{{"P-014", "fail"},
                                                  {"P-027", "fail"},
                                                  {"P-048", "fail"},
                                                  {"P-063", "fail"},
                                                  {"P-067", "waived"},
                                                  {"P-076", "fail"}}));
    EXPECT_NE(message("core/training-current", "P-027").find("TC-DEV"), std::string::npos);
    const std::string p067 = message("core/training-current", "P-067");
    EXPECT_NE(p067.find("TC-SEC"), std::string::npos) << p067;
    EXPECT_NE(p067.find("TC-PAY"), std::string::npos) << p067;
    EXPECT_EQ(findings_of(report(), "core/policy-acknowledged"),
              (std::map<std::string, std::string>{{"P-063", "fail"}, {"P-076", "fail"}}));
    EXPECT_NE(message("core/policy-acknowledged", "P-063").find("DOC-001 v4.0"), std::string::npos);
    EXPECT_NE(message("core/policy-acknowledged", "P-063").find("DOC-017 v1.1"), std::string::npos);
    EXPECT_NE(message("core/policy-acknowledged", "P-076").find("DOC-003 v2.1"), std::string::npos);
    EXPECT_EQ(status("core/major-nonconformity-open", "F-2026-02"), "fail");
    EXPECT_EQ(status("core/risk-reviewed", "R-016"), "fail");
    EXPECT_EQ(status("gdpr/dpia-reviewed", "DPIA-02"), "fail");
    EXPECT_EQ(status("core/document-reviewed", "DOC-009"), "fail");
    EXPECT_EQ(status("core/supplier-reviewed", "S-010"), "fail");
    EXPECT_EQ(status("core/supplier-reviewed", "S-012"), "waived");
    EXPECT_EQ(waiver("core/supplier-reviewed", "S-012"), "W-2026-03");
    EXPECT_EQ(status("core/interested-party-reviewed", "IP-10"), "fail");
    EXPECT_EQ(status("core/evidence-current", "EV-036"), "warn");
    EXPECT_EQ(status("core/evidence-current", "EV-005"), "warn");
    EXPECT_EQ(status("iso22301/exercise-followed-up", "EX-2026-04"), "fail");
    EXPECT_EQ(status("iso22301/plan-approved", "PLAN-04"), "fail");
    EXPECT_EQ(status("core/corrective-action-root-cause", "F-2026-06"), "fail");
    EXPECT_EQ(status("iso27001/incident-closed", "INC-2026-008"), "warn");
    EXPECT_EQ(status("core/internal-audit-programme", "IA-2026-06"), "warn");
    EXPECT_EQ(status("gdpr/dpia-prior-consultation", "DPIA-04"), "manual");
    EXPECT_EQ(status("core/objective-status", "OBJ-01"), "warn");
    EXPECT_EQ(status("core/objective-status", "OBJ-04"), "fail");
}

TEST_F(AcmeCheck, NamesTheExpiredWaiverAndKeepsItsControlFailing) {
    const json& doc = report();
    std::set<std::string> expired;
    for (const auto& w : doc.at("expired_waivers")) expired.insert(w.at("id").get<std::string>());
    EXPECT_EQ(expired, std::set<std::string>{"W-2026-01"});
    EXPECT_EQ(status("core/control-reviewed", "CTRL-023"), "fail");
}

TEST_F(AcmeCheck, ReportsNoneOfTheContrastCases) {
    const json& doc = report();
    EXPECT_EQ(findings_of(doc, "gdpr/breach-notified-72h"),
              (std::map<std::string, std::string>{{"INC-2026-004", "fail"}}));
    EXPECT_EQ(findings_of(doc, "gdpr/dsr-answered-in-time"),
              (std::map<std::string, std::string>{{"DSR-2026-006", "fail"}}));
    EXPECT_EQ(status("core/training-current", "P-029"), "");
    EXPECT_EQ(status("core/policy-acknowledged", "P-029"), "");
    EXPECT_EQ(status("core/training-current", "P-017"), "");
    EXPECT_EQ(waiver("core/training-current", "P-067"), "W-2026-02");
    // W-2026-04 has no subject: every result of its check is waived.
    for (const auto& [subject, state] : findings_of(doc, "iso22301/exercise-coverage")) {
        EXPECT_EQ(state, "waived") << subject;
        EXPECT_EQ(waiver("iso22301/exercise-coverage", subject), "W-2026-04") << subject;
    }
    EXPECT_EQ(status("iso22301/exercise-coverage", "PLAN-04"), "waived");
    // Expired evidence whose controls have current evidence as well is not a problem.
    for (const char* evidence : {"EV-009", "EV-021", "EV-062"})
        EXPECT_EQ(status("core/evidence-current", evidence), "") << evidence;
    EXPECT_EQ(status("gdpr/dsr-answered-in-time", "DSR-2026-010"), "");
}

// The README lists every result that is not a pass, so that it stays the acceptance list: the
// problems above and its "Also reported" table.
TEST_F(AcmeCheck, ReportsNothingTheReadmeDoesNotList) {
    std::set<std::string> reported;
    for (const auto& r : report().at("results"))
        if (r.at("status") != "pass")
            reported.insert(r.at("check_id").get<std::string>() + " " +
                            r.at("subject_id").get<std::string>() + " " +
                            r.at("status").get<std::string>());
    const std::set<std::string> listed = {
        "core/control-evidence-current CTRL-029 fail",
        "core/control-evidence-current CTRL-034 fail",
        "core/control-owner CTRL-026 fail",
        "core/control-reviewed CTRL-023 fail",
        "core/control-reviewed CTRL-029 fail",
        "core/control-reviewed CTRL-034 fail",
        "core/corrective-action-overdue CA-2026-03 fail",
        "core/corrective-action-root-cause F-2026-06 fail",
        "core/corrective-action-root-cause F-2026-09 fail",
        "core/document-reviewed DOC-009 fail",
        "core/evidence-current EV-005 warn",
        "core/evidence-current EV-036 warn",
        "core/evidence-current EV-039 fail",
        "core/evidence-current EV-047 fail",
        "core/interested-party-reviewed IP-10 fail",
        "core/internal-audit-coverage iso22301:2019 warn",
        "core/internal-audit-coverage iso27001:2022 fail",
        "core/internal-audit-coverage iso27701:2025 warn",
        "core/internal-audit-independence IA-2026-04 fail",
        "core/internal-audit-programme IA-2026-06 warn",
        "core/major-nonconformity-open F-2026-02 fail",
        "core/management-review-inputs MR-2026-03 fail",
        "core/management-review-interval MR-2026-03 fail",
        "core/management-review-interval MR-2026-09 fail",
        "core/objective-status OBJ-01 warn",
        "core/objective-status OBJ-04 fail",
        "core/objective-status OBJ-05 warn",
        "core/policy-acknowledged P-063 fail",
        "core/policy-acknowledged P-076 fail",
        "core/risk-reviewed R-016 fail",
        "core/supplier-reviewed S-010 fail",
        "core/supplier-reviewed S-012 waived",
        "core/training-completion-rate D-FIN fail",
        "core/training-completion-rate D-SAL fail",
        "core/training-completion-rate D-SUP fail",
        "core/training-current P-014 fail",
        "core/training-current P-027 fail",
        "core/training-current P-048 fail",
        "core/training-current P-063 fail",
        "core/training-current P-067 waived",
        "core/training-current P-076 fail",
        "gdpr/breach-notified-72h INC-2026-004 fail",
        "gdpr/dpia-prior-consultation DPIA-04 manual",
        "gdpr/dpia-reviewed DPIA-02 fail",
        "gdpr/dsr-answered-in-time DSR-2026-006 fail",
        "gdpr/processor-dpa S-007 fail",
        "iso22301/exercise-coverage PLAN-04 waived",
        "iso22301/exercise-followed-up EX-2026-04 fail",
        "iso22301/plan-approved PLAN-04 fail",
        "iso27001/incident-closed INC-2026-008 warn",
        "popia/compromise-notified INC-2026-004 manual",
        "popia/compromise-notified INC-2026-005 manual",
    };
    EXPECT_EQ(reported, listed);
}

TEST_F(AcmeCheck, ReportsTheInternalAuditRuleAgainstEveryAdoptedManagementSystem) {
    const json& doc = report();
    const json* r = result_of(doc, "core/internal-audit-coverage", "iso27001:2022");
    ASSERT_NE(r, nullptr);
    std::set<std::string> ids;
    for (const auto& id : r->at("requirement_ids")) ids.insert(id.get<std::string>());
    for (const char* id : {"hs/9.2", "iso27001:2022/9.2", "iso27701:2025/9.2", "iso22301:2019/9.2"})
        EXPECT_TRUE(ids.count(id)) << id << " not in " << r->at("requirement_ids").dump();
}

// One rule's fixture folder: check.json names the check, the as-of date and the results its
// failing store must give; pass.json and fail.json are the two stores' import documents.
struct RuleFixture {
    std::string dir;
};

void PrintTo(const RuleFixture& fixture, std::ostream* out) {
    *out << fixture.dir;
}

std::vector<RuleFixture> rule_fixtures() {
    std::vector<RuleFixture> out;
    const fs::path root = fs::path(IMS_FIXTURES) / "checks";
    for (const auto& plugin : fs::directory_iterator(root))
        for (const auto& rule : fs::directory_iterator(plugin.path()))
            out.push_back({rule.path().string()});
    std::sort(out.begin(), out.end(),
              [](const RuleFixture& a, const RuleFixture& b) { return a.dir < b.dir; });
    return out;
}

class CheckRuleFixture : public ::testing::TestWithParam<RuleFixture> {
protected:
    // The non-pass results of the fixture's check on a store built from one import document.
    std::map<std::string, std::string> run_on(const std::string& document) {
        const json spec = json::parse(read_all(GetParam().dir + "/check.json"));
        const std::string store = dir_.file(document + ".ims");
        auto init = run_ims({"init", store, "--org", "Fixture Ltd"});
        EXPECT_EQ(init.exit_code, 0) << init.err;
        auto import = run_ims({"import", store, GetParam().dir + "/" + document});
        EXPECT_EQ(import.exit_code, 0) << import.err;
        auto check = run_ims({"check", store, "--check", spec.at("check"), "--as-of",
                              spec.at("as_of"), "--output", "json"});
        EXPECT_TRUE(check.exit_code == 0 || check.exit_code == 1) << check.err;
        const json report = check.json();
        EXPECT_FALSE(report.at("results").empty()) << "the check did not run on " << document;
        return findings_of(report, spec.at("check"));
    }
    std::map<std::string, std::string> expected_failures() {
        const json spec = json::parse(read_all(GetParam().dir + "/check.json"));
        return spec.at("fail").get<std::map<std::string, std::string>>();
    }
    TempDir dir_;
};

TEST_P(CheckRuleFixture, PassesThePassingStore) {
    EXPECT_EQ(run_on("pass.json"), (std::map<std::string, std::string>{}));
}

TEST_P(CheckRuleFixture, FailsTheFailingStoreWithExactlyItsSubjects) {
    EXPECT_EQ(run_on("fail.json"), expected_failures());
}

INSTANTIATE_TEST_SUITE_P(EveryRule, CheckRuleFixture, ::testing::ValuesIn(rule_fixtures()),
                         [](const ::testing::TestParamInfo<RuleFixture>& fixture) {
                             const fs::path p(fixture.param.dir);
                             std::string name =
                                 p.parent_path().filename().string() + "_" + p.filename().string();
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

}  // namespace
}  // namespace ims::test
