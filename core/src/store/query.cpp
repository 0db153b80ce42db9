#include "store/query.hpp"

#include "ims/core/error.hpp"
#include "store/open.hpp"

#include <cctype>
#include <cstring>
#include <memory>

namespace ims::store {

QueryConnection::QueryConnection(const std::string& store_path) : db_(open_read_only_database(store_path)) {
    // One read transaction for the connection's life: every query sees the same snapshot, so a
    // report built from many queries never mixes states of a store another process is changing.
    db_.exec("BEGIN");
    Statement(db_, "SELECT 1 FROM sqlite_schema LIMIT 1").step();
    sqlite3_set_authorizer(db_.get(), &QueryConnection::authorize, this);
    sqlite3_progress_handler(db_.get(), 10000, &QueryConnection::progress, this);
}

int QueryConnection::authorize(void* self, int action, const char* a, const char* column,
                               const char*, const char* view) {
    auto* conn = static_cast<QueryConnection*>(self);
    switch (action) {
        case SQLITE_SELECT:
        case SQLITE_FUNCTION:
        case SQLITE_RECURSIVE:
            return SQLITE_OK;
        case SQLITE_READ:
            // Reads are allowed of a v1 view's columns (`a` names the view) and, on its behalf, of
            // the tables under it (`view` names the view). No table in a store starts with "v1_".
            if (a != nullptr && std::strncmp(a, "v1_", 3) == 0) return SQLITE_OK;
            if (view != nullptr && std::strncmp(view, "v1_", 3) == 0) {
                conn->view_tables_.insert(a ? a : "");
                return SQLITE_OK;
            }
            // After flattening, count(*) or EXISTS over a view reads rows of the view's tables
            // without naming a column; allow that for tables already seen under a v1 view.
            if (column != nullptr && *column == '\0' && a != nullptr && conn->view_tables_.count(a))
                return SQLITE_OK;
            conn->denied_ = std::string("table '") + (a ? a : "?") + "' is not readable; checks may read only the v1_* views";
            return SQLITE_DENY;
        default:
            conn->denied_ = "only SELECT statements over the v1_* views are allowed";
            return SQLITE_DENY;
    }
}

int QueryConnection::progress(void* self) {
    auto* conn = static_cast<QueryConnection*>(self);
    return std::chrono::steady_clock::now() > conn->deadline_ ? 1 : 0;
}

void QueryConnection::query(const std::string& sql, const std::map<std::string, std::string>& params,
                            const std::function<bool(const QueryRow&)>& on_row) {
    denied_.clear();
    view_tables_.clear();
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v2(db_.get(), sql.c_str(), static_cast<int>(sql.size()), &raw, &tail);
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, sqlite3_finalize);
    if (rc != SQLITE_OK)
        throw Error(ErrorCode::kInvalidInput,
                    "invalid check SQL: " + (denied_.empty() ? std::string(sqlite3_errmsg(db_.get())) : denied_));
    if (!stmt) throw Error(ErrorCode::kInvalidInput, "check SQL is empty");
    while (tail && *tail && std::isspace(static_cast<unsigned char>(*tail))) ++tail;
    if (tail && *tail && *tail != ';')
        throw Error(ErrorCode::kInvalidInput, "check SQL must be a single statement");
    if (!sqlite3_stmt_readonly(stmt.get()))
        throw Error(ErrorCode::kInvalidInput, "check SQL must not write");
    for (const auto& [name, value] : params) {
        int index = sqlite3_bind_parameter_index(stmt.get(), name.c_str());
        if (index > 0) sqlite3_bind_text(stmt.get(), index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    }
    int columns = sqlite3_column_count(stmt.get());
    std::vector<std::string> names;
    for (int i = 0; i < columns; ++i) names.emplace_back(sqlite3_column_name(stmt.get(), i));
    std::vector<std::optional<std::string>> values(static_cast<std::size_t>(columns));
    while (true) {
        rc = sqlite3_step(stmt.get());
        if (rc == SQLITE_DONE) return;
        if (rc == SQLITE_INTERRUPT)
            throw Error(ErrorCode::kInvalidInput, "check SQL ran past its time limit and was stopped");
        if (rc != SQLITE_ROW)
            throw Error(ErrorCode::kInvalidInput, std::string("check SQL failed: ") + sqlite3_errmsg(db_.get()));
        for (int i = 0; i < columns; ++i) {
            auto& v = values[static_cast<std::size_t>(i)];
            if (sqlite3_column_type(stmt.get(), i) == SQLITE_NULL) {
                v.reset();
            } else {
                const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), i));
                v.emplace(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt.get(), i)));
            }
        }
        if (!on_row(QueryRow{names, values})) return;
    }
}

}  // namespace ims::store
