#include "plugins/version.hpp"

#include <gtest/gtest.h>

using ims::plugins::parse_version;
using ims::plugins::satisfies;

TEST(Version, ParsesOneToThreeParts) {
    EXPECT_EQ(parse_version("1.2.3"), (ims::plugins::Version{1, 2, 3}));
    EXPECT_EQ(parse_version("2"), (ims::plugins::Version{2, 0, 0}));
    EXPECT_FALSE(parse_version("1.2.3.4"));
    EXPECT_FALSE(parse_version("1..2"));
    EXPECT_FALSE(parse_version("v1"));
    EXPECT_FALSE(parse_version("1."));
}

TEST(VersionRange, AllComparatorsMustHold) {
    auto v = *parse_version("1.4.0");
    EXPECT_TRUE(*satisfies(v, ">=1.0.0 <2.0.0"));
    EXPECT_FALSE(*satisfies(v, ">=1.5.0 <2.0.0"));
    EXPECT_TRUE(*satisfies(v, "^1.2"));
    EXPECT_FALSE(*satisfies(v, "~1.2"));
    EXPECT_TRUE(*satisfies(v, "*"));
    EXPECT_TRUE(*satisfies(v, "1.4.0"));
    EXPECT_FALSE(satisfies(v, ">=one").has_value());
}
