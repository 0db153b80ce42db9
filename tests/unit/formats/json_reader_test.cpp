// The one JSON parser of libims_core: documents as nlohmann builds them, and every refusal naming
// the source, line, column and, where it helps, the JSON pointer.
#include "formats/json_reader.hpp"
#include "ims/core/error.hpp"
#include "test_support.hpp"
#include "util/utf8.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

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

// What a stream is handed, as text: "array K", "element K I V", "member K V", "whole V".
class Recorder : public ims::formats::JsonObjectStream {
public:
    bool array(const std::string& key) override {
        events.push_back("array " + key);
        return key != "skipped";
    }
    void element(const std::string& key, std::size_t index, nlohmann::json value) override {
        events.push_back("element " + key + " " + std::to_string(index) + " " + value.dump());
    }
    void member(const std::string& key, nlohmann::json value) override {
        events.push_back("member " + key + " " + value.dump());
    }
    void not_an_object(nlohmann::json value) override { events.push_back("whole " + value.dump()); }
    std::vector<std::string> events;
};

TEST(JsonStream, HandsOverEachMemberAndEachArrayElementInOrder) {
    Recorder recorder;
    ims::formats::stream_json_object(
        R"({"format": "x", "people": [{"id": "P-1", "tags": [1, [2]]}, 7], "skipped": [1, 2],
            "org": {"name": "A"}, "empty": []})",
        "in.json", recorder);
    EXPECT_EQ(recorder.events,
              (std::vector<std::string>{"member format \"x\"", "array people",
                                        R"(element people 0 {"id":"P-1","tags":[1,[2]]})",
                                        "element people 1 7", "array skipped",
                                        R"(member org {"name":"A"})", "array empty"}));
    Recorder whole;
    ims::formats::stream_json_object("[1, 2]", "in.json", whole);
    EXPECT_EQ(whole.events, std::vector<std::string>{"whole [1,2]"});
}

TEST(JsonStream, ProblemsInAStreamedArrayNameTheirLineColumnAndPointer) {
    Recorder recorder;
    try {
        ims::formats::stream_json_object("{\"rows\": [{\"a\": 1},\n  {\"a\": 2,  \"a\": 3}]}",
                                         "in.json", recorder);
        FAIL() << "expected a refusal";
    } catch (const ims::Error& e) {
        EXPECT_EQ(std::string(e.what()),
                  "in.json:2:13: /rows/1/a: this key appears twice in one object; keep one");
    }
    EXPECT_EQ(recorder.events.size(), 2u);  // the array and its first element came before
    EXPECT_THROW(ims::formats::stream_json_object(R"({"k": [], "k": 1})", "in.json", recorder),
                 ims::Error);
}

// A file is read in chunks of 256 KiB: elements, strings and UTF-8 sequences cut by a chunk's end
// must read as from the whole text, and a problem far into the file must name the same line and
// column.
TEST(JsonStream, FileReadInChunksGivesWhatTheWholeTextGives) {
    std::string text = "{\"format\": \"ims-import/1\",\n \"people\": [";
    for (int i = 0; text.size() < 700 * 1024; ++i)
        text += std::string(i ? ",\n  " : "\n  ") + R"({"id": "P-)" + std::to_string(i) +
                R"(", "name": "Caf\u00e9 )" + std::string(i % 11, 'x') + " \xC3\xA9\xE2\x82\xAC\"}";
    ims::test::TempDir dir;
    for (const std::string& ending : {std::string("]}\n"), std::string("], \"x\": tru}\n")}) {
        ims::test::write_file(dir.file("in.json"), text + ending);
        Recorder from_file, from_text;
        std::string file_error, text_error;
        try {
            ims::formats::stream_json_object_file(dir.file("in.json"), from_file);
        } catch (const ims::Error& e) {
            file_error = e.what();
        }
        try {
            ims::formats::stream_json_object(text + ending, dir.file("in.json"), from_text);
        } catch (const ims::Error& e) {
            text_error = e.what();
        }
        EXPECT_GT(from_file.events.size(), 5000u);
        EXPECT_EQ(from_file.events, from_text.events);
        EXPECT_EQ(file_error, text_error);
    }
    ims::test::write_file(dir.file("bad.json"), text + ", \"x\": \"\xFF\"]}");
    Recorder bad;
    try {
        ims::formats::stream_json_object_file(dir.file("bad.json"), bad);
        FAIL() << "expected a refusal";
    } catch (const ims::Error& e) {
        const std::string at =
            ":" + std::to_string(std::count(text.begin(), text.end(), '\n') + 1) + ":";
        EXPECT_NE(std::string(e.what()).find(at), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("not UTF-8 text (bytes 0xFF)"), std::string::npos)
            << e.what();
    }
}

}  // namespace
