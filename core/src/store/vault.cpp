// The evidence vault: files stored content-addressed (sha256 -> bytes) inside the store, written
// and read in 1 MiB chunks through sqlite3_blob_* so a large file never sits in memory whole.
#include "ims/core/error.hpp"
#include "ims/core/store.hpp"
#include "store/sqlite.hpp"
#include "store/vault.hpp"
#include "util/open_file.hpp"
#include "util/sha256.hpp"

#include <nlohmann/json.hpp>

#include <QFile>

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace ims::store {
namespace {

constexpr qint64 kChunk = 1 << 20;

class Blob {
public:
    Blob(Database& db, int64_t rowid, int writable) : db_(db.get()) {
        check(db_, sqlite3_blob_open(db_, "main", "vault", "data", rowid, writable, &blob_),
              "opening a vault blob");
    }
    ~Blob() { sqlite3_blob_close(blob_); }
    Blob(const Blob&) = delete;
    Blob& operator=(const Blob&) = delete;
    int size() const { return sqlite3_blob_bytes(blob_); }
    void read(char* out, int n, int offset) {
        check(db_, sqlite3_blob_read(blob_, out, n, offset), "reading a vault blob");
    }
    void write(const char* in, int n, int offset) {
        check(db_, sqlite3_blob_write(blob_, in, n, offset), "writing a vault blob");
    }

private:
    sqlite3* db_;
    sqlite3_blob* blob_ = nullptr;
};

}  // namespace

std::string WriteTxn::add_blob(const std::string& file_path) {
    util::UniqueFd fd = util::open_regular_file(file_path);
    return add_blob(fd.get(), file_path);
}

std::string WriteTxn::add_blob(int fd, const std::string& name) {
    struct stat st {};
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        throw Error(ErrorCode::kInvalidInput, name + ": not a regular file");
    const qint64 size = st.st_size;
    if (size > 1'000'000'000)
        throw Error(ErrorCode::kInvalidInput,
                    name + ": evidence files larger than 1 GB are not supported; store a link");
    // Hashed and copied through the one descriptor: the bytes stored are the bytes hashed, even
    // if the file's path is pointed elsewhere meanwhile; a change of the file itself shows as a
    // second hash that differs.
    std::vector<char> buffer(static_cast<std::size_t>(kChunk));
    auto read_at = [&](qint64 offset) {
        const ssize_t n = pread(fd, buffer.data(), buffer.size(), offset);
        if (n < 0)
            throw Error(ErrorCode::kIo,
                        name + ": cannot read the evidence file: " + std::strerror(errno));
        return static_cast<qint64>(n);
    };
    util::Sha256 hash;
    qint64 offset = 0;
    for (qint64 n; (n = read_at(offset)) > 0; offset += n)
        hash.add(buffer.data(), static_cast<std::size_t>(n));
    const std::string sha = hash.hex();
    if (offset != size)
        throw Error(ErrorCode::kIo,
                    name + ": the file changed while it was being stored; try again");

    if (has_blob(sha)) return sha;

    Statement insert(db_, "INSERT INTO vault (sha256, size, data) VALUES (?1, ?2, zeroblob(?2))");
    insert.bind(1, sha).bind(2, static_cast<int64_t>(size));
    insert.run();
    Blob blob(db_, sqlite3_last_insert_rowid(db_.get()), 1);
    util::Sha256 rehash;
    for (offset = 0; offset < size;) {
        qint64 n = std::min(read_at(offset), size - offset);
        if (n <= 0) break;
        rehash.add(buffer.data(), static_cast<std::size_t>(n));
        blob.write(buffer.data(), static_cast<int>(n), static_cast<int>(offset));
        offset += n;
    }
    if (offset != size || read_at(size) != 0 || rehash.hex() != sha)
        throw Error(ErrorCode::kIo,
                    name + ": the file changed while it was being stored; try again");
    append_log("vault_blob", sha, "insert", {{"sha256", sha}, {"size", size}});
    return sha;
}

bool WriteTxn::has_blob(const std::string& sha256) {
    Statement exists(db_, "SELECT 1 FROM vault WHERE sha256 = ?1");
    exists.bind(1, sha256);
    return exists.step();
}

void Store::read_blob(const std::string& sha256, const std::string& out_path,
                      io::Existing existing) const {
    Statement find(*db_, "SELECT rowid FROM vault WHERE sha256 = ?1");
    find.bind(1, sha256);
    if (!find.step())
        throw Error(ErrorCode::kNotFound, "the vault holds no file with sha256 " + sha256);
    Blob blob(*db_, find.integer(0), 0);
    io::OutputFile out(out_path, existing);
    std::vector<char> buffer(static_cast<std::size_t>(kChunk));
    for (int offset = 0, size = blob.size(); offset < size;) {
        int n = static_cast<int>(std::min<qint64>(kChunk, size - offset));
        blob.read(buffer.data(), n, offset);
        out.write({buffer.data(), static_cast<std::size_t>(n)});
        offset += n;
    }
    out.commit();
}

BlobHash hash_blob(Database& db, int64_t rowid) {
    Blob blob(db, rowid, 0);
    std::vector<char> buffer(static_cast<std::size_t>(kChunk));
    util::Sha256 hash;
    const int size = blob.size();
    for (int offset = 0; offset < size;) {
        int n = static_cast<int>(std::min<qint64>(kChunk, size - offset));
        blob.read(buffer.data(), n, offset);
        hash.add(buffer.data(), static_cast<std::size_t>(n));
        offset += n;
    }
    return {hash.hex(), size};
}

}  // namespace ims::store
