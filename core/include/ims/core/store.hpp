// The organisation's store: one SQLite file holding its IMS data, the catalogs of the standards it
// adopted, the evidence vault and the hash-chained change log. Every write goes through
// Store::write, which runs one transaction and appends one change-log entry per changed row.
// A Store is used by one thread at a time; open one per thread or process.
#pragma once

#include "ims/core/output_file.hpp"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ims::store {

class Database;
class Statement;

// The format this ims writes and reads (PRAGMA user_version after all migrations).
int current_store_format();

enum class PutOutcome { kAdded, kChanged, kUnchanged };

// The one write path. Obtained only inside Store::write; not valid after it returns.
class WriteTxn {
public:
    // Inserts or updates the row of `entity` (e.g. "control") whose "id" is row["id"]. Fields
    // absent from `row` are stored as NULL. Appends a change-log entry unless nothing changed.
    // The organisation's records are written through ims::records, which checks them first.
    PutOutcome put(std::string_view entity, const nlohmann::json& row);
    // The row of `entity` with this id as put() would write it (NULL fields left out), or null.
    nlohmann::json get(std::string_view entity, std::string_view id);
    // Calls fn with every row of `entity` as this transaction sees it, ordered by id.
    void for_each(std::string_view entity, const std::function<void(const nlohmann::json&)>& fn);
    // Copies a file into the evidence vault (content-addressed, chunked) and returns its SHA-256.
    // Adding bytes the vault already holds is a no-op. The path is opened once, as given.
    std::string add_blob(const std::string& file_path);
    // The same for a file already open for reading: hashed and copied through `fd` alone, so the
    // bytes stored are those of the file that was opened. `name` names it in messages.
    std::string add_blob(int fd, const std::string& name);
    bool has_blob(const std::string& sha256);
    const std::string& actor() const { return actor_; }

private:
    friend class Store;
    friend class RowWriter;
    friend struct WriteTxnAccess;
    WriteTxn(Database& db, std::string actor);
    // `payload` is the entry's JSON text as stored and hashed.
    void append_log(std::string_view entity, std::string_view id, std::string_view op,
                    std::string payload);
    void append_log(std::string_view entity, std::string_view id, std::string_view op,
                    const nlohmann::json& payload);

    Database& db_;
    std::string actor_;
    std::string at_;
    int64_t last_seq_ = 0;
    std::string last_hash_;
    Statement* insert_log_ = nullptr;  // compiled once per connection (Database::cached)
};

// The newest change-log entry: a receipt that later proves nothing was truncated or rewritten.
struct LogHead {
    int64_t seq = 0;   // 0: the log is empty
    std::string hash;  // 64 hex digits
    // Reads "SEQ:HASH"; throws ims::Error(kUsage) naming what was expected.
    static LogHead parse(const std::string& text);
    std::string text() const;  // "SEQ:HASH"
};

// What `ims verify` found. ok() when there is no problem.
struct VerifyReport {
    int64_t log_entries = 0;
    int64_t blobs = 0;
    LogHead head;
    std::vector<std::string> problems;  // one sentence each, naming the row, field, entry or blob
    bool ok() const { return problems.empty(); }
};

class Store {
public:
    enum class Mode { kReadOnly, kReadWrite };

    // Creates a new store at `path` for organisation `org_name`; refuses an existing file. The
    // store is built under a temporary name and moved into place without replacing anything, so of
    // two processes creating the same path exactly one succeeds.
    static Store create(const std::string& path, const std::string& org_name,
                        const std::string& actor);
    // Opens an existing store, migrating it forward when opened read-write. Refuses a file that
    // is not an ims store or was written by a newer ims, names a damaged one (kDamaged) and a
    // read-only one (kReadOnly). Read-only opening never writes, not even in a read-only folder;
    // it refuses a store of an older format and says to run 'ims migrate'.
    static Store open(const std::string& path, Mode mode = Mode::kReadWrite);

    // Upgrades an older store to the current format, each step in its own transaction.
    struct Migration {
        int from = 0;
        int to = 0;
    };
    static Migration migrate(const std::string& path);

    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;
    ~Store();

    // Runs fn inside one IMMEDIATE transaction; commits when fn returns, rolls back on throw.
    // With Commit::kNo it always rolls back: a dry run that sees exactly what a write would do.
    enum class Commit { kYes, kNo };
    void write(const std::string& actor, const std::function<void(WriteTxn&)>& fn,
               Commit commit = Commit::kYes);

    // Runs fn inside one read transaction: every read fn makes through this Store sees the store as
    // it was when read() began, whatever other processes commit meanwhile. Every command that reads
    // more than one statement's worth (export, SoA, coverage, checks) reads inside one.
    void read(const std::function<void()>& fn) const;

    // The row of `entity` with this id (NULL fields left out), or null.
    nlohmann::json get(std::string_view entity, std::string_view id) const;

    // Calls fn with every row of `entity`, ordered by id, in the form get() returns.
    void for_each(std::string_view entity,
                  const std::function<void(const nlohmann::json&)>& fn) const;

    // Streams a vault blob to `out_path` through io::OutputFile; throws kNotFound for an unknown
    // hash and kIo (naming the path and the cause) when the file cannot be written.
    void read_blob(const std::string& sha256, const std::string& out_path,
                   io::Existing existing) const;

    // Walks the change-log chain over the stored bytes, replays the log against every table and
    // the vault, checks every evidence record's file is in the vault, re-hashes the vault and runs
    // PRAGMA integrity_check. With `expected`, also proves the log still holds that entry
    // unchanged. Reports damage as problems instead of throwing.
    VerifyReport verify(const std::optional<LogHead>& expected = std::nullopt) const;

    const std::string& path() const;

private:
    friend struct StoreAccess;  // libims_core's own reads (store/store_access.hpp)
    explicit Store(std::unique_ptr<Database> db);
    std::unique_ptr<Database> db_;
};

// The current UTC time as "YYYY-MM-DDThh:mm:ssZ".
std::string utc_now();

}  // namespace ims::store
