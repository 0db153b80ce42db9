// Relation algebra and multi-hop inference over real plugins plus a data-only fixture standard.
#include "ims/core/mappings.hpp"
#include "formats/json_reader.hpp"
#include "test_support.hpp"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

using ims::mappings::compose;
using ims::mappings::Relation;
using ims::mappings::reverse;

TEST(RelationAlgebra, ReverseSwapsSubsetAndSuperset) {
    EXPECT_EQ(reverse(Relation::kSubset), Relation::kSuperset);
    EXPECT_EQ(reverse(Relation::kSuperset), Relation::kSubset);
    EXPECT_EQ(reverse(Relation::kEqual), Relation::kEqual);
    EXPECT_EQ(reverse(Relation::kIntersect), Relation::kIntersect);
}

TEST(RelationAlgebra, ComposingNeverStrengthensARelation) {
    EXPECT_EQ(compose(Relation::kEqual, Relation::kEqual), Relation::kEqual);
    EXPECT_EQ(compose(Relation::kEqual, Relation::kSubset), Relation::kSubset);
    EXPECT_EQ(compose(Relation::kSubset, Relation::kSubset), Relation::kSubset);
    EXPECT_EQ(compose(Relation::kSubset, Relation::kSuperset), Relation::kIntersect);
    EXPECT_EQ(compose(Relation::kSuperset, Relation::kEqual), Relation::kSuperset);
    EXPECT_EQ(compose(Relation::kIntersect, Relation::kEqual), Relation::kIntersect);
}

namespace {

class FixtureGraph : public ::testing::Test {
protected:
    FixtureGraph()
        : host_({IMS_FIXTURE_PLUGIN_DIR, IMS_BUILD_PLUGIN_DIR}), library_(host_), graph_(host_, library_) {}

    const ims::mappings::Related* find(const std::vector<ims::mappings::Related>& list, const std::string& id) {
        for (const auto& r : list)
            if (r.requirement_id == id) return &r;
        return nullptr;
    }

    ims::plugins::PluginHost host_;
    ims::catalog::Library library_;
    ims::mappings::MappingGraph graph_;
};

TEST_F(FixtureGraph, DataOnlyPluginLoadsAndItsMappingsAreRead) {
    ASSERT_TRUE(host_.find("acme-sec")->loaded()) << host_.find("acme-sec")->error;
    EXPECT_TRUE(graph_.problems().empty()) << graph_.problems().front();
    EXPECT_NE(library_.find("acme-sec:1"), nullptr);
}

TEST_F(FixtureGraph, ReverseEdgesAreFollowedWithTheReversedRelation) {
    auto related = graph_.related("iso27001:2022/A.8.13");
    const auto* bk1 = find(related, "acme-sec:1/BK.1");
    ASSERT_NE(bk1, nullptr);
    EXPECT_EQ(bk1->relation, Relation::kSuperset);
    ASSERT_EQ(bk1->paths.front().hops.size(), 1u);
    EXPECT_TRUE(bk1->paths.front().hops[0].reversed);
}

TEST_F(FixtureGraph, InfersThroughTheHarmonizedStructureAndKeepsThePath) {
    auto related = graph_.related("acme-sec:1/GV.1");
    const auto* hs = find(related, "hs/10.nc");
    ASSERT_NE(hs, nullptr);
    EXPECT_EQ(hs->relation, Relation::kEqual);
    const auto* iso = find(related, "iso27001:2022/10.2");
    ASSERT_NE(iso, nullptr);
    ASSERT_FALSE(iso->paths.empty());
    const auto& path = iso->paths.front();
    ASSERT_EQ(path.hops.size(), 2u);
    EXPECT_EQ(path.hops[0].target, "hs/10.nc");
    EXPECT_EQ(path.hops[1].target, "iso27001:2022/10.2");
}

TEST_F(FixtureGraph, HopLimitIsHonoured) {
    auto related = graph_.related("acme-sec:1/GV.1", 1);
    for (const auto& r : related)
        for (const auto& p : r.paths) EXPECT_EQ(p.hops.size(), 1u) << r.requirement_id;
}

}  // namespace

namespace {

TEST(MappingFiles, RowsTowardsAStandardThatIsNotInstalledAreSkippedQuietly) {
    // Only the fixture and the core HS package: acme-sec's iso27001 mapping has nothing to meet.
    ims::test::TempDir dir;
    std::filesystem::copy(std::string(IMS_FIXTURE_PLUGIN_DIR) + "/acme-sec", dir.file("acme-sec"),
                          std::filesystem::copy_options::recursive);
    std::filesystem::copy(std::string(IMS_BUILD_PLUGIN_DIR) + "/core", dir.file("core"),
                          std::filesystem::copy_options::recursive);
    // The fixture requires iso27001; drop that so it loads alone.
    auto manifest = ims::formats::read_json_file(dir.file("acme-sec/plugin.json"));
    manifest.erase("requires");
    std::ofstream(dir.file("acme-sec/plugin.json")) << manifest.dump();
    ims::plugins::PluginHost host({dir.path()});
    ims::catalog::Library library(host);
    ims::mappings::MappingGraph graph(host, library);
    EXPECT_TRUE(graph.problems().empty()) << graph.problems().front();
    EXPECT_EQ(graph.edge_count(), 1u);  // only GV.1 -> hs/10.nc
}

}  // namespace
