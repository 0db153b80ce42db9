// Running one SQL check: its query on the run's read-only connection under one deadline, and its
// rows read as results.
#include "checks/run_support.hpp"
#include "ims/core/error.hpp"

namespace ims::checks {
namespace {

std::optional<Status> status_of(std::string_view text) {
    for (auto s :
         {Status::kPass, Status::kFail, Status::kWarn, Status::kNotApplicable, Status::kManual})
        if (to_string(s) == text) return s;
    return std::nullopt;
}

// The index of each of the four columns a check returns, or the problem.
struct Columns {
    int subject_type = -1, subject_id = -1, status = -1, message = -1;
};

Columns columns_of(const std::vector<std::string>& names) {
    Columns c;
    for (int i = 0; i < static_cast<int>(names.size()); ++i) {
        const std::string& n = names[static_cast<std::size_t>(i)];
        if (n == "subject_type") c.subject_type = i;
        if (n == "subject_id") c.subject_id = i;
        if (n == "status") c.status = i;
        if (n == "message") c.message = i;
    }
    std::string missing;
    for (auto [name, index] : {std::pair{"subject_type", c.subject_type},
                               {"subject_id", c.subject_id},
                               {"status", c.status},
                               {"message", c.message}})
        if (index < 0) missing += (missing.empty() ? "" : ", ") + std::string(name);
    if (!missing.empty())
        throw Error(ErrorCode::kInvalidInput,
                    "its query returns no column " + missing +
                        " (a check returns subject_type, subject_id, status and message)");
    return c;
}

}  // namespace

store::BoundValues bound_parameters(const Evaluation& evaluation) {
    store::BoundValues bound;
    for (const auto& [name, value] : evaluation.params) {
        auto type = store::BoundValue::Type::kText;
        auto it = evaluation.types.find(name);
        std::string text = value;
        if (it != evaluation.types.end()) {
            if (it->second == ParameterType::kInteger) type = store::BoundValue::Type::kInteger;
            if (it->second == ParameterType::kNumber) type = store::BoundValue::Type::kReal;
            if (it->second == ParameterType::kBoolean) {
                type = store::BoundValue::Type::kInteger;
                text = value == "true" ? "1" : "0";
            }
        }
        bound.insert_or_assign(":" + name, store::BoundValue(text, type));
    }
    return bound;
}

Result make_result(std::string check_id, Status status, std::string subject_type,
                   std::string subject_id, std::string message) {
    Result r;
    r.check_id = std::move(check_id);
    r.status = status;
    r.subject_type = std::move(subject_type);
    r.subject_id = std::move(subject_id);
    r.message = std::move(message);
    return r;
}

Result error_result(const std::string& check_id, const std::string& message) {
    return make_result(check_id, Status::kError, "check", check_id, message);
}

std::string time_limit_text(std::chrono::milliseconds limit) {
    auto ms = limit.count();
    return ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms";
}

std::vector<Result> run_sql_check(const Definition& check, const Evaluation& evaluation) {
    const auto deadline = std::chrono::steady_clock::now() + evaluation.time_limit;
    store::QueryConnection& connection = *evaluation.connection;
    connection.set_deadline(deadline);
    std::vector<Result> results;
    std::optional<Columns> columns;
    std::size_t row_number = 0;
    try {
        connection.query(check.sql, bound_parameters(evaluation), [&](const store::QueryRow& row) {
            ++row_number;
            if (!columns) columns = columns_of(row.names);
            auto cell = [&](int i) { return row.values[static_cast<std::size_t>(i)].value_or(""); };
            const std::string status = cell(columns->status);
            auto parsed = status_of(status);
            if (!parsed)
                throw Error(ErrorCode::kInvalidInput,
                            "row " + std::to_string(row_number) + " has status '" + status +
                                "'; expected pass, fail, warn, not_applicable or manual");
            std::string subject_type = cell(columns->subject_type);
            if (subject_type.empty()) subject_type = check.subject_type;
            results.push_back(make_result(check.id, *parsed, subject_type,
                                          cell(columns->subject_id), cell(columns->message)));
            return true;
        });
    } catch (const Error& e) {
        connection.set_deadline(std::chrono::steady_clock::time_point::max());
        const std::string why = std::chrono::steady_clock::now() > deadline
                                    ? "it ran past its time limit of " +
                                          time_limit_text(evaluation.time_limit) +
                                          " and was stopped"
                                    : std::string(e.what());
        return {
            error_result(check.id, "SQL check '" + check.id + "' could not be evaluated: " + why)};
    }
    connection.set_deadline(std::chrono::steady_clock::time_point::max());
    return results;
}

}  // namespace ims::checks
