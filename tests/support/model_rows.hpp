// Rows built from the data model for store tests: a valid value for every stored field, so that a
// test can fill every column of every table, or vary one field of an otherwise valid row.
#pragma once

#include "ims/core/model.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace ims::test {

// A value the field accepts (a JSON value as WriteTxn::put takes it): an enum's first value, an
// integer's minimum (or maximum, or 1), a date, a list of one item, "x" for text and references.
nlohmann::json valid_value(const model::Field& field);

// A row of `entity` keyed by column name (as put takes it) with a value in every stored column.
// Foreign keys name the row of their table in `parents` (table name to id, or "vault" to a
// sha256); the id is "ROW-1", "org" for the organisation, or the key fields joined by '|'.
nlohmann::json valid_row(const model::Entity& entity,
                         const std::map<std::string, std::string>& parents = {});

}  // namespace ims::test
