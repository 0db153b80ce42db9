#include "util/utf8.hpp"

#include <cstdio>

namespace ims::util {
namespace {

bool in(unsigned char c, unsigned char low, unsigned char high) {
    return c >= low && c <= high;
}

// What may follow a lead byte: the sequence's length and the range of its second byte (Table 3-7
// of the Unicode standard; the ranges shut out overlong forms, surrogates and > U+10FFFF).
struct Lead {
    std::size_t length = 0;  // 0: this byte cannot start a sequence
    unsigned char low = 0x80, high = 0xBF;
};

Lead lead_of(unsigned char c) {
    if (c < 0x80) return {1, 0, 0};
    if (in(c, 0xC2, 0xDF)) return {2};
    if (c == 0xE0) return {3, 0xA0, 0xBF};
    if (c == 0xED) return {3, 0x80, 0x9F};
    if (in(c, 0xE1, 0xEF)) return {3};
    if (c == 0xF0) return {4, 0x90, 0xBF};
    if (in(c, 0xF1, 0xF3)) return {4};
    if (c == 0xF4) return {4, 0x80, 0x8F};
    return {};
}

// The length of the well-formed sequence starting at text[i], or 0 when it is not one.
std::size_t sequence_length(std::string_view text, std::size_t i) {
    const Lead lead = lead_of(static_cast<unsigned char>(text[i]));
    if (lead.length < 2) return lead.length;
    if (text.size() - i < lead.length) return 0;
    if (!in(static_cast<unsigned char>(text[i + 1]), lead.low, lead.high)) return 0;
    for (std::size_t k = 2; k < lead.length; ++k)
        if (!in(static_cast<unsigned char>(text[i + k]), 0x80, 0xBF)) return 0;
    return lead.length;
}

}  // namespace

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = sequence_length(text, i);
        if (length == 0) return i;
        i += length;
    }
    return std::nullopt;
}

TextPosition position_of(std::string_view text, std::size_t offset) {
    TextPosition at;
    if (offset > text.size()) offset = text.size();
    for (std::size_t i = 0; i < offset; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++at.line;
            at.column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++at.column;
        }
    }
    return at;
}

std::string describe_bytes_at(std::string_view text, std::size_t offset) {
    std::string out;
    for (std::size_t i = offset; i < text.size() && i < offset + 4; ++i) {
        if (i > offset && (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) break;
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[i]));
        out += (out.empty() ? "" : " ") + std::string(hex);
    }
    return out;
}

std::size_t incomplete_utf8_tail(std::string_view text) {
    for (std::size_t back = 1; back <= 3 && back <= text.size(); ++back) {
        const auto c = static_cast<unsigned char>(text[text.size() - back]);
        if ((c & 0xC0) == 0x80) continue;  // a continuation byte: look further back
        const std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        return length > back ? back : 0;
    }
    return 0;
}

}  // namespace ims::util
