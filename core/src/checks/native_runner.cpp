// The host side of the C ABI for native checks: the ims_host_v1 table and the run handle.
#include "checks/run_support.hpp"
#include "ims/core/checks.hpp"
#include "ims/core/error.hpp"
#include "store/query.hpp"

#include <QLoggingCategory>

#include <memory>

Q_LOGGING_CATEGORY(lcChecks, "ims.checks")

struct ims_run {
    std::string plugin_id;
    std::string check_id;
    const ims::checks::Evaluation* evaluation = nullptr;
    // One deadline for the whole check: every query shares it, and is_cancelled turns true at it.
    std::chrono::steady_clock::time_point deadline;
    bool stopped = false;  // the check was told, or forced, to stop at the deadline
    std::unique_ptr<ims::store::QueryConnection> own_connection;
    ims::store::QueryConnection* connection = nullptr;
    std::vector<ims::checks::Result> results;
    std::string error;       // set by the plugin through set_error
    std::string host_error;  // why the last host service failed
    std::string param_buffer;
};

namespace ims::checks {
namespace {

std::string str(ims_str s) {
    return s.data ? std::string(s.data, s.size) : std::string();
}

constexpr std::size_t kMinResultSize = offsetof(ims_result_v1, message) + sizeof(ims_str);

void host_log(ims_run* run, int32_t level, ims_str message) {
    QString text =
        QString::fromStdString(run->plugin_id + " " + run->check_id + ": " + str(message));
    if (level >= IMS_LOG_WARNING)
        qCWarning(lcChecks).noquote() << text;
    else if (level == IMS_LOG_INFO)
        qCInfo(lcChecks).noquote() << text;
    else
        qCDebug(lcChecks).noquote() << text;
}

void host_set_error(ims_run* run, ims_str message) {
    run->error = str(message);
}

bool past_deadline(ims_run* run) {
    if (std::chrono::steady_clock::now() < run->deadline) return false;
    run->stopped = true;
    return true;
}

int32_t host_is_cancelled(ims_run* run) {
    return past_deadline(run) ? 1 : 0;
}

ims_status host_query(ims_run* run, ims_str sql, const ims_param* params, size_t param_count,
                      ims_row_fn on_row, void* user) {
    if (on_row == nullptr) {
        run->host_error = "query called without a row callback";
        return IMS_ERROR;
    }
    store::BoundValues bound = bound_parameters(*run->evaluation);
    for (size_t i = 0; i < param_count; ++i)
        bound.insert_or_assign(str(params[i].name), store::BoundValue(str(params[i].value)));
    if (past_deadline(run)) return IMS_CANCELLED;
    try {
        if (run->connection == nullptr) {
            if (run->evaluation->store == nullptr)
                throw Error(ErrorCode::kInternal, "the evaluation names no store");
            run->own_connection = std::make_unique<store::QueryConnection>(*run->evaluation->store);
            run->connection = run->own_connection.get();
        }
        run->connection->set_deadline(run->deadline);
        ims_status status = IMS_OK;
        std::vector<ims_str> names, values;
        run->connection->query(str(sql), bound, [&](const store::QueryRow& row) {
            names.clear();
            values.clear();
            for (const auto& n : row.names) names.push_back({n.data(), n.size()});
            for (const auto& v : row.values)
                values.push_back(v ? ims_str{v->data(), v->size()} : ims_str{nullptr, 0});
            status = on_row(user, names.size(), names.data(), values.data());
            return status == IMS_OK;
        });
        if (status == IMS_STOP) return IMS_OK;
        return status;
    } catch (const Error& e) {
        if (past_deadline(run)) return IMS_CANCELLED;
        run->host_error = e.what();
        return IMS_ERROR;
    }
}

ims_status host_emit_result(ims_run* run, const ims_result_v1* result) {
    if (result == nullptr || result->struct_size < kMinResultSize) {
        run->host_error = "emit_result got a result smaller than SDK ABI 1.0's ims_result_v1";
        return IMS_ERROR;
    }
    if (result->status < IMS_RESULT_PASS || result->status > IMS_RESULT_ERROR) {
        run->host_error = "emit_result got unknown status " + std::to_string(result->status);
        return IMS_ERROR;
    }
    run->results.push_back(make_result(run->check_id, static_cast<Status>(result->status),
                                       str(result->subject_type), str(result->subject_id),
                                       str(result->message)));
    return IMS_OK;
}

ims_str host_param(ims_run* run, ims_str name) {
    auto it = run->evaluation->params.find(str(name));
    if (it == run->evaluation->params.end()) return {nullptr, 0};
    run->param_buffer = it->second;
    return {run->param_buffer.data(), run->param_buffer.size()};
}

const ims_host_v1 kHost = {
    sizeof(ims_host_v1), IMS_SDK_ABI_MAJOR, IMS_SDK_ABI_MINOR, host_log,  host_set_error,
    host_is_cancelled,   host_query,        host_emit_result,  host_param};

}  // namespace

std::string_view to_string(Status status) {
    switch (status) {
        case Status::kPass:
            return "pass";
        case Status::kFail:
            return "fail";
        case Status::kWarn:
            return "warn";
        case Status::kNotApplicable:
            return "not_applicable";
        case Status::kManual:
            return "manual";
        case Status::kError:
            return "error";
        case Status::kWaived:
            return "waived";
    }
    return "error";
}

std::vector<Result> run_native_check(plugins::PluginHost& host, const std::string& plugin_id,
                                     const std::string& check_id, const Evaluation& evaluation) {
    const std::string which = evaluation.check_id.empty()
                                  ? "native check '" + check_id + "' of plugin '" + plugin_id + "'"
                                  : "check '" + evaluation.check_id + "' (native '" + check_id +
                                        "' of plugin '" + plugin_id + "')";
    plugins::NativeLibrary library = host.load_native(plugin_id);
    if (!library.loaded())
        return {error_result(check_id, which + " could not be evaluated: " + library.error)};
    const ims_check_v1* check = nullptr;
    for (size_t i = 0; i < library.descriptor->check_count; ++i)
        if (str(library.descriptor->checks[i].id) == check_id)
            check = &library.descriptor->checks[i];
    if (check == nullptr)
        return {error_result(check_id,
                             "plugin '" + plugin_id + "' has no native check '" + check_id + "'")};
    ims_run run;
    run.plugin_id = plugin_id;
    run.check_id = check_id;
    run.evaluation = &evaluation;
    run.connection = evaluation.connection;
    run.deadline = std::chrono::steady_clock::now() + evaluation.time_limit;
    ims_status status = check->run(&kHost, &run);
    // A check stopped at its deadline may have emitted only part of its results: none count.
    if (status == IMS_OK && !run.stopped) return std::move(run.results);
    std::string why;
    if (run.stopped)
        why = "it ran past its time limit of " + time_limit_text(evaluation.time_limit) +
              " and was stopped";
    else if (status == IMS_CANCELLED)
        why = "cancelled";
    else
        why = run.error.empty() ? "failed without a message" : run.error;
    if (!run.host_error.empty() && status == IMS_ERROR && !run.stopped)
        why += ": " + run.host_error;
    return {error_result(check_id, which + " could not be evaluated: " + why)};
}

}  // namespace ims::checks
