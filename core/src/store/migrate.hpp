// Migrating a store forward through the frozen migrations it lacks (store/schema.hpp), each in its
// own transaction. Store::open, Store::create and Store::migrate use it. Internal to libims_core.
#pragma once

#include "store/sqlite.hpp"

namespace ims::store {

// Runs every migration after the store's format. A step whose constraints reject stored rows (an
// out-of-range value an older ims accepted, a dangling foreign key) is rolled back and refused
// with ims::Error(kDamaged) naming each row, field and rule; the steps before it stay done.
void migrate_database(Database& db);

}  // namespace ims::store
