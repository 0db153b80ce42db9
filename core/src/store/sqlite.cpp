#include "store/sqlite.hpp"

#include "ims/core/error.hpp"
#include "ims/core/output_file.hpp"

#include <cstdlib>
#include <cstring>
#include <utility>

namespace ims::store {

namespace {

// The store's file as SQLite knows it, for messages ("the store" when SQLite cannot say).
std::string file_of(sqlite3* db) {
    const char* name = db ? sqlite3_db_filename(db, "main") : nullptr;
    return name && *name ? name : "the store";
}

std::string system_error(sqlite3* db) {
    int code = db ? sqlite3_system_errno(db) : 0;
    return code ? std::string(" (") + std::strerror(code) + ")" : std::string();
}

// How long a writer waits for another process's write lock: IMS_BUSY_TIMEOUT_MS, else 5 s.
int busy_timeout_ms() {
    const char* value = std::getenv("IMS_BUSY_TIMEOUT_MS");
    if (value == nullptr || *value == '\0') return 5000;
    char* end = nullptr;
    long ms = std::strtol(value, &end, 10);
    return *end == '\0' && ms >= 0 && ms <= 3'600'000 ? static_cast<int>(ms) : 5000;
}

}  // namespace

// One place that turns SQLite's extended result codes into honest errors: the user learns whether
// the disk is full, another process holds the store, the file is damaged or cannot be written.
[[noreturn]] void throw_sqlite_error(sqlite3* db, int rc, std::string_view what) {
    const std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    const std::string file = file_of(db);
    // A write that fails with ENOSPC reaches SQLite as an I/O error, not SQLITE_FULL.
    const bool disk_full =
        (rc & 0xff) == SQLITE_IOERR && db && io::is_disk_full(sqlite3_system_errno(db));
    switch (disk_full ? SQLITE_FULL : rc & 0xff) {
        case SQLITE_FULL:
            throw Error(ErrorCode::kIo, file + ": disk full while " + std::string(what) +
                                            "; free some space and try again (SQLite: " + message +
                                            ")");
        case SQLITE_IOERR:
            throw Error(ErrorCode::kIo, file + ": I/O error while " + std::string(what) +
                                            system_error(db) + " (SQLite: " + message + ")");
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            throw Error(ErrorCode::kBusy, "another ims process is writing to " + file +
                                              "; try again when it has finished");
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            throw Error(ErrorCode::kDamaged,
                        file + " is damaged: " + message +
                            "; run 'ims verify' on it and restore it from an export");
        case SQLITE_READONLY:
            throw Error(ErrorCode::kReadOnly,
                        file + " cannot be written: the file or its folder is read-only" +
                            system_error(db));
        case SQLITE_CANTOPEN:
            throw Error(ErrorCode::kIo,
                        file + ": cannot open" + system_error(db) + " (SQLite: " + message + ")");
        case SQLITE_CONSTRAINT:
            throw Error(ErrorCode::kInvalidInput, std::string(what) + ": " + message);
        default:
            throw Error(ErrorCode::kInternal, std::string(what) + ": " + message);
    }
}

void check(sqlite3* db, int rc, std::string_view what) {
    if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return;
    throw_sqlite_error(db, rc, what);
}

Database::Database(const std::string& filename, int flags, const std::string& path)
    : path_(path.empty() ? filename : path) {
    int rc = sqlite3_open_v2(filename.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw Error(rc == SQLITE_CANTOPEN ? ErrorCode::kNotFound : ErrorCode::kIo,
                    path_ + ": cannot open the store: " + message);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, busy_timeout_ms());
}

Database::~Database() {
    cache_.clear();
    sqlite3_close_v2(db_);
}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      path_(std::move(other.path_)),
      cache_(std::move(other.cache_)) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        cache_.clear();
        sqlite3_close_v2(db_);
        db_ = std::exchange(other.db_, nullptr);
        path_ = std::move(other.path_);
        cache_ = std::move(other.cache_);
    }
    return *this;
}

Statement& Database::cached(const std::string& sql) {
    auto it = cache_.find(sql);
    if (it == cache_.end())
        it = cache_.emplace(sql, std::make_unique<Statement>(*this, sql)).first;
    else
        it->second->reset();
    return *it->second;
}

void Database::exec(const std::string& sql) {
    char* error = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error);
    sqlite3_free(error);  // sqlite3_errmsg still holds the message
    check(db_, rc, "running SQL");
}

int64_t Database::pragma_int(const std::string& name) {
    Statement stmt(*this, "PRAGMA " + name);
    return stmt.step() ? stmt.integer(0) : 0;
}

Statement::Statement(const Database& db, std::string_view sql) : Statement(db.get(), sql) {}

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
    int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
    check(db_, rc, "preparing SQL");
}

Statement::~Statement() {
    sqlite3_finalize(stmt_);
}

Statement& Statement::bind(int index, std::string_view text) {
    check(db_,
          sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()),
                            SQLITE_TRANSIENT),
          "binding a value");
    return *this;
}

Statement& Statement::bind_unowned(int index, std::string_view text) {
    check(
        db_,
        sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC),
        "binding a value");
    return *this;
}

Statement& Statement::bind(int index, int64_t value) {
    check(db_, sqlite3_bind_int64(stmt_, index, value), "binding a value");
    return *this;
}

Statement& Statement::bind_null(int index) {
    check(db_, sqlite3_bind_null(stmt_, index), "binding a value");
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    check(db_, rc, "running SQL");
    return false;
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

int Statement::column_count() const {
    return sqlite3_column_count(stmt_);
}
bool Statement::is_null(int column) const {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}
int Statement::column_type(int column) const {
    return sqlite3_column_type(stmt_, column);
}

std::string Statement::text(int column) const {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    int size = sqlite3_column_bytes(stmt_, column);
    return data ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(stmt_, column);
}

std::string Statement::column_name(int column) const {
    const char* name = sqlite3_column_name(stmt_, column);
    return name ? name : "";
}

}  // namespace ims::store
