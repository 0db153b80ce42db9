// Semantic versions and the version ranges used in a manifest's `requires`. Internal.
#pragma once

#include <optional>
#include <string>

namespace ims::plugins {

struct Version {
    int major = 0, minor = 0, patch = 0;
    auto operator<=>(const Version&) const = default;
};

// Parses "1", "1.2" or "1.2.3" (missing parts are 0); nullopt when malformed.
std::optional<Version> parse_version(const std::string& text);

// True when `version` satisfies `range`: space-separated comparators (>=, >, <=, <, =, ^, ~,
// or a bare version meaning =), all of which must hold; "*" or "" matches anything.
// Returns nullopt when the range itself is malformed.
std::optional<bool> satisfies(const Version& version, const std::string& range);

}  // namespace ims::plugins
