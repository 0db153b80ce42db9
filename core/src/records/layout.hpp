// Where each field of an entity sits in its table's row and what each reference field points
// at, worked out once for every entity: the Batch needs both for every row it writes.
// Internal to core/src/records; immutable once built, safe from any thread.
#pragma once

#include "ims/core/model.hpp"

#include <cstddef>
#include <vector>

namespace ims::records {

struct Layout {
    // Per field: its index in store::table_sql(entity).columns (0 for a key stored as the id);
    // the number of columns for a field that is not stored (an evidence file).
    std::vector<std::size_t> column;
    // Per field: the entity a reference field points at; nullptr for other fields and for a
    // reference whose target another field names (a finding's source).
    std::vector<const model::Entity*> target;
};

const Layout& layout_of(const model::Entity& entity);

// The index of an entity in model::entities().
std::size_t index_of(const model::Entity& entity);

}  // namespace ims::records
