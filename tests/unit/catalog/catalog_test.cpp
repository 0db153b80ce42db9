// The shipped catalogs against the reference lists, and catalog validation messages.
#include "ims/core/catalog.hpp"
#include "ims/core/error.hpp"
#include "formats/json_reader.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>

namespace {

class ShippedCatalogs : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        host_ = new ims::plugins::PluginHost({IMS_BUILD_PLUGIN_DIR});
        library_ = new ims::catalog::Library(*host_);
    }
    static void TearDownTestSuite() {
        delete library_;
        delete host_;
    }
    const ims::catalog::Standard& standard(const std::string& id) {
        const auto* s = library_->find(id);
        if (s == nullptr) throw std::runtime_error("standard " + id + " is not installed");
        return *s;
    }
    int count(const std::string& id, const std::string& kind, const std::string& ref_pattern = ".*") {
        std::regex re(ref_pattern);
        int n = 0;
        for (const auto& r : standard(id).requirements)
            if (r.kind == kind && std::regex_match(r.ref, re)) ++n;
        return n;
    }
    static ims::plugins::PluginHost* host_;
    static ims::catalog::Library* library_;
};
ims::plugins::PluginHost* ShippedCatalogs::host_ = nullptr;
ims::catalog::Library* ShippedCatalogs::library_ = nullptr;

TEST_F(ShippedCatalogs, LoadWithoutProblems) {
    EXPECT_TRUE(library_->problems().empty()) << library_->problems().front();
}

TEST_F(ShippedCatalogs, Iso27001MatchesTheReferenceIdsAndTitles) {
    std::string path = ims::test::reference_data_path();
    if (path.empty()) GTEST_SKIP() << "../shared/reference/standards_data.json is not present";
    auto reference = ims::formats::read_json_file(path)["iso27001_2022"];
    std::vector<std::pair<std::string, std::string>> expected, actual;
    for (const auto& c : reference["clauses"]) expected.emplace_back(c[0], c[1]);
    for (const auto& t : reference["annex_a_themes"]) expected.emplace_back(t[0], t[1]);
    for (const auto& c : reference["annex_a"]) expected.emplace_back(c[0], c[1]);
    for (const auto& r : standard("iso27001:2022").requirements) actual.emplace_back(r.ref, r.title);
    EXPECT_EQ(actual, expected);
}

TEST_F(ShippedCatalogs, CountsMatchTheReference) {
    EXPECT_EQ(count("iso27001:2022", "control"), 93);
    EXPECT_EQ(count("iso22301:2019", "clause", R"(\d+\.\d+(\.\d+)*)"), 57);
    EXPECT_EQ(count("iso27701:2025", "control", R"(A\.1\..*)"), 31);
    EXPECT_EQ(count("iso27701:2025", "control", R"(A\.2\..*)"), 18);
    EXPECT_EQ(count("iso27701:2025", "control", R"(A\.3\..*)"), 29);
    EXPECT_EQ(count("iso27701:2019", "control", R"(A\..*)"), 31);
    EXPECT_EQ(count("iso27701:2019", "control", R"(B\..*)"), 18);
    EXPECT_EQ(count("gdpr", "article", R"(Art\.\d+)"), 99);
    EXPECT_EQ(count("gdpr", "chapter"), 11);
    EXPECT_EQ(count("popia", "condition"), 8);
    EXPECT_EQ(count("hs", "clause", R"(10\.(nc|ci))"), 2);
}

TEST_F(ShippedCatalogs, IsoSummariesAreOurOwnWords) {
    for (const char* id : {"iso27001:2022", "iso22301:2019", "iso27701:2025", "iso27701:2019", "hs"}) {
        for (const auto& r : standard(id).requirements) {
            EXPECT_EQ(r.summary.find("shall"), std::string::npos) << r.id;
            EXPECT_TRUE(r.text.empty()) << r.id << " carries text of the standard";
        }
    }
}

TEST(CatalogValidation, NamesThePointerOfAParentThatIsNotListedBefore) {
    ims::test::TempDir dir;
    std::ofstream(dir.file("c.json")) << R"({"format": "ims-catalog/1",
        "standard": {"id": "x:1", "short_title": "X"},
        "requirements": [{"ref": "1", "kind": "clause", "title": "One"},
                         {"ref": "1.1", "parent": "2", "kind": "clause", "title": "Sub"}]})";
    try {
        ims::catalog::load_catalog(dir.file("c.json"));
        FAIL() << "expected a refusal";
    } catch (const ims::Error& e) {
        EXPECT_EQ(std::string(e.what()), dir.file("c.json") +
                                             ": /requirements/1/parent: parent \"2\" is not a ref "
                                             "listed before this entry");
    }
}

}  // namespace
