// What the SQL and native check runners share: the parameters they bind, the `error` result and
// how a time limit reads in it. Internal to core/src/checks.
#pragma once

#include "ims/core/checks.hpp"
#include "store/query.hpp"

#include <chrono>
#include <string>

namespace ims::checks {

// The run's parameters as ":name" -> value, integers, numbers and booleans bound as numbers.
store::BoundValues bound_parameters(const Evaluation& evaluation);

// A result as a runner emits it; run_checks adds what comes from the definition.
Result make_result(std::string check_id, Status status, std::string subject_type,
                   std::string subject_id, std::string message);

// The one `error` result of a check that could not be evaluated.
Result error_result(const std::string& check_id, const std::string& message);

// "30 s", "250 ms".
std::string time_limit_text(std::chrono::milliseconds limit);

// Runs a SQL check on evaluation.connection (which must be set) with one deadline for the whole
// check. Its rows become results; a query that fails, runs past the deadline or returns a row
// without the four columns or with an unknown status is one `error` result.
std::vector<Result> run_sql_check(const Definition& check, const Evaluation& evaluation);

}  // namespace ims::checks
