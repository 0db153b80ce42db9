// The store's migrations: the SQL that takes a store from one format to the next. The tables they
// create hold the entities of the shared model (ims/core/model.hpp). Internal to libims_core.
#pragma once

#include <string>
#include <vector>

namespace ims::store {

// migrations()[i] takes a store from format i to format i + 1.
const std::vector<std::string>& migrations();

// Format 3 (the whole shared model), kept in its own file for its size.
const char* format3_sql();

// The value of PRAGMA application_id in every ims store ("IMS1").
constexpr int kApplicationId = 0x494D5331;

}  // namespace ims::store
