// The one JSON parser of libims_core: documents as nlohmann builds them, and every refusal naming
// the source, line, column and, where it helps, the JSON pointer.
#include "formats/json_reader.hpp"
#include "ims/core/error.hpp"
#include "util/utf8.hpp"

#include <gtest/gtest.h>

#include <string>

using ims::formats::kMaxJsonDepth;
using ims::formats::parse_json;

namespace {

// The message parse_json refuses `text` with; fails the test when it accepts it.
std::string refusal(const std::string& text) {
    try {
        parse_json(text, "in.json");
    } catch (const ims::Error& e) {
        EXPECT_EQ(e.code(), ims::ErrorCode::kInvalidInput);
        return e.what();
    }
    ADD_FAILURE() << "accepted: " << text.substr(0, 80);
    return {};
}

std::string nested_arrays(std::size_t depth) {
    return std::string(depth, '[') + std::string(depth, ']');
}

TEST(JsonReader, BuildsTheSameDocumentAsNlohmann) {
    const std::string text = R"({"a": [1, -2, 3.5, 18446744073709551615, true, null, "x\u00e9"],
        "b": {"c": {}, "d": []}, "e~/f": "\ud83d\ude00"})";
    EXPECT_EQ(parse_json(text, "in.json"), nlohmann::json::parse(text));
    EXPECT_EQ(parse_json("\xEF\xBB\xBF 7 ", "in.json"), 7);
}

TEST(JsonReader, AcceptsNestingUpToTheBoundAndRefusesOneLevelMore) {
    EXPECT_NO_THROW(parse_json(nested_arrays(kMaxJsonDepth), "in.json"));
    EXPECT_EQ(
        refusal("{\"a\": {\"b\": [0, " + nested_arrays(kMaxJsonDepth - 2) + "]}}"),
        "in.json:1:" + std::to_string(17 + kMaxJsonDepth - 3) +
            ": JSON nested deeper than 256 levels at /a/b/1" + [] {
                std::string tail;
                for (std::size_t i = 0; i < kMaxJsonDepth - 3; ++i) tail += "/0";
                return tail;
            }());
}

TEST(JsonReader, RefusesAMillionLevelsWithoutExhaustingTheStack) {
    std::string message = refusal("{\"x\":\n" + nested_arrays(1'000'000) + "}");
    EXPECT_EQ(message.rfind("in.json:2:256: JSON nested deeper than 256 levels at /x/0/0/", 0), 0u)
        << message.substr(0, 200);
}

TEST(JsonReader, RepeatedKeyNamesItsLineColumnAndPointer) {
    EXPECT_EQ(refusal("{\"rows\": [{\"a/b\": 1},\n  {\"a/b\": 2,  \"a/b\": 3}]}"),
              "in.json:2:15: /rows/1/a~1b: this key appears twice in one object; keep one");
    EXPECT_EQ(refusal("{\"k\": 1, \"k\": {}}"),
              "in.json:1:10: /k: this key appears twice in one object; keep one");
}

TEST(JsonReader, SyntaxErrorsNameLineAndColumn) {
    EXPECT_EQ(refusal("{\n  \"a\": tru\n}").rfind("in.json:2:11: malformed JSON: syntax error", 0),
              0u);
    EXPECT_EQ(refusal("[1, 2] x").rfind("in.json:1:8: malformed JSON: syntax error", 0), 0u);
    EXPECT_EQ(refusal("").rfind("in.json:1:1: malformed JSON: syntax error", 0), 0u);
    EXPECT_EQ(refusal("[1e999]"), "in.json:1:6: malformed JSON: number overflow parsing '1e999'");
}

TEST(JsonReader, RefusesEveryMalformedUtf8FormWithoutEchoingTheBytes) {
    for (const char* bytes : {"\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                              "\xE2\x82", "\x80", "\xFF"}) {
        std::string message = refusal(std::string("[\"ok\",\n \"a") + bytes + "b\"]");
        EXPECT_EQ(message.rfind("in.json:2:4: not UTF-8 text (bytes 0x", 0), 0u) << message;
        EXPECT_EQ(ims::util::first_invalid_utf8(message), std::nullopt) << message;
    }
}

TEST(JsonReader, RefusesUnpairedSurrogateEscapes) {
    EXPECT_NE(refusal(R"(["\ud800"])").find("surrogate"), std::string::npos);
    EXPECT_NE(refusal(R"(["\udc00x"])").find("surrogate"), std::string::npos);
}

}  // namespace
