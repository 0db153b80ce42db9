// The strict UTF-8 check every text input goes through, and the positions its messages name.
#include "util/utf8.hpp"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

using ims::util::first_invalid_utf8;

namespace {

TEST(Utf8, AcceptsEveryBoundaryOfEveryLength) {
    for (const char* text : {"", "plain ascii\n", "\x7F", "\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80",
                             "\xED\x9F\xBF", "\xEE\x80\x80", "\xEF\xBF\xBF", "\xF0\x90\x80\x80",
                             "\xF4\x8F\xBF\xBF", "Caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"})
        EXPECT_EQ(first_invalid_utf8(text), std::nullopt) << text;
    EXPECT_EQ(first_invalid_utf8(std::string_view("a\0b", 3)), std::nullopt);
}

TEST(Utf8, RefusesEachMalformedFormAtItsFirstByte) {
    const std::vector<std::pair<const char*, const char*>> bad = {
        {"overlong two-byte", "\xC0\xAF"},
        {"overlong two-byte C1", "\xC1\xBF"},
        {"overlong three-byte", "\xE0\x80\xAF"},
        {"overlong four-byte", "\xF0\x80\x80\xAF"},
        {"high surrogate", "\xED\xA0\x80"},
        {"low surrogate", "\xED\xBF\xBF"},
        {"above U+10FFFF", "\xF4\x90\x80\x80"},
        {"F5 lead byte", "\xF5\x80\x80\x80"},
        {"FF byte", "\xFF"},
        {"truncated at the end", "\xE2\x82"},
        {"truncated before ASCII", "\xE2\x82z"},
        {"stray continuation", "\x80"},
        {"Latin-1", "\xE9t\xE9"}};
    for (const auto& [what, bytes] : bad) {
        std::string text = std::string("ok \xC3\xA9 ") + bytes + " after";
        EXPECT_EQ(first_invalid_utf8(text), std::size_t{6}) << what;
    }
}

TEST(Utf8, PositionCountsLinesAndCharactersNotBytes) {
    std::string text = "first\n\xC3\xA9t\xC3\xA9 x";
    auto at = ims::util::position_of(text, text.find('x'));
    EXPECT_EQ(at.line, 2u);
    EXPECT_EQ(at.column, 5u);
}

TEST(Utf8, DescribesTheBadBytesInHex) {
    EXPECT_EQ(ims::util::describe_bytes_at("a\xED\xA0\x80z", 1), "0xED 0xA0 0x80");
    EXPECT_EQ(ims::util::describe_bytes_at("\xFF", 0), "0xFF");
}

}  // namespace
