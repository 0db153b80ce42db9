// Opening a store file for the store code's own read-only connections (the check sandbox): the
// same checks and the same read-only-folder handling as Store::open. Internal to libims_core.
#pragma once

#include "store/sqlite.hpp"

#include <string>

namespace ims::store {

// Opens an ims store read-only, refusing what Store::open refuses (not a store, damaged, newer).
Database open_read_only_database(const std::string& path);

}  // namespace ims::store
