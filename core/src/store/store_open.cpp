// Creating, opening and migrating store files: what kind of file a path holds (an ims store, a
// damaged or truncated one, something else), read-only opening that works in read-only folders,
// and creation that never replaces a store another process created at the same moment.
#include "ims/core/error.hpp"
#include "ims/core/store.hpp"
#include "store/migrate.hpp"
#include "store/open.hpp"
#include "store/schema.hpp"
#include "store/transaction.hpp"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

namespace ims::store {

void in_transaction(Database& db, const char* begin, bool commit, const std::function<void()>& fn) {
    db.exec(begin);
    try {
        fn();
        db.exec(commit ? "COMMIT" : "ROLLBACK");
    } catch (...) {
        if (!sqlite3_get_autocommit(db.get()))
            sqlite3_exec(db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

namespace {

namespace fs = std::filesystem;

// A write transaction as large as an import touches every page of the tables and indexes it
// grows; with SQLite's 2 MB cache it spills dirty pages to the WAL mid-transaction and reads them
// back: the benchmark's 4x import took 10.4 s with it and 8.5 s with 64 MiB (docs/performance.md).
// The cap, not the size of the import, bounds what it adds to memory.
void configure(Database& db) {
    db.exec("PRAGMA foreign_keys = ON");
    db.exec("PRAGMA synchronous = FULL");
    db.exec("PRAGMA temp_store = MEMORY");
    db.exec("PRAGMA cache_size = -65536");
}

// Read-only connections (reports, export, verify, the check sandbox) get a 16 MiB page cache
// instead of SQLite's 2 MB: lookups that jump about the file, such as integrity_check's index
// checks, then hit the cache instead of reading pages again. Scans read each page once either
// way, so the cap, not the store's size, bounds what it adds to memory.
void configure_reader(Database& db) {
    db.exec("PRAGMA temp_store = MEMORY");
    db.exec("PRAGMA cache_size = -16384");
}

uint32_t big_endian(const unsigned char* p) {
    return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | uint32_t{p[3]};
}

// What the first 100 bytes (SQLite's database header) and the file's size say about a path,
// before SQLite is asked: a damaged ims store must not be called "not an ims store".
enum class FileKind { kEmpty, kNotSqlite, kOtherSqlite, kImsStore, kDamaged };
struct Inspection {
    FileKind kind;
    std::string why;  // for kDamaged
};

Inspection inspect(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorCode::kIo, path + ": cannot read the store: " + std::strerror(errno));
    std::array<unsigned char, 100> header{};
    in.read(reinterpret_cast<char*>(header.data()), header.size());
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) return {FileKind::kEmpty, {}};
    static const char kMagic[] = "SQLite format 3";  // and its terminating NUL: 16 bytes
    if (got < 16 || std::memcmp(header.data(), kMagic, 16) != 0) return {FileKind::kNotSqlite, {}};
    if (got < header.size())
        return {FileKind::kDamaged,
                "the file ends inside its header (" + std::to_string(got) + " bytes)"};
    if (big_endian(&header[68]) != static_cast<uint32_t>(kApplicationId))
        return {FileKind::kOtherSqlite, {}};
    // The header's page count is valid when its version-valid-for number equals the change counter.
    // Without a write-ahead log to add pages, the file must be at least that long.
    uint32_t page_size = (uint32_t{header[16]} << 8) | header[17];
    if (page_size == 1) page_size = 65536;
    const uint64_t pages = big_endian(&header[28]);
    const bool count_valid = big_endian(&header[92]) == big_endian(&header[24]);
    std::error_code ec;
    const auto wal_size = fs::exists(path + "-wal", ec) ? fs::file_size(path + "-wal", ec) : 0;
    const auto size = fs::file_size(path, ec);
    if (!ec && count_valid && wal_size == 0 && size < pages * page_size)
        return {FileKind::kDamaged, "the file is " + std::to_string(size) + " bytes but holds " +
                                        std::to_string(pages) + " pages of " +
                                        std::to_string(page_size) + " bytes; it was truncated"};
    return {FileKind::kImsStore, {}};
}

[[noreturn]] void refuse(const std::string& path, const Inspection& found) {
    switch (found.kind) {
        case FileKind::kEmpty:
            throw Error(ErrorCode::kInvalidInput, path + ": not an ims store (the file is empty)");
        case FileKind::kDamaged:
            throw Error(ErrorCode::kDamaged, path + " is damaged: " + found.why +
                                                 "; restore it from an export or a backup");
        default:
            throw Error(ErrorCode::kInvalidInput, path + ": not an ims store");
    }
}

bool writable(const std::string& path) {
    return ::access(path.c_str(), W_OK) == 0;
}

std::string folder_of(const std::string& path) {
    fs::path folder = fs::path(path).parent_path();
    return folder.empty() ? "." : folder.string();
}

// "file:" URI for sqlite3_open_v2 with SQLITE_OPEN_URI: '%', '?' and '#' must be escaped.
std::string file_uri(const std::string& path, const std::string& query) {
    std::string uri = "file:";
    for (char c : fs::absolute(path).string()) {
        if (c == '%' || c == '?' || c == '#') {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", static_cast<unsigned char>(c));
            uri += hex;
        } else {
            uri += c;
        }
    }
    return uri + "?" + query;
}

std::unique_ptr<Database> open_database(const std::string& path, Store::Mode mode) {
    if (mode == Store::Mode::kReadWrite) {
        if (!writable(path) || !writable(folder_of(path)))
            throw Error(ErrorCode::kReadOnly,
                        path + " cannot be written: " +
                            (writable(path) ? "its folder " + folder_of(path) +
                                                  " is read-only (SQLite keeps its "
                                                  "-wal and -shm files beside the store)"
                                            : std::string("the file is read-only")));
        return std::make_unique<Database>(path, SQLITE_OPEN_READWRITE);
    }
    // In a folder nobody can write, SQLite cannot create the -shm file a WAL store needs; with no
    // write-ahead log on disk nobody can be changing the file, so it may be opened immutable.
    std::error_code ec;
    const bool no_wal = !fs::exists(path + "-wal", ec) || fs::file_size(path + "-wal", ec) == 0;
    if (!writable(folder_of(path)) && no_wal)
        return std::make_unique<Database>(file_uri(path, "immutable=1"),
                                          SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, path);
    return std::make_unique<Database>(path, SQLITE_OPEN_READONLY);
}

std::string temporary_sibling(const std::string& path) {
    std::random_device random;
    return path + ".creating-" + std::to_string(::getpid()) + "-" + std::to_string(random());
}

void remove_database_files(const std::string& path) {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ignored);
}

// Moves `from` to `to` unless `to` exists, atomically: two processes creating the same store
// cannot both succeed, and neither replaces the other's file.
void move_without_replacing(const std::string& from, const std::string& to) {
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0) return;
    int error = errno;
    if (error == EINVAL || error == ENOSYS) {  // a file system without RENAME_NOREPLACE
        if (::link(from.c_str(), to.c_str()) == 0) {
            ::unlink(from.c_str());
            return;
        }
        error = errno;
    }
    if (error == EEXIST)
        throw Error(ErrorCode::kConflict,
                    to + ": a file already exists there; choose another path or remove it");
    throw Error(ErrorCode::kIo, to + ": cannot create the store: " + std::strerror(error));
}

}  // namespace

Store Store::create(const std::string& path, const std::string& org_name,
                    const std::string& actor) {
    if (fs::exists(path))
        throw Error(ErrorCode::kConflict,
                    path + ": a file already exists there; choose another path or remove it");
    if (org_name.empty())
        throw Error(ErrorCode::kUsage, "the organisation name must not be empty (--org NAME)");
    if (!writable(folder_of(path)))
        throw Error(ErrorCode::kReadOnly,
                    path + ": cannot create the store: the folder " + folder_of(path) +
                        (fs::is_directory(folder_of(path)) ? " is read-only" : " does not exist"));
    // Built whole under a temporary name, then moved into place: a store is never seen half made.
    const std::string temporary = temporary_sibling(path);
    try {
        {
            Store store(
                std::make_unique<Database>(temporary, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
            Database& db = *store.db_;
            db.exec("PRAGMA journal_mode = WAL");
            db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
            configure(db);
            migrate_database(db);
            store.write(actor, [&](WriteTxn& txn) {
                txn.put("organisation", {{"id", "org"}, {"name", org_name}});
            });
        }  // closing the last connection checkpoints the log into the file and removes it
        move_without_replacing(temporary, path);
    } catch (...) {
        remove_database_files(temporary);
        throw;
    }
    return open(path, Mode::kReadWrite);
}

namespace {

// Opens an ims store file without migrating it; returns its store format.
std::unique_ptr<Database> open_checked(const std::string& path, Store::Mode mode, int64_t& format) {
    if (!fs::is_regular_file(path))
        throw Error(ErrorCode::kNotFound,
                    path + ": no such store; create one with 'ims init " + path + " --org NAME'");
    const Inspection found = inspect(path);
    if (found.kind != FileKind::kImsStore) refuse(path, found);
    auto db = open_database(path, mode);
    format = db->pragma_int("user_version");
    if (format > current_store_format())
        throw Error(ErrorCode::kInvalidInput,
                    path + ": this store was written by a newer ims (store format " +
                        std::to_string(format) + "; this ims reads formats up to " +
                        std::to_string(current_store_format()) + "); upgrade ims to open it");
    return db;
}

}  // namespace

Database open_read_only_database(const std::string& path) {
    int64_t format = 0;
    auto db = open_checked(path, Store::Mode::kReadOnly, format);
    configure_reader(*db);
    return std::move(*db);
}

Store Store::open(const std::string& path, Mode mode) {
    int64_t format = 0;
    auto db = open_checked(path, mode, format);
    if (mode == Mode::kReadOnly && format < current_store_format())
        throw Error(ErrorCode::kInvalidInput, path + ": store format " + std::to_string(format) +
                                                  " is older than this ims (" +
                                                  std::to_string(current_store_format()) +
                                                  "); upgrade it with 'ims migrate " + path + "'");
    if (mode == Mode::kReadWrite) {
        configure(*db);
        migrate_database(*db);
    } else {
        configure_reader(*db);
    }
    return Store(std::move(db));
}

Store::Migration Store::migrate(const std::string& path) {
    int64_t format = 0;
    auto db = open_checked(path, Mode::kReadWrite, format);
    configure(*db);
    migrate_database(*db);
    return {static_cast<int>(format), current_store_format()};
}

}  // namespace ims::store
