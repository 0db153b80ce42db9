// Verification of a store against its change log, and the replay it rests on, which migrations
// also use to log the rows they rewrite. Internal to libims_core's store.
#pragma once

#include "ims/core/store.hpp"
#include "store/sqlite.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>

namespace ims::store {

// One row whose live state is not what the change log's newest entry for it says.
struct Drift {
    std::string entity, id;
    std::optional<nlohmann::json> live;  // the row as stored; none when the table lacks it
    std::optional<std::string> logged;   // the newest entry's payload; none when never logged
    std::string op;                      // the newest entry's op ("insert", "update", "delete")
    int64_t seq = 0;                     // the newest entry's seq
    bool unknown_entity = false;         // the log names an entity this ims does not know
};

// Replays the change log against every table and the vault in one pass over each, in id order
// (memory does not grow with the store), calling fn for each row that differs.
void for_each_drift(Database& db, const std::function<void(const Drift&)>& fn);

VerifyReport verify_store(Database& db, const std::optional<LogHead>& expected);

}  // namespace ims::store
