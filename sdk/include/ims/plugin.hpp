// Header-only C++17 helpers over the C ABI in ims/plugin.h, for plugin authors.
//
// Nothing here is part of the binary contract: it compiles into the plugin. It turns every C++
// exception into IMS_ERROR plus a message at the boundary, so a throwing check becomes an `error`
// result instead of a crashed host. Usage:
//
//   static void backups_tested(ims::sdk::Run& run) {
//       run.query("SELECT id FROM v1_controls WHERE status = 'planned'", [&](const ims::sdk::Row& row) {
//           run.emit(IMS_RESULT_FAIL, "control", row.text("id"), "control is still planned");
//       });
//   }
//   IMS_SDK_PLUGIN("acme", "1.0.0", IMS_SDK_CHECK("acme.backups_tested", backups_tested))
#pragma once

#include <ims/plugin.h>

#include <cstddef>
#include <exception>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ims::sdk {
inline namespace v1 {

inline ims_str to_str(std::string_view s) noexcept { return ims_str{s.data(), s.size()}; }
inline std::string_view to_view(ims_str s) noexcept {
    return s.data == nullptr ? std::string_view{} : std::string_view{s.data, s.size};
}

// One row of a query result. Views are valid only inside the row callback.
class Row {
public:
    Row(std::size_t count, const ims_str* names, const ims_str* values) noexcept
        : count_(count), names_(names), values_(values) {}

    std::size_t size() const noexcept { return count_; }
    std::string_view name(std::size_t i) const { return to_view(names_[checked(i)]); }
    bool is_null(std::size_t i) const { return values_[checked(i)].data == nullptr; }
    std::string_view text(std::size_t i) const { return to_view(values_[checked(i)]); }

    // The column called `column`; throws std::out_of_range when the query has no such column.
    std::string_view text(std::string_view column) const { return text(index_of(column)); }
    std::optional<std::string_view> get(std::string_view column) const {
        std::size_t i = index_of(column);
        if (is_null(i)) return std::nullopt;
        return text(i);
    }

private:
    std::size_t checked(std::size_t i) const {
        if (i >= count_) throw std::out_of_range("column index out of range");
        return i;
    }
    std::size_t index_of(std::string_view column) const {
        for (std::size_t i = 0; i < count_; ++i)
            if (to_view(names_[i]) == column) return i;
        throw std::out_of_range("query result has no column '" + std::string(column) + "'");
    }

    std::size_t count_;
    const ims_str* names_;
    const ims_str* values_;
};

// Thrown by Run when the host reports that the run was cancelled.
struct Cancelled : std::exception {
    const char* what() const noexcept override { return "cancelled by the host"; }
};

// The host services for one evaluation, with C++ types. Methods throw on host errors.
class Run {
public:
    Run(const ims_host_v1* host, ims_run* run) noexcept : host_(host), run_(run) {}

    void log(int32_t level, std::string_view message) const {
        host_->log(run_, level, to_str(message));
    }
    bool cancelled() const { return host_->is_cancelled(run_) != 0; }

    std::optional<std::string> param(std::string_view name) const {
        ims_str value = host_->param(run_, to_str(name));
        if (value.data == nullptr) return std::nullopt;
        return std::string(value.data, value.size);
    }

    void emit(int32_t status, std::string_view subject_type, std::string_view subject_id,
              std::string_view message) const {
        ims_result_v1 result{sizeof(ims_result_v1), status, to_str(subject_type),
                             to_str(subject_id), to_str(message)};
        if (host_->emit_result(run_, &result) != IMS_OK)
            throw std::runtime_error("the host refused a result");
    }

    // Streams the rows of `sql` to on_row. An exception thrown by on_row stops the query and is
    // rethrown here, after control is back on this side of the ABI.
    void query(std::string_view sql, const std::function<void(const Row&)>& on_row,
               const std::vector<std::pair<std::string, std::string>>& params = {}) const {
        struct Context {
            const std::function<void(const Row&)>* on_row;
            std::exception_ptr error;
        } context{&on_row, nullptr};
        std::vector<ims_param> bound;
        bound.reserve(params.size());
        for (const auto& [name, value] : params) bound.push_back({to_str(name), to_str(value)});

        auto trampoline = [](void* user, std::size_t count, const ims_str* names,
                             const ims_str* values) -> ims_status {
            auto* ctx = static_cast<Context*>(user);
            try {
                (*ctx->on_row)(Row(count, names, values));
                return IMS_OK;
            } catch (...) {
                ctx->error = std::current_exception();
                return IMS_ERROR;
            }
        };
        ims_status status = host_->query(run_, to_str(sql), bound.data(), bound.size(),
                                         trampoline, &context);
        if (context.error) std::rethrow_exception(context.error);
        if (status == IMS_CANCELLED) throw Cancelled();
        if (status != IMS_OK) throw std::runtime_error("the host could not run the query");
    }

    const ims_host_v1* host() const noexcept { return host_; }
    ims_run* handle() const noexcept { return run_; }

private:
    const ims_host_v1* host_;
    ims_run* run_;
};

// Calls fn(run) and converts any exception into IMS_ERROR with the exception's message.
template <typename Fn>
ims_status guarded(const ims_host_v1* host, ims_run* handle, Fn&& fn) noexcept {
    try {
        Run run(host, handle);
        fn(run);
        return IMS_OK;
    } catch (const Cancelled&) {
        return IMS_CANCELLED;
    } catch (const std::exception& e) {
        std::string_view what = e.what();
        host->set_error(handle, to_str(what));
    } catch (...) {
        host->set_error(handle, to_str("the check threw an exception that is not std::exception"));
    }
    return IMS_ERROR;
}

// The C entry for a check function `void fn(ims::sdk::Run&)`.
template <auto Fn>
ims_status check_entry(const ims_host_v1* host, ims_run* run) noexcept {
    return guarded(host, run, Fn);
}

}  // namespace v1
}  // namespace ims::sdk

// One ims_check_v1 entry binding a check id to a function `void fn(ims::sdk::Run&)`.
#define IMS_SDK_CHECK(check_id, fn)                                                         \
    ims_check_v1 {                                                                          \
        sizeof(ims_check_v1), ims_str{check_id, sizeof(check_id) - 1},                      \
            &::ims::sdk::check_entry<fn>                                                    \
    }

// Defines the exported entry point with the plugin's id, version and native checks.
#define IMS_SDK_PLUGIN(plugin_id, plugin_version, ...)                                        \
    namespace {                                                                               \
    const ims_check_v1 ims_sdk_checks_[] = {__VA_ARGS__};                                     \
    const ims_plugin_v1 ims_sdk_descriptor_ = {                                               \
        sizeof(ims_plugin_v1),                                                                \
        IMS_SDK_ABI_MAJOR,                                                                    \
        IMS_SDK_ABI_MINOR,                                                                    \
        ims_str{plugin_id, sizeof(plugin_id) - 1},                                            \
        ims_str{plugin_version, sizeof(plugin_version) - 1},                                  \
        ims_sdk_checks_,                                                                      \
        sizeof(ims_sdk_checks_) / sizeof(ims_sdk_checks_[0])};                                \
    }                                                                                         \
    extern "C" IMS_PLUGIN_EXPORT const ims_plugin_v1* ims_plugin_entry_v1(uint16_t major,    \
                                                                          uint16_t minor) {  \
        if (major != IMS_SDK_ABI_MAJOR || minor < IMS_SDK_ABI_MINOR) return nullptr;          \
        return &ims_sdk_descriptor_;                                                          \
    }
