// The rows of one table a Batch has written or found unchanged, by rowid: a bit per row over the
// dense rowids SQLite assigns, so that finding an id given twice costs no memory per id.
// Internal to core/src/records.
#pragma once

#include <cstdint>
#include <unordered_set>
#include <vector>

namespace ims::records {

class RowidSet {
public:
    bool contains(int64_t rowid) const {
        if (rowid >= 0 && static_cast<uint64_t>(rowid) < bits_.size() * 64)
            return (bits_[static_cast<std::size_t>(rowid) / 64] >> (rowid % 64)) & 1;
        return sparse_.count(rowid) > 0;
    }

    void insert(int64_t rowid) {
        // Grow the bitmap for rowids near the ones seen; a rowid far beyond (set by hand) goes to
        // the set, so that one huge rowid cannot make the bitmap huge.
        const uint64_t limit = bits_.size() * 64 * 2 + kSlack;
        if (rowid < 0 || static_cast<uint64_t>(rowid) >= limit) {
            sparse_.insert(rowid);
            return;
        }
        const auto word = static_cast<std::size_t>(rowid) / 64;
        if (word >= bits_.size()) bits_.resize(word + 1);
        bits_[word] |= uint64_t{1} << (rowid % 64);
    }

private:
    static constexpr uint64_t kSlack = 1 << 16;
    std::vector<uint64_t> bits_;
    std::unordered_set<int64_t> sparse_;
};

}  // namespace ims::records
