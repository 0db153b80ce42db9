// Strict UTF-8 validation (RFC 3629) and positions in text for messages. Every reader of untrusted
// text (JSON, CSV, change-log payloads) checks its input here before the bytes reach the store.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ims::util {

// The byte offset of the first sequence that is not well-formed UTF-8, or nullopt when all of
// `text` is. Refused: stray continuation bytes, truncated sequences, overlong forms (C0, C1,
// E0 80-9F, F0 80-8F), UTF-16 surrogates (ED A0-BF) and code points above U+10FFFF (F4 90+, F5-FF).
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// How many bytes at the end of `text` begin a UTF-8 sequence that is not complete yet (0 to 3):
// a reader that takes its input in chunks holds them back until the next chunk completes them.
std::size_t incomplete_utf8_tail(std::string_view text);

// A 1-based line and column (in characters) of a byte offset, counting "\n" as a line end.
struct TextPosition {
    std::size_t line = 1;
    std::size_t column = 1;
};
TextPosition position_of(std::string_view text, std::size_t offset);

// "0xC0 0x80": the bytes of the bad sequence at `offset` (at most four), for messages that must
// not repeat the invalid bytes themselves.
std::string describe_bytes_at(std::string_view text, std::size_t offset);

}  // namespace ims::util
