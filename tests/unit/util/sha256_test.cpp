// SHA-256 (util/sha256.hpp): the published test vectors, whole or fed in pieces, and files.
#include "util/sha256.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace {

using ims::util::Sha256;
using ims::util::sha256_hex;

TEST(Sha256, GivesTheFips180TestVectors) {
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256_hex("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, PiecesHashAsTheWhole) {
    Sha256 hash;
    const std::string chunk(1000, 'a');
    for (int i = 0; i < 1000; ++i) hash.add(chunk);  // a million 'a'
    EXPECT_EQ(hash.hex(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        << "a one-shot hash after a streamed one starts afresh";
}

TEST(Sha256, HashesAFileInChunks) {
    ims::test::TempDir dir;
    std::string bytes(200 * 1024 + 7, 'a');  // more than one read
    ims::test::write_file(dir.file("f"), bytes);
    EXPECT_EQ(ims::util::sha256_file(dir.file("f")), sha256_hex(bytes));
}

}  // namespace
