/* ims plugin SDK, ABI version 1: the only binary contract between the ims host and a plugin.
 *
 * A plugin library exports exactly one symbol, ims_plugin_entry_v1, which returns a static,
 * immutable descriptor. The host calls a plugin's native checks with a host function table and an
 * opaque run handle; every host service (logging, errors, cancellation, read-only queries over the
 * v1 views, emitting results) goes through that table. Nothing but C types crosses this boundary:
 * fixed-width integers, (pointer, size) UTF-8 strings, opaque handles, POD structs that start with
 * struct_size, and C function pointers. Exceptions must never leave a plugin. Whoever allocates
 * memory frees it; strings passed in either direction are only valid for the duration of the call.
 *
 * Compatibility rules are in sdk/ABI_POLICY.md. In short: within major version 1, structs and
 * tables only grow at the end, so check struct_size before reading a slot added in a later minor.
 *
 * Thread-safety: the host calls one check of a plugin at a time per run handle; a plugin must not
 * keep a run handle or the host table beyond the call that received it. */
#ifndef IMS_PLUGIN_H
#define IMS_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define IMS_SDK_ABI_MAJOR 1
#define IMS_SDK_ABI_MINOR 0

#if defined(_WIN32)
#define IMS_PLUGIN_EXPORT __declspec(dllexport)
#else
#define IMS_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

/* A UTF-8 string that is not necessarily NUL-terminated. data may be NULL only when size is 0;
 * in a query row, a value with data == NULL stands for SQL NULL. */
typedef struct ims_str {
    const char* data;
    size_t size;
} ims_str;

/* Status codes returned by host services and by plugin functions. */
typedef int32_t ims_status;
#define IMS_OK 0
#define IMS_ERROR 1     /* failed; the callee has set a message with set_error */
#define IMS_CANCELLED 2 /* the host asked to stop (see is_cancelled) */
#define IMS_STOP 3      /* returned by a row callback to end a query early; not an error */

/* Log levels for ims_host_v1.log. */
#define IMS_LOG_DEBUG 0
#define IMS_LOG_INFO 1
#define IMS_LOG_WARNING 2

/* Result statuses a plugin may emit. The host adds "waived" itself when a waiver applies. */
#define IMS_RESULT_PASS 0
#define IMS_RESULT_FAIL 1
#define IMS_RESULT_WARN 2
#define IMS_RESULT_NOT_APPLICABLE 3
#define IMS_RESULT_MANUAL 4
#define IMS_RESULT_ERROR 5

/* Opaque handle for one evaluation of one check against one store. */
typedef struct ims_run ims_run;

/* One result row emitted by a native check. */
typedef struct ims_result_v1 {
    uint32_t struct_size; /* sizeof(ims_result_v1) as the plugin was compiled */
    int32_t status;       /* one of IMS_RESULT_* */
    ims_str subject_type; /* e.g. "control", "evidence", "corrective_action", "organisation" */
    ims_str subject_id;   /* the organisation's own id of the subject */
    ims_str message;      /* what is wrong (or right), and what to do */
} ims_result_v1;

/* Called once per result row of a query. names and values hold column_count entries each.
 * Return IMS_OK to continue, IMS_STOP to end the query early, IMS_ERROR to fail it. */
typedef ims_status (*ims_row_fn)(void* user, size_t column_count, const ims_str* names,
                                 const ims_str* values);

/* A named parameter bound to a query, e.g. {":as_of", "2026-11-25"}. */
typedef struct ims_param {
    ims_str name;
    ims_str value; /* bound as TEXT; data == NULL binds SQL NULL */
} ims_param;

/* The host's services. A plugin must check struct_size before using any slot that a later minor
 * version appended (compare against offsetof(ims_host_v1, slot) + sizeof(slot)). */
typedef struct ims_host_v1 {
    uint32_t struct_size;
    uint16_t abi_major;
    uint16_t abi_minor;

    void (*log)(ims_run* run, int32_t level, ims_str message);
    /* Records why the current call is about to return IMS_ERROR. The last message wins. */
    void (*set_error)(ims_run* run, ims_str message);
    /* Non-zero when the host wants the check to stop as soon as possible: once the check's time
     * limit has passed. A check that sees it returns IMS_CANCELLED; its results are discarded and
     * it becomes one `error` result naming the time limit. */
    int32_t (*is_cancelled)(ims_run* run);
    /* Runs one read-only SELECT over the v1_* views and streams rows to on_row. The parameters of
     * the run (":as_of" and the check's resolved parameters) are bound automatically; params adds
     * to or overrides them. Returns IMS_OK, IMS_ERROR (message via the run's error), or
     * IMS_CANCELLED once the check's time limit has passed: every query of a check shares one
     * deadline, and a query running at it is stopped. */
    ims_status (*query)(ims_run* run, ims_str sql, const ims_param* params, size_t param_count,
                        ims_row_fn on_row, void* user);
    ims_status (*emit_result)(ims_run* run, const ims_result_v1* result);
    /* The value of a resolved parameter of this run (":as_of" included, without the colon:
     * "as_of"). Returns a string with data == NULL when the parameter is unknown. */
    ims_str (*param)(ims_run* run, ims_str name);
} ims_host_v1;

/* A native check. Its metadata (title, severity, requirements, parameters) lives in the plugin's
 * checks JSON files; the descriptor only binds the check id to code. */
typedef struct ims_check_v1 {
    uint32_t struct_size;
    ims_str id; /* equal to the "native" name in the check definition */
    /* Evaluates the check and emits its results. Returns IMS_OK, IMS_ERROR after set_error, or
     * IMS_CANCELLED. Must not throw or longjmp across this boundary. */
    ims_status (*run)(const ims_host_v1* host, ims_run* run);
} ims_check_v1;

/* What a plugin library tells the host about itself. Must stay valid until the process ends. */
typedef struct ims_plugin_v1 {
    uint32_t struct_size;
    uint16_t abi_major; /* IMS_SDK_ABI_MAJOR the plugin was built with */
    uint16_t abi_minor; /* IMS_SDK_ABI_MINOR the plugin was built with */
    ims_str id;         /* must equal the manifest's "id" */
    ims_str version;    /* must equal the manifest's "version" */
    const ims_check_v1* checks;
    size_t check_count;
} ims_plugin_v1;

/* The single exported entry point. The host passes its own ABI version; a plugin that cannot work
 * with it returns NULL. */
typedef const ims_plugin_v1* (*ims_plugin_entry_v1_fn)(uint16_t host_abi_major,
                                                       uint16_t host_abi_minor);

#define IMS_PLUGIN_ENTRY_V1_NAME "ims_plugin_entry_v1"

#ifdef __cplusplus
}
#endif

#endif /* IMS_PLUGIN_H */
