// The CSV writer: what ims writes reads back as the same cells, as exports must re-import without
// loss (the reader's own tests are in model/model_test.cpp).
#include "formats/csv.hpp"
#include "ims/core/error.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using ims::formats::csv_record;
using ims::formats::read_csv;

namespace {

std::vector<std::vector<std::string>> cells_of(const std::string& text) {
    std::vector<std::vector<std::string>> out;
    for (const auto& record : read_csv(text, "in.csv")) out.push_back(record.cells);
    return out;
}

std::vector<std::vector<std::string>> round_trip(
    const std::vector<std::vector<std::string>>& rows) {
    std::string text;
    for (const auto& row : rows) text += csv_record(row);
    return cells_of(text);
}

TEST(Csv, RecordOfOneEmptyCellSurvivesARoundTrip) {
    // Found by fuzz_csv: written unquoted it was a blank line, which the reader skips.
    const std::vector<std::vector<std::string>> rows = {{"id"}, {""}, {"x"}};
    EXPECT_EQ(round_trip(rows), rows);
}

TEST(Csv, CellStartingWithAByteOrderMarkSurvivesARoundTrip) {
    // The reader drops a byte-order mark at the start of the file, so the writer quotes it.
    const std::vector<std::vector<std::string>> rows = {{"\xEF\xBB\xBFid", "b"}, {"1", "2"}};
    EXPECT_EQ(round_trip(rows), rows);
}

// A file is read in chunks of 256 KiB: records, CRLF pairs, "" escapes and UTF-8 sequences cut
// by a chunk's end must read as they do from the whole text.
TEST(Csv, FileReadInChunksGivesTheRecordsOfTheWholeText) {
    std::string text = "\xEF\xBB\xBFid,note,n\r\n";
    for (int i = 0; text.size() < 3 * 256 * 1024; ++i)
        text += "R-" + std::to_string(i) + ",\"caf\xC3\xA9 \"\"" + std::string(i % 7, 'x') +
                "\"\"\nline two\"," + std::to_string(i) + (i % 3 ? "\r\n" : "\n");
    for (std::size_t shift = 0; shift < 8; ++shift) {  // move every cut across the record
        ims::test::TempDir dir;
        const std::string shifted = std::string(shift, '\n') + text.substr(3);
        ims::test::write_file(dir.file("t.csv"), shifted);
        auto reader = ims::formats::CsvReader::open_file(dir.file("t.csv"));
        std::vector<ims::formats::CsvRecord> records;
        for (ims::formats::CsvRecord record; reader.next(record);) records.push_back(record);
        const auto whole = read_csv(shifted, "t.csv");
        ASSERT_EQ(records.size(), whole.size());
        for (std::size_t i = 0; i < whole.size(); ++i) {
            ASSERT_EQ(records[i].cells, whole[i].cells) << i;
            ASSERT_EQ(records[i].line, whole[i].line) << i;
        }
    }
}

TEST(Csv, BytesThatAreNotUtf8PastTheFirstChunkNameTheirLine) {
    std::string text = "id,name\n";
    int line = 1;
    while (text.size() < 600 * 1024) text += "P-" + std::to_string(++line) + ",Ann\n";
    text += "P-x,Caf\xE9\n";
    ims::test::TempDir dir;
    ims::test::write_file(dir.file("people.csv"), text);
    auto reader = ims::formats::CsvReader::open_file(dir.file("people.csv"));
    try {
        for (ims::formats::CsvRecord record; reader.next(record);) {
        }
        FAIL() << "expected a refusal";
    } catch (const ims::Error& e) {
        const std::string expected = dir.file("people.csv") + ":" + std::to_string(line + 1) +
                                     ": this line is not UTF-8 text (bytes 0xE9";
        EXPECT_EQ(std::string(e.what()).rfind(expected, 0), 0u) << e.what();
    }
}

}  // namespace
