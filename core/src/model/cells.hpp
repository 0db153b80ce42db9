// How a field's value is spelled in a CSV cell, both ways: import reads cells with parse_cell,
// export writes them with format_cell. Internal to core (exchange and the model's tests).
#pragma once

#include "ims/core/model.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace ims::model {

// Parses one CSV cell into the JSON value check_value accepts: "" is null, lists are split on
// ';' ("\;" keeps a semicolon), booleans accept true/false/yes/no/1/0, and one leading
// apostrophe of a text cell (not a number, boolean or date) is removed: the guard format_cell
// adds. Returns the problem as "expected ..., got ..." when the text cannot be read as the
// field's type.
struct CellValue {
    nlohmann::json value;
    std::optional<std::string> problem;
};
CellValue parse_cell(const Field& field, std::string_view text);
// The CSV cell text for a stored value; parse_cell(format_cell(v)) == v. Text a spreadsheet
// would run as a formula (beginning with = + - @ TAB CR) or that begins with an apostrophe gets
// a leading apostrophe.
std::string format_cell(const Field& field, const nlohmann::json& value);

// A calendar date YYYY-MM-DD of the years 1 to 9999: the one test of a date every input uses.
bool is_calendar_date(std::string_view text);

}  // namespace ims::model
