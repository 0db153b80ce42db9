// Native checks through `ims check` (acceptance 4): the fixture-checks plugin's checks that throw,
// report an error through the C ABI, or work until cancelled each become one `error` result, the
// run exits 3, and every other result is complete.
#include "test_support.hpp"

#include <gtest/gtest.h>

using ims::test::run_ims;

namespace {

const std::string kPlugin = std::string(IMS_TEST_PLUGIN_DIR) + "/fixture-checks";

std::string message_of(const nlohmann::json& doc, const std::string& check_id) {
    for (const auto& r : doc["results"])
        if (r["check_id"] == check_id)
            return r["status"].get<std::string>() + ": " + r["message"].get<std::string>();
    return "(no result)";
}

TEST(NativeChecksOfARun, ThrowingFailingAndSlowChecksAreOneErrorEachAndTheRestComplete) {
    ims::test::TempDir dir;
    const std::string store = dir.file("acme.ims");
    ASSERT_EQ(run_ims({"init", store, "--org", "Acme"}).exit_code, 0);
    auto run = run_ims({"check", store, "--plugin-path", kPlugin, "--as-of", "2026-11-25",
                        "--time-limit", "1", "--output", "json"});
    EXPECT_EQ(run.exit_code, 3) << run.err;
    const auto doc = run.json();
    EXPECT_EQ(doc["summary"]["status"]["error"], 3);
    EXPECT_EQ(message_of(doc, "fixture-checks/throws"),
              "error: check 'fixture-checks/throws' (native 'fixture.throws' of plugin "
              "'fixture-checks') could not be evaluated: the disk is on fire");
    EXPECT_EQ(message_of(doc, "fixture-checks/reports-an-error"),
              "error: check 'fixture-checks/reports-an-error' (native 'fixture.reports_error' of "
              "plugin 'fixture-checks') could not be evaluated: the register is locked by another "
              "user");
    EXPECT_EQ(message_of(doc, "fixture-checks/waits-for-cancel"),
              "error: check 'fixture-checks/waits-for-cancel' (native 'fixture.waits_for_cancel' "
              "of plugin 'fixture-checks') could not be evaluated: it ran past its time limit of "
              "1 s and was stopped");
    EXPECT_EQ(message_of(doc, "fixture-checks/organisation-named"),
              "pass: organisation Acme as of 2026-11-25");
    for (const auto& r : doc["results"]) {
        if (r["status"] == "error") {
            EXPECT_EQ(r["subject_id"], r["check_id"]);
        }
    }
}

}  // namespace
