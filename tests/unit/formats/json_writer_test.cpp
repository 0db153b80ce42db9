// The streaming JSON writer (formats/json_writer.hpp) writes what nlohmann's dump(2) writes, so
// that streamed reports and exports keep their bytes.
#include "formats/json_writer.hpp"
#include "ims/core/error.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

using ims::formats::JsonWriter;

TEST(JsonWriter, WritesWhatNlohmannDumpsWithTwoSpaces) {
    const auto doc = nlohmann::ordered_json::parse(R"({
        "text": "quote \" backslash \\ tab \t line \n cr \r bell \u0007 del \u007f é ✓",
        "empty_object": {}, "empty_array": [], "numbers": [0, -7, 9007199254740993],
        "flags": [true, false, null],
        "nested": {"list": [{"a": [[]], "b": {"c": {}}}], "last": "x"}
    })");
    std::string out;
    JsonWriter json(out);
    json.value(doc);
    EXPECT_EQ(out, doc.dump(2));
}

TEST(JsonWriter, BuildsTheSameDocumentPieceByPiece) {
    std::string out;
    JsonWriter json(out);
    json.begin_object();
    json.key("a");
    json.begin_array();
    json.string("x");
    json.number(42);
    json.boolean(true);
    json.begin_object();
    json.end_object();
    json.end_array();
    json.key("b");
    json.begin_array();
    json.end_array();
    json.end_object();
    EXPECT_EQ(out, nlohmann::json::parse(R"({"a": ["x", 42, true, {}], "b": []})").dump(2));
}

TEST(JsonWriter, RefusesTextThatIsNotUtf8OrReplacesItAsNlohmannDoes) {
    const std::string bad = "ok \xC0\xAF end";
    std::string out;
    EXPECT_THROW(ims::formats::append_json_string(out, bad), ims::Error);
    out.clear();
    ims::formats::append_json_string(out, bad, ims::formats::InvalidUtf8::kReplace);
    EXPECT_EQ(out,
              nlohmann::json(bad).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace
