// `ims map`: relations across the installed standards, through the Harmonized Structure.
#include "test_support.hpp"

#include <gtest/gtest.h>

using ims::test::run_ims;

namespace {

nlohmann::json related_entry(const nlohmann::json& doc, const std::string& id) {
    for (const auto& r : doc["related"])
        if (r["id"] == id) return r;
    return nullptr;
}

nlohmann::json map_json(const std::string& requirement) {
    auto run = run_ims({"map", requirement, "--format", "json"});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return run.json();
}

TEST(CliMap, NonconformityMapsByMeaningNotByNumber) {
    auto doc = map_json("iso27001:2022/10.2");
    auto bcm = related_entry(doc, "iso22301:2019/10.1");
    ASSERT_FALSE(bcm.is_null()) << doc.dump(2);
    EXPECT_EQ(bcm["relation"], "equal");
    EXPECT_EQ(bcm["paths"][0]["hops"][0]["to"], "hs/10.nc");
    EXPECT_TRUE(related_entry(doc, "iso22301:2019/10.2").is_null())
        << "22301 10.2 is continual improvement, not corrective action";
    auto pims = related_entry(doc, "iso27701:2025/10.2");
    ASSERT_FALSE(pims.is_null());
    EXPECT_EQ(pims["paths"][0]["hops"][0]["to"], "hs/10.nc");
}

TEST(CliMap, Iso27701Of2019ResolvesToTheSameHarmonizedClause) {
    auto doc = map_json("iso27701:2019/5.8.1");
    EXPECT_FALSE(related_entry(doc, "hs/10.nc").is_null()) << doc.dump(2);
    EXPECT_FALSE(related_entry(doc, "iso27001:2022/10.2").is_null());
}

TEST(CliMap, Iso27701EditionsCorrespondControlByControl) {
    auto doc = map_json("iso27701:2019/A.7.2.2");
    auto entry = related_entry(doc, "iso27701:2025/A.1.2.3");
    ASSERT_FALSE(entry.is_null()) << doc.dump(2);
    EXPECT_EQ(entry["relation"], "equal");
    EXPECT_EQ(entry["paths"][0]["hops"].size(), 1u);
}

TEST(CliMap, DataOnlyPluginInstalledByPathTakesPart) {
    auto run = run_ims({"map", "acme-sec:1/GV.1", "--format", "json", "--plugin-path",
                        std::string(IMS_SOURCE_DIR) + "/tests/fixtures/plugins/acme-sec"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    auto doc = run.json();
    EXPECT_FALSE(related_entry(doc, "hs/10.nc").is_null()) << doc.dump(2);
    EXPECT_FALSE(related_entry(doc, "iso22301:2019/10.1").is_null());
}

TEST(CliMap, UnknownRequirementIsAUsageError) {
    auto run = run_ims({"map", "iso27001:2022/A.99.1"});
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_NE(run.err.find("no installed catalog has requirement 'iso27001:2022/A.99.1'"), std::string::npos)
        << run.err;
}

}  // namespace
