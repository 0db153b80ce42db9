// Opening evidence files once: the walk below a folder that refuses links and '..', and the vault
// copying through the opened descriptor rather than the path.
#include "util/open_file.hpp"
#include "ims/core/store.hpp"
#include "test_support.hpp"
#include "util/sha256.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

using ims::util::open_inside;
using ims::util::Refusal;
namespace fs = std::filesystem;

namespace {

void write_file(const std::string& path, const std::string& bytes) {
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
}

class OpenInside : public ::testing::Test {
protected:
    void SetUp() override {
        write_file(dir_.file("secret.txt"), "outside\n");
        write_file(dir_.file("in/files/e.txt"), "inside\n");
        fs::create_directory_symlink(dir_.file("in/files"), dir_.file("in/linked-dir"));
        fs::create_symlink(dir_.file("in/files/e.txt"), dir_.file("in/files/linked.txt"));
        fs::create_symlink(dir_.file("secret.txt"), dir_.file("in/files/out.txt"));
    }
    std::pair<Refusal, std::string> refusal(const std::string& relative) {
        auto opened = open_inside(dir_.file("in"), relative);
        return {opened.refusal, opened.component};
    }
    ims::test::TempDir dir_;
};

TEST_F(OpenInside, OpensARegularFileBelowTheFolder) {
    auto opened = open_inside(dir_.file("in"), "./files//e.txt");
    ASSERT_EQ(opened.refusal, Refusal::kNone);
    char buffer[16] = {};
    EXPECT_EQ(read(opened.fd.get(), buffer, sizeof buffer), 7);
    EXPECT_STREQ(buffer, "inside\n");
}

TEST_F(OpenInside, RefusesLinksEvenWhenTheyStayInside) {
    EXPECT_EQ(refusal("linked-dir/e.txt"),
              std::make_pair(Refusal::kSymlink, std::string("linked-dir")));
    EXPECT_EQ(refusal("files/linked.txt"),
              std::make_pair(Refusal::kSymlink, std::string("linked.txt")));
    EXPECT_EQ(refusal("files/out.txt"), std::make_pair(Refusal::kSymlink, std::string("out.txt")));
}

TEST_F(OpenInside, RefusesEscapesAndWhatIsNotARegularFile) {
    EXPECT_EQ(refusal("../secret.txt").first, Refusal::kParent);
    EXPECT_EQ(refusal("files/../../secret.txt").first, Refusal::kParent);
    EXPECT_EQ(refusal(dir_.file("secret.txt")).first, Refusal::kAbsolute);
    EXPECT_EQ(refusal("files/none.txt"),
              std::make_pair(Refusal::kMissing, std::string("none.txt")));
    EXPECT_EQ(refusal("files/e.txt/x"), std::make_pair(Refusal::kNotAFolder, std::string("e.txt")));
    EXPECT_EQ(refusal("files").first, Refusal::kNotARegularFile);
    EXPECT_EQ(refusal("").first, Refusal::kNotARegularFile);
}

TEST(Vault, CopiesTheFileItOpenedEvenWhenThePathIsSwappedAfterwards) {
    ims::test::TempDir dir;
    write_file(dir.file("e.txt"), "the file that was checked\n");
    write_file(dir.file("other.txt"), "the file swapped in later\n");
    auto store = ims::store::Store::create(dir.file("a.ims"), "Acme", "alice");
    std::string sha;
    store.write("alice", [&](ims::store::WriteTxn& txn) {
        auto opened = open_inside(dir.path(), "e.txt");
        ASSERT_EQ(opened.refusal, Refusal::kNone);
        ASSERT_EQ(std::rename(dir.file("other.txt").c_str(), dir.file("e.txt").c_str()), 0);
        sha = txn.add_blob(opened.fd.get(), "e.txt");
    });
    EXPECT_EQ(sha, ims::util::sha256_hex("the file that was checked\n"));
    store.read_blob(sha, dir.file("out.txt"), ims::io::Existing::kRefuse);
    std::ifstream in(dir.file("out.txt"));
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "the file that was checked\n");
}

}  // namespace
