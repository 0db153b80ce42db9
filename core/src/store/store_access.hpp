// The connection of an open Store, for libims_core's own multi-statement reads (coverage, the
// SoA), which run their SQL inside Store::read. Internal: the public API gives no way to it.
#pragma once

#include "ims/core/store.hpp"
#include "store/sqlite.hpp"

namespace ims::store {

struct StoreAccess {
    static Database& database(const Store& store) { return *store.db_; }
};

}  // namespace ims::store
