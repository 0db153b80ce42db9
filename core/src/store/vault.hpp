// The evidence vault's internal helpers for the rest of the store code (verify). Internal.
#pragma once

#include "store/sqlite.hpp"

#include <cstdint>
#include <string>

namespace ims::store {

struct BlobHash {
    std::string sha256;
    int64_t size = 0;
};

// Hashes the vault row `rowid`'s bytes in chunks, as stored.
BlobHash hash_blob(Database& db, int64_t rowid);

}  // namespace ims::store
