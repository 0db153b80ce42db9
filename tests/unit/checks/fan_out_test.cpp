// The fan-out of a check's Harmonized Structure requirements to the clauses of the adopted
// standards, over the shipped mappings: equal and subset (read from the hs clause) count,
// superset and intersect do not, and only adopted standards are reached.
#include "ims/core/catalog.hpp"
#include "ims/core/checks.hpp"
#include "ims/core/mappings.hpp"

#include <gtest/gtest.h>

namespace {

using Ids = std::vector<std::string>;

class FanOut : public ::testing::Test {
protected:
    FanOut() : host_({IMS_BUILD_PLUGIN_DIR}), library_(host_), graph_(host_, library_) {}

    Ids fan_out(const Ids& requirements, const Ids& adopted) const {
        return ims::checks::fan_out(requirements, graph_, adopted);
    }

    ims::plugins::PluginHost host_;
    ims::catalog::Library library_;
    ims::mappings::MappingGraph graph_;
};

TEST_F(FanOut, InternalAuditReachesNinePointTwoOfEveryAdoptedStandard) {
    EXPECT_EQ(fan_out({"hs/9.2"}, {"iso22301:2019", "iso27001:2022", "iso27701:2025"}),
              (Ids{"hs/9.2", "iso22301:2019/9.2", "iso27001:2022/9.2", "iso27701:2025/9.2"}));
    EXPECT_EQ(fan_out({"hs/9.2"}, {"iso27001:2022"}), (Ids{"hs/9.2", "iso27001:2022/9.2"}));
    EXPECT_EQ(fan_out({"hs/9.2"}, {}), (Ids{"hs/9.2"}));
}

TEST_F(FanOut, SubsetCountsAndIntersectDoesNot) {
    // 27001:2022 6.1 is a superset of hs 6.1 and 6.1.1 equal to it: both count. 6.1.2 and 6.1.3
    // only intersect it: failing hs 6.1 says nothing certain about them.
    EXPECT_EQ(fan_out({"hs/6.1"}, {"iso27001:2022"}),
              (Ids{"hs/6.1", "iso27001:2022/6.1", "iso27001:2022/6.1.1"}));
    // 27701:2019 5.7.2 extends hs 9.2 (superset of it): the hs clause is part of it.
    EXPECT_EQ(fan_out({"hs/9.2"}, {"iso27701:2019"}), (Ids{"hs/9.2", "iso27701:2019/5.7.2"}));
}

TEST_F(FanOut, RequirementsOfOtherStandardsStayAsDeclared) {
    EXPECT_EQ(fan_out({"gdpr/Art.33", "hs/10.nc"}, {"iso27001:2022", "gdpr"}),
              (Ids{"gdpr/Art.33", "hs/10.nc", "iso27001:2022/10.2"}));
}

}  // namespace
