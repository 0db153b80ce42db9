// Planning the next store migration: the statements that bring a store's schema (every frozen
// migration applied) to the tables, indexes and v1 views the data model describes. ims_schemagen
// writes a plan as the next migration file; a test checks that the current model needs none.
// Internal to libims_core.
#pragma once

#include "ims/core/model.hpp"
#include "store/sqlite.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ims::store {

struct MigrationPlan {
    std::string sql;                    // the statements, each ending in ";\n"; empty: up to date
    std::vector<std::string> changes;   // one line per table, index or view, for a person
    std::vector<std::string> warnings;  // what may stop the migration on a store with rows
    bool empty() const { return sql.empty(); }
};

// Compares db's schema with `entities` (the model's, or a changed copy in tests). A new entity
// gets its table; a table whose SQL differs is rebuilt (created anew, rows copied, old one dropped,
// new one renamed), its indexes recreated; every v1 view that changed or reads a rebuilt table is
// dropped first and created again last. Throws ims::Error(kInvalidInput) for what a generated
// migration must not do: drop or retype a column (stored values would be lost or changed) or
// remove a v1 view (plugins read them).
MigrationPlan plan_migration(Database& db, const std::vector<model::Entity>& entities);

// The columns of a table or view as the store has them: name and declared type, in order.
std::vector<std::pair<std::string, std::string>> columns_in(Database& db, std::string_view name);

// Runs a plan as a migration runs (foreign keys off, one transaction) and checks that it reached
// the model (planning again finds nothing) and kept every v1 view column. Throws
// ims::Error(kInternal) when it did not.
void apply_plan(Database& db, const MigrationPlan& plan,
                const std::vector<model::Entity>& entities);

}  // namespace ims::store
