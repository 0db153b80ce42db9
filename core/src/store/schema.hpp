// The store's tables as data: the migrations that create them and the entity descriptors that
// the one write path (WriteTxn::put) uses to build its SQL. Internal to libims_core.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ims::store {

enum class ColumnType { kText, kInteger };

struct Column {
    std::string_view name;
    ColumnType type;
};

// A kind of row that WriteTxn::put can write. columns[0] is always "id".
struct EntityType {
    std::string_view name;   // as written in the change log, e.g. "control"
    std::string_view table;  // e.g. "controls"
    std::vector<Column> columns;
};

const EntityType& entity_type(std::string_view name);  // throws ims::Error(kInternal)
const std::vector<EntityType>& entity_types();

// migrations()[i] takes a store from format i to format i + 1.
const std::vector<std::string>& migrations();

// The value of PRAGMA application_id in every ims store ("IMS1").
constexpr int kApplicationId = 0x494D5331;

}  // namespace ims::store
