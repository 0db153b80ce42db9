#include "plugins/version.hpp"

#include <sstream>
#include <vector>

namespace ims::plugins {

std::optional<Version> parse_version(const std::string& text) {
    Version v;
    int* parts[] = {&v.major, &v.minor, &v.patch};
    std::size_t i = 0, part = 0;
    if (text.empty()) return std::nullopt;
    while (i < text.size()) {
        if (part == 3) return std::nullopt;
        std::size_t start = i;
        long value = 0;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            value = value * 10 + (text[i] - '0');
            if (value > 1'000'000) return std::nullopt;
            ++i;
        }
        if (i == start) return std::nullopt;
        *parts[part++] = static_cast<int>(value);
        if (i < text.size()) {
            if (text[i] != '.' || i + 1 == text.size()) return std::nullopt;
            ++i;
        }
    }
    return v;
}

std::optional<bool> satisfies(const Version& version, const std::string& range) {
    std::istringstream in(range);
    std::string token;
    bool all = true;
    while (in >> token) {
        if (token == "*") continue;
        std::string op;
        for (const char* candidate : {">=", "<=", ">", "<", "=", "^", "~"}) {
            if (token.rfind(candidate, 0) == 0) {
                op = candidate;
                break;
            }
        }
        auto bound = parse_version(token.substr(op.size()));
        if (!bound) return std::nullopt;
        bool ok = false;
        if (op == ">=") ok = version >= *bound;
        else if (op == "<=") ok = version <= *bound;
        else if (op == ">") ok = version > *bound;
        else if (op == "<") ok = version < *bound;
        else if (op == "^") ok = version >= *bound && version.major == bound->major &&
                                 (bound->major != 0 || version.minor == bound->minor);
        else if (op == "~") ok = version >= *bound && version.major == bound->major &&
                                 version.minor == bound->minor;
        else ok = version == *bound;
        all = all && ok;
    }
    return all;
}

}  // namespace ims::plugins
