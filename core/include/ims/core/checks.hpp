// Check results and the evaluation of a plugin's native checks against a store. A native check
// that fails, throws inside the SDK helpers or reports an error becomes one `error` result; the
// host goes on. Each evaluation opens its own read-only connection to the store's file, so
// evaluations of one open Store may run on several threads.
#pragma once

#include "ims/core/plugins.hpp"

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ims::store {
class Store;
}

namespace ims::checks {

enum class Status { kPass, kFail, kWarn, kNotApplicable, kManual, kError, kWaived };

std::string_view to_string(Status status);

struct Result {
    std::string check_id;
    Status status = Status::kError;
    std::string subject_type;
    std::string subject_id;
    std::string message;
};

struct Evaluation {
    const store::Store* store = nullptr;  // the open store the check reads; must be set
    // Resolved parameters without the colon; "as_of" (YYYY-MM-DD) is always present.
    std::map<std::string, std::string> params;
    // One deadline for the whole check, from the moment it starts: every query it runs shares
    // it, is_cancelled turns true at it, and a check stopped by it is one `error` result.
    std::chrono::milliseconds time_limit{30000};
};

// Runs the native check `check_id` of plugin `plugin_id`, loading the plugin's library into this
// process first if it is not yet (PluginHost::load_native). Never throws for a failing check or
// a library that will not load: that is an `error` result naming the check and the reason.
std::vector<Result> run_native_check(plugins::PluginHost& host, const std::string& plugin_id,
                                     const std::string& check_id, const Evaluation& evaluation);

}  // namespace ims::checks
