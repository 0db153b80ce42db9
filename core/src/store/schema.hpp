// The store's migrations: the SQL that takes a store from one format to the next, frozen as files
// in core/src/store/migrations/ (NNNN.sql takes format NNNN-1 to NNNN) and compiled into the
// library at build time. Formats 1 to 3 were written by hand; every later one is generated from
// the data model by ims_schemagen (`make schema`). Internal to libims_core.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace ims::store {

// migrations()[i] takes a store from format i to format i + 1.
const std::vector<std::string>& migrations();

// Formats 1 to 3 were written by hand, and format 3 writes rows (people and departments made from
// the old free-text owners). Every later format is generated and copies rows unchanged.
constexpr std::size_t kHandWrittenFormats = 3;

// The value of PRAGMA application_id in every ims store ("IMS1").
constexpr int kApplicationId = 0x494D5331;

}  // namespace ims::store
