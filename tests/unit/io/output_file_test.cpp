// io::OutputFile, the one writer of output files: atomic placement, no-clobber that holds when
// the target appears while writing, streaming, and the rule that no output replaces a store.
#include "ims/core/output_file.hpp"
#include "ims/core/error.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

using ims::io::Existing;
using ims::io::OutputFile;
using ims::test::read_all;
namespace fs = std::filesystem;

namespace {

void write_file(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

std::size_t entries_in(const std::string& dir) {
    return static_cast<std::size_t>(
        std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

ims::ErrorCode code_of(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const ims::Error& e) {
        return e.code();
    }
    ADD_FAILURE() << "no ims::Error thrown";
    return ims::ErrorCode::kInternal;
}

TEST(OutputFile, NothingAppearsBeforeCommitAndNothingIsLeftWithoutOne) {
    ims::test::TempDir dir;
    const std::string path = dir.file("report.txt");
    {
        OutputFile out(path, Existing::kRefuse);
        out.write("half a report");
        EXPECT_FALSE(fs::exists(path));
    }
    EXPECT_EQ(entries_in(dir.path()), 0u);
}

TEST(OutputFile, StreamsChunksInOrderPastItsBuffer) {
    ims::test::TempDir dir;
    const std::string path = dir.file("big.txt");
    std::string expected;
    OutputFile out(path, Existing::kRefuse);
    for (int i = 0; i < 20000; ++i) {
        std::string line = "line " + std::to_string(i) + "\n";
        out.write(line);
        expected += line;
    }
    out.commit();
    EXPECT_EQ(read_all(path), expected);
    EXPECT_EQ(entries_in(dir.path()), 1u);
}

TEST(OutputFile, RefuseKeepsAFileThatAppearedWhileWriting) {
    ims::test::TempDir dir;
    const std::string path = dir.file("report.txt");
    OutputFile out(path, Existing::kRefuse);
    out.write("ours");
    write_file(path, "theirs");
    EXPECT_EQ(code_of([&] { out.commit(); }), ims::ErrorCode::kConflict);
    EXPECT_EQ(read_all(path), "theirs");
    EXPECT_EQ(entries_in(dir.path()), 1u);
}

TEST(OutputFile, ReplaceKeepsThePermissionsOfTheReplacedFile) {
    ims::test::TempDir dir;
    const std::string path = dir.file("report.txt");
    write_file(path, "old");
    ASSERT_EQ(::chmod(path.c_str(), 0640), 0);
    ims::io::write_output_file(path, "new", Existing::kReplace);
    EXPECT_EQ(read_all(path), "new");
    struct stat st {};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0640u);
}

TEST(OutputFile, AnExternalWriterWritesAtTheTemporaryPath) {
    ims::test::TempDir dir;
    const std::string path = dir.file("book.xlsx");
    OutputFile out(path, Existing::kRefuse);
    write_file(out.temp_path(), "written by a library");
    out.commit();
    EXPECT_EQ(read_all(path), "written by a library");
    EXPECT_EQ(entries_in(dir.path()), 1u);
}

TEST(OutputFile, NeverReplacesAnSqliteDatabaseOrItsJournalEvenWhenReplacing) {
    ims::test::TempDir dir;
    const std::string store = dir.file("acme.ims");
    ims::test::tamper(store, "CREATE TABLE t (x)");
    const std::string header = read_all(store);
    for (const std::string& target : {store, store + "-wal", store + "-journal", store + "-shm"}) {
        SCOPED_TRACE(target);
        EXPECT_EQ(code_of([&] { ims::io::write_output_file(target, "x", Existing::kReplace); }),
                  ims::ErrorCode::kConflict);
        EXPECT_FALSE(target != store && fs::exists(target));
    }
    EXPECT_EQ(read_all(store), header);
    // A WAL file keeps its magic number wherever it is found.
    const std::string wal = dir.file("copied-wal");
    write_file(wal, std::string("\x37\x7f\x06\x82", 4) + std::string(28, '\0'));
    EXPECT_EQ(code_of([&] { ims::io::write_output_file(wal, "x", Existing::kReplace); }),
              ims::ErrorCode::kConflict);
}

TEST(OutputFile, AMissingFolderIsAnIoErrorNamingThePath) {
    ims::test::TempDir dir;
    const std::string path = dir.file("no/such/folder/report.txt");
    try {
        ims::io::write_output_file(path, "x", Existing::kRefuse);
        FAIL() << "no error";
    } catch (const ims::Error& e) {
        EXPECT_EQ(e.code(), ims::ErrorCode::kIo);
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    }
}

}  // namespace
