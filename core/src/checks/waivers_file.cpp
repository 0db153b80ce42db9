// `ims check --waivers FILE`: waivers kept outside the store, as JSON or CSV with the fields of
// the store's waivers (docs/checks.md, "Waivers").
#include "formats/csv.hpp"
#include "formats/json_reader.hpp"
#include "ims/core/checks.hpp"
#include "ims/core/error.hpp"
#include "model/cells.hpp"

#include <set>

namespace ims::checks {
namespace {

const std::vector<std::string> kFields = {
    "id",          "check_id",   "subject_id", "justification", "approved_by_id",
    "approved_on", "expires_on", "risk_id"};
const std::set<std::string> kRequired = {"id", "check_id", "justification", "approved_by_id",
                                         "expires_on"};

// Checks one waiver's values; `fail(field, what)` throws naming where it came from.
template <typename Fail>
Waiver make_waiver(const std::map<std::string, std::string>& values, const std::string& source,
                   const Fail& fail) {
    for (const auto& field : kRequired)
        if (values.count(field) == 0 || values.at(field).empty())
            fail(field, "required field '" + field + "' is missing or empty");
    for (const char* field : {"approved_on", "expires_on"})
        if (values.count(field) && !values.at(field).empty() &&
            !model::is_calendar_date(values.at(field)))
            fail(field, "expected a date YYYY-MM-DD, got \"" + values.at(field) + "\"");
    auto get = [&](const std::string& f) {
        auto it = values.find(f);
        return it == values.end() ? std::string() : it->second;
    };
    return Waiver{get("id"),
                  get("check_id"),
                  get("subject_id"),
                  get("justification"),
                  get("approved_by_id"),
                  get("approved_on"),
                  get("expires_on"),
                  get("risk_id"),
                  source};
}

std::vector<Waiver> read_json(const std::string& path) {
    nlohmann::json doc = formats::read_json_file(path);
    formats::JsonObject root(doc, path, "");
    for (const auto& [key, value] : root.raw().items())
        if (key != "waivers")
            root.fail(key, "unknown member; a waivers file holds only \"waivers\"");
    std::vector<Waiver> out;
    for (const auto& w : root.object_array("waivers")) {
        std::map<std::string, std::string> values;
        for (const auto& [key, value] : w.raw().items()) {
            if (std::find(kFields.begin(), kFields.end(), key) == kFields.end())
                w.fail(key, "unknown field of a waiver");
            if (value.is_null()) continue;
            if (!value.is_string())
                w.fail(key, "expected a string, got " + formats::json_type_name(value));
            values[key] = value.get<std::string>();
        }
        out.push_back(make_waiver(
            values, path,
            [&](const std::string& field, const std::string& what) { w.fail(field, what); }));
    }
    return out;
}

std::vector<Waiver> read_csv(const std::string& path) {
    formats::CsvReader reader = formats::CsvReader::open_file(path);
    formats::CsvRecord record;
    if (!reader.next(record))
        throw Error(ErrorCode::kInvalidInput, path + ": empty; expected a header row of " +
                                                  "id,check_id,subject_id,justification,"
                                                  "approved_by_id,approved_on,expires_on,risk_id");
    const std::vector<std::string> header = record.cells;
    for (const auto& name : header)
        if (std::find(kFields.begin(), kFields.end(), name) == kFields.end())
            throw Error(ErrorCode::kInvalidInput, path + ":" + std::to_string(record.line) +
                                                      ": unknown column '" + name +
                                                      "' of a waiver");
    std::vector<Waiver> out;
    while (reader.next(record)) {
        if (record.cells.size() != header.size())
            throw Error(ErrorCode::kInvalidInput, path + ":" + std::to_string(record.line) + ": " +
                                                      std::to_string(record.cells.size()) +
                                                      " cells; the header has " +
                                                      std::to_string(header.size()));
        std::map<std::string, std::string> values;
        for (std::size_t i = 0; i < header.size(); ++i) values[header[i]] = record.cells[i];
        const int line = record.line;
        out.push_back(
            make_waiver(values, path, [&](const std::string& field, const std::string& what) {
                throw Error(ErrorCode::kInvalidInput,
                            path + ":" + std::to_string(line) + ": " + field + ": " + what);
            }));
    }
    return out;
}

}  // namespace

std::vector<Waiver> read_waivers_file(const std::string& path) {
    if (path.ends_with(".csv")) return read_csv(path);
    if (path.ends_with(".json")) return read_json(path);
    throw Error(ErrorCode::kUsage,
                "--waivers " + path + ": expected a .json or .csv file of waivers");
}

}  // namespace ims::checks
