// Reads over the v1 views that more than one part of libims_core needs (coverage, SoA), so each
// is written once. They run on the caller's open store, inside its read transaction. Internal.
#pragma once

#include "store/sqlite.hpp"

#include <map>
#include <string>
#include <vector>

namespace ims::store {

// Evidence ids per control id, for evidence current on `as_of` (YYYY-MM-DD): collected on or
// before it (or undated) and valid on or after it (or open-ended). Ids are in id order.
std::map<std::string, std::vector<std::string>> current_evidence_by_control(
    Database& db, const std::string& as_of);

}  // namespace ims::store
