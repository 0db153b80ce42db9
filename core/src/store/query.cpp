// The check sandbox: the probe of v1 view stand-ins, the two authorizers and the deadline.
#include "store/query.hpp"

#include "ims/core/error.hpp"
#include "store/open.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <memory>
#include <utility>

namespace ims::store {
namespace {

constexpr const char* kRule = "; checks may read only the v1_* views";

// Longest string or blob a check may build or read (SQLite's default is 1 GB): a check that
// builds huge values fails instead of exhausting memory.
constexpr int kMaxValueBytes = 64 * 1024 * 1024;

using StatementPtr = std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)>;

// The first statement of [sql, end) compiled on `db`, past any empty ones (white space, comments,
// semicolons); `stmt` is empty when there is none, and `rest` points after it.
struct Compiled {
    int rc = SQLITE_OK;
    StatementPtr stmt{nullptr, sqlite3_finalize};
    const char* rest = nullptr;
};

Compiled compile(sqlite3* db, const char* sql, const char* end) {
    Compiled out;
    out.rest = sql;
    while (out.rest < end && !out.stmt) {
        sqlite3_stmt* raw = nullptr;
        const char* tail = nullptr;
        out.rc = sqlite3_prepare_v2(db, out.rest, static_cast<int>(end - out.rest), &raw, &tail);
        out.stmt.reset(raw);
        if (out.rc != SQLITE_OK || tail == nullptr || tail <= out.rest) break;
        out.rest = tail;
    }
    return out;
}

std::string quoted(const std::string& identifier) {
    std::string out = "\"";
    for (char c : identifier) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string lower(const char* s) {
    std::string out = s ? s : "";
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    return out;
}

// Table-valued functions that read nothing but their arguments.
bool is_pure_table_function(const std::string& name) {
    return name == "json_each" || name == "json_tree";
}

// Functions that reach beyond the query's own values: loading code, registering an FTS3
// tokenizer by raw pointer, reading r-tree shadow tables by name, writing to SQLite's log.
bool is_denied_function(const std::string& name) {
    static const std::set<std::string> kDenied = {"load_extension", "fts3_tokenizer", "rtreecheck",
                                                  "sqlite_log"};
    return kDenied.count(name) > 0;
}

bool is_schema_table(const std::string& name) {
    return name == "sqlite_master" || name == "sqlite_temp_master" || name == "sqlite_schema" ||
           name == "sqlite_temp_schema";
}

std::string describe(int action, const char* a, const char* b) {
    const std::string name = a ? a : "?";
    if (action == SQLITE_INSERT || action == SQLITE_UPDATE || action == SQLITE_DELETE) {
        if (is_schema_table(name)) return "change the schema";
        return (action == SQLITE_INSERT   ? "insert into '"
                : action == SQLITE_UPDATE ? "update '"
                                          : "delete from '") +
               name + "'";
    }
    switch (action) {
        case SQLITE_READ:
            return "read '" + name + "'";
        case SQLITE_FUNCTION:
            return std::string("call ") + (b ? b : "?") + "()";
        case SQLITE_PRAGMA:
            return "run PRAGMA " + name;
        case SQLITE_ATTACH:
            return "attach a database";
        case SQLITE_DETACH:
            return "detach a database";
        case SQLITE_TRANSACTION:
        case SQLITE_SAVEPOINT:
            return "begin or end a transaction";
        default:
            return "change the schema";  // CREATE, DROP, ALTER, ANALYZE, REINDEX
    }
}

// A parameter's text as a number, whatever the process's locale (Qt sets it from the
// environment, and strtod would then read "0,5" but not "0.5").
template <typename Number>
Number number_of(const std::string& name, const std::string& text) {
    Number value{};
    const char* end = text.data() + text.size();
    auto [at, error] = std::from_chars(text.data(), end, value);
    if (error != std::errc() || at != end)
        throw Error(ErrorCode::kInvalidInput,
                    "parameter " + name + " is '" + text + "', which is not a number");
    return value;
}

}  // namespace

QueryConnection::QueryConnection(const Store& store)
    : db_(open_read_only_database(store.path())),
      probe_(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY | SQLITE_OPEN_NOMUTEX) {
    // One read transaction for the connection's life: every query sees the same snapshot, so a
    // report built from many queries never mixes states of a store another process is changing.
    db_.exec("BEGIN");
    Statement(db_, "SELECT 1 FROM sqlite_schema LIMIT 1").step();
    build_probe();
    // An eponymous virtual table (json_each, dbstat, pragma_table_info...) registers itself on
    // first use with a schema write, which the authorizers would deny before they saw the read.
    // Registered now, a query's use of one is a read like any other: allowed for json_each and
    // json_tree, refused, and named, for the rest. Only statements that pass the probe reach the
    // store, so there the two allowed ones are enough.
    register_eponymous_tables(probe_);
    db_.exec("SELECT 1 FROM json_each('[]'), json_tree('[]')");
    for (Database* db : {&db_, &probe_}) {
        sqlite3_limit(db->get(), SQLITE_LIMIT_ATTACHED, 0);
        sqlite3_limit(db->get(), SQLITE_LIMIT_LENGTH, kMaxValueBytes);
    }
    sqlite3_set_authorizer(probe_.get(), &QueryConnection::authorize<Stage::kProbe>, this);
    sqlite3_set_authorizer(db_.get(), &QueryConnection::authorize<Stage::kRun>, this);
    sqlite3_progress_handler(db_.get(), 10000, &QueryConnection::progress, this);
}

void QueryConnection::build_probe() {
    Statement columns(db_,
                      "SELECT v.name, c.name FROM sqlite_schema v, pragma_table_info(v.name) c "
                      "WHERE v.type = 'view' AND v.name GLOB 'v1_*' ORDER BY v.name, c.cid");
    std::map<std::string, std::vector<std::string>> views;
    while (columns.step()) views[columns.text(0)].push_back(columns.text(1));
    std::string ddl = "BEGIN;\n";
    for (const auto& [view, names] : views) {
        std::string list, nulls;
        for (const auto& name : names) {
            list += (list.empty() ? "" : ", ") + quoted(name);
            nulls += nulls.empty() ? "NULL" : ", NULL";
        }
        ddl += "CREATE VIEW " + quoted(view) + " (" + list + ") AS SELECT " + nulls + ";\n";
        views_.insert(lower(view.c_str()));
    }
    probe_.exec(ddl + "COMMIT;");
}

void QueryConnection::register_eponymous_tables(Database& db) {
    std::vector<std::string> names;
    for (const char* list : {"SELECT name FROM pragma_module_list",
                             "SELECT 'pragma_' || name FROM pragma_pragma_list"}) {
        Statement stmt(db, list);
        while (stmt.step()) names.push_back(stmt.text(0));
    }
    // Compiling is enough to register; names that are not eponymous tables fail, which is fine.
    for (const auto& name : names) {
        const std::string sql = "SELECT 1 FROM " + quoted(name);
        compile(db.get(), sql.c_str(), sql.c_str() + sql.size());
    }
}

std::string QueryConnection::judge(Stage stage, int action, const char* a, const char* b,
                                   const char* context) {
    switch (action) {
        case SQLITE_SELECT:
        case SQLITE_RECURSIVE:
            return {};
        case SQLITE_FUNCTION:
            return is_denied_function(lower(b)) ? describe(action, a, b) : std::string();
        case SQLITE_READ: {
            // SQLite names a view as the query spells it (V1_Controls); names are case-insensitive.
            const std::string table = lower(a);
            if (views_.count(table)) {
                if (stage == Stage::kProbe) views_read_.insert(table);
                return {};
            }
            if (is_pure_table_function(table)) return {};
            // On the store, the real views read their tables: on their behalf (the context names
            // the view) or, once SQLite has flattened a view into the query, without naming a
            // column. The probe has already shown that the statement names no table itself.
            if (stage == Stage::kRun &&
                (views_.count(lower(context)) || (b != nullptr && *b == '\0')))
                return {};
            return describe(action, a, b);
        }
        default:
            return describe(action, a, b);
    }
}

template <QueryConnection::Stage kStage>
int QueryConnection::authorize(void* self, int action, const char* a, const char* b, const char*,
                               const char* context) {
    auto* conn = static_cast<QueryConnection*>(self);
    std::string denied = conn->judge(kStage, action, a, b, context);
    if (denied.empty()) return SQLITE_OK;
    if (conn->denied_.empty()) conn->denied_ = denied;
    return SQLITE_DENY;
}

int QueryConnection::progress(void* self) {
    auto* conn = static_cast<QueryConnection*>(self);
    return std::chrono::steady_clock::now() > conn->deadline_ ? 1 : 0;
}

void QueryConnection::fail(sqlite3* db, const std::string& denied, std::string message) {
    if (!denied.empty())
        throw Error(ErrorCode::kInvalidInput, "check SQL may not " + denied + kRule);
    if (message.empty()) message = sqlite3_errmsg(db);
    // The probe knows only the v1 views: any other table name ends here.
    const std::string no_table = "no such table: ";
    if (message.rfind(no_table, 0) == 0)
        throw Error(ErrorCode::kInvalidInput, "check SQL may not read '" +
                                                  message.substr(no_table.size()) +
                                                  "', which is not a v1_* view" + kRule);
    throw Error(ErrorCode::kInvalidInput, "invalid check SQL: " + message);
}

void QueryConnection::check_on_probe(const std::string& sql) {
    const char* end = sql.c_str() + sql.size();
    denied_.clear();
    Compiled first = compile(probe_.get(), sql.c_str(), end);
    if (first.rc != SQLITE_OK) {
        if (!denied_.empty()) fail(probe_.get(), denied_);
        // A table the probe does not know: the store's authorizer may name better what the
        // statement does with it ("insert into 'controls'").
        const std::string probe_error = sqlite3_errmsg(probe_.get());
        denied_.clear();
        compile(db_.get(), sql.c_str(), end);  // for its authorizer's verdict only
        if (!denied_.empty()) fail(db_.get(), denied_);
        fail(probe_.get(), "", probe_error);
    }
    if (!first.stmt) throw Error(ErrorCode::kInvalidInput, "check SQL is empty");
    if (!sqlite3_stmt_readonly(first.stmt.get())) fail(probe_.get(), "write");
    // A query plan names the tables and indexes under the views.
    if (sqlite3_stmt_isexplain(first.stmt.get())) fail(probe_.get(), "use EXPLAIN");
    denied_.clear();
    Compiled second = compile(probe_.get(), first.rest, end);
    if (second.rc != SQLITE_OK || second.stmt) fail(probe_.get(), "run more than one statement");
}

void QueryConnection::check(const std::string& sql) {
    check_on_probe(sql);
}

std::set<std::string> QueryConnection::take_views_read() {
    return std::exchange(views_read_, {});
}

void QueryConnection::query(const std::string& sql, const BoundValues& params,
                            const std::function<bool(const QueryRow&)>& on_row) {
    check_on_probe(sql);
    denied_.clear();
    Compiled compiled = compile(db_.get(), sql.c_str(), sql.c_str() + sql.size());
    if (compiled.rc != SQLITE_OK) fail(db_.get(), denied_);
    sqlite3_stmt* stmt = compiled.stmt.get();
    for (const auto& [name, value] : params) {
        int index = sqlite3_bind_parameter_index(stmt, name.c_str());
        if (index <= 0) continue;
        if (value.type == BoundValue::Type::kInteger)
            sqlite3_bind_int64(stmt, index, number_of<sqlite3_int64>(name, value.text));
        else if (value.type == BoundValue::Type::kReal)
            sqlite3_bind_double(stmt, index, number_of<double>(name, value.text));
        else
            sqlite3_bind_text(stmt, index, value.text.data(), static_cast<int>(value.text.size()),
                              SQLITE_TRANSIENT);
    }
    int columns = sqlite3_column_count(stmt);
    std::vector<std::string> names;
    for (int i = 0; i < columns; ++i) names.emplace_back(sqlite3_column_name(stmt, i));
    std::vector<std::optional<std::string>> values(static_cast<std::size_t>(columns));
    while (true) {
        int rc = sqlite3_step(stmt);
        if (rc == SQLITE_DONE) return;
        if (rc == SQLITE_INTERRUPT)
            throw Error(ErrorCode::kInvalidInput,
                        "check SQL ran past its time limit and was stopped");
        if (rc != SQLITE_ROW)
            throw Error(ErrorCode::kInvalidInput,
                        std::string("check SQL failed: ") + sqlite3_errmsg(db_.get()));
        for (int i = 0; i < columns; ++i) {
            auto& v = values[static_cast<std::size_t>(i)];
            if (sqlite3_column_type(stmt, i) == SQLITE_NULL) {
                v.reset();
            } else {
                const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
                v.emplace(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, i)));
            }
        }
        if (!on_row(QueryRow{names, values})) return;
    }
}

}  // namespace ims::store
