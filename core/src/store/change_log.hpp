// The change log's hash: shared by the writer that appends entries and by `ims verify`, which
// recomputes it from the bytes as stored. Internal to libims_core's store.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ims::store {

// The fields of one change-log entry as stored; `payload` is the stored JSON text, byte for byte.
struct LogEntry {
    int64_t seq = 0;
    std::string at, actor, entity, entity_id, op, payload;
};

// sha256(prev_hash || "\n" || the entry as canonical JSON: keys sorted, no whitespace, the payload
// inserted as its stored bytes). Throws ims::Error(kInvalidInput) when a text field is not UTF-8.
std::string entry_hash(std::string_view prev_hash, const LogEntry& entry);

// The hash before the first entry.
inline const std::string& genesis_hash() {
    static const std::string kZero(64, '0');
    return kZero;
}

}  // namespace ims::store
