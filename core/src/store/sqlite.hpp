// Thin RAII wrappers over the SQLite C API for libims_core's store code. Errors become
// ims::Error with SQLite's own message. A Database or Statement is used by one thread at a time.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace ims::store {

class Statement;

class Database {
public:
    Database() = default;
    // `filename` as sqlite3_open_v2 takes it (a path, or a file: URI with SQLITE_OPEN_URI);
    // `path` names the store in messages when it differs from `filename`.
    Database(const std::string& filename, int flags, const std::string& path = {});
    ~Database();
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    sqlite3* get() const { return db_; }
    const std::string& path() const { return path_; }
    void exec(const std::string& sql);
    int64_t pragma_int(const std::string& name);
    // A statement compiled once per connection and reused, reset and with no bindings: for the
    // write path's per-row statements. Valid until the Database is destroyed; reset it after
    // reading rows so that it holds no read open.
    Statement& cached(const std::string& sql);

private:
    sqlite3* db_ = nullptr;
    std::string path_;
    std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

class Statement {
public:
    Statement(const Database& db, std::string_view sql);
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::string_view text);
    // Binds without copying: `text` must stay as it is until the statement is reset (the write
    // path's per-row statements, whose values outlive their step).
    Statement& bind_unowned(int index, std::string_view text);
    Statement& bind(int index, int64_t value);
    Statement& bind_null(int index);

    bool step();  // true while a row is available
    void run();   // steps to completion, for statements without rows
    void reset();

    int column_count() const;
    bool is_null(int column) const;
    std::string text(int column) const;
    int64_t integer(int column) const;
    int column_type(int column) const;
    std::string column_name(int column) const;
    sqlite3_stmt* get() const { return stmt_; }

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

// Throws ims::Error when rc is not SQLITE_OK/ROW/DONE: disk full and I/O errors as kIo, a held
// lock as kBusy, a damaged file as kDamaged, a read-only one as kReadOnly, a violated constraint
// as kInvalidInput, anything else as kInternal; `what` says what was being done.
void check(sqlite3* db, int rc, std::string_view what);
[[noreturn]] void throw_sqlite_error(sqlite3* db, int rc, std::string_view what);

}  // namespace ims::store
