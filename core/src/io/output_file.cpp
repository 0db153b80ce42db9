// OutputFile: atomic, checked output files with POSIX calls (QSaveFile reported success after a
// failed buffered write on a full disk), and the rule that no output replaces an SQLite database.
// Used by every command that writes a file, through ims/core/output_file.hpp.
#include "ims/core/output_file.hpp"

#include "ims/core/error.hpp"

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace ims::io {
namespace {

constexpr std::size_t kBufferSize = 1 << 16;
constexpr std::string_view kJournalSuffixes[] = {"-wal", "-shm", "-journal"};

enum class SqliteFile { kNone, kDatabase, kJournal };

// What the first bytes of `path` say it is; a missing or unreadable file is kNone.
SqliteFile sqlite_kind(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return SqliteFile::kNone;
    struct stat st {};
    std::array<unsigned char, 16> head{};
    ssize_t n =
        ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? ::read(fd, head.data(), head.size()) : 0;
    ::close(fd);
    static constexpr unsigned char kDatabase[16] = {'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f',
                                                    'o', 'r', 'm', 'a', 't', ' ', '3', '\0'};
    static constexpr unsigned char kWal[3] = {0x37, 0x7f, 0x06};  // then 0x82 or 0x83
    static constexpr unsigned char kJournal[8] = {0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7};
    if (n == 16 && std::memcmp(head.data(), kDatabase, 16) == 0) return SqliteFile::kDatabase;
    if (n >= 4 && std::memcmp(head.data(), kWal, 3) == 0 && (head[3] == 0x82 || head[3] == 0x83))
        return SqliteFile::kJournal;
    if (n >= 8 && std::memcmp(head.data(), kJournal, 8) == 0) return SqliteFile::kJournal;
    return SqliteFile::kNone;
}

// "STORE-wal", "STORE-shm" or "STORE-journal" beside an SQLite database STORE, whether or not the
// journal exists now: SQLite would read a file put there as the database's own journal.
bool names_a_journal(const std::string& path) {
    for (std::string_view suffix : kJournalSuffixes)
        if (path.size() > suffix.size() && path.ends_with(suffix) &&
            sqlite_kind(path.substr(0, path.size() - suffix.size())) == SqliteFile::kDatabase)
            return true;
    return false;
}

std::string folder_of(const std::string& path) {
    std::string folder = std::filesystem::path(path).parent_path().string();
    return folder.empty() ? "." : folder;
}

// A fresh, hidden name beside the target, so a crash leaves a recognisable dot-file at worst.
std::string temp_name(const std::string& path, unsigned attempt) {
    static std::mt19937_64 random{std::random_device{}()};
    std::filesystem::path p(path);
    char suffix[40];
    std::snprintf(suffix, sizeof suffix, ".ims-tmp-%d-%u-%llx", static_cast<int>(::getpid()),
                  attempt, static_cast<unsigned long long>(random() & 0xffffffffULL));
    return (p.parent_path() / ("." + p.filename().string() + suffix)).string();
}

void sync_folder(const std::string& folder, const std::string& path) {
    int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;  // a folder we cannot open cannot be synced either; the rename is done
    int rc = ::fsync(fd);
    int error = errno;
    ::close(fd);
    if (rc != 0 && error != EINVAL && error != EROFS)  // some file systems cannot sync folders
        throw Error(ErrorCode::kIo, path + ": written, but its folder " + folder +
                                        " could not be synced, so it may not survive a power "
                                        "loss: " +
                                        describe_errno(error));
}

}  // namespace

bool is_disk_full(int error) {
    return error == ENOSPC || error == EDQUOT;
}

std::string describe_errno(int error) {
    std::string text = std::strerror(error);
    return is_disk_full(error) ? "disk full (" + text + ")" : text;
}

void check_output_target(const std::string& path) {
    const SqliteFile kind = sqlite_kind(path);
    if (kind == SqliteFile::kDatabase)
        throw Error(ErrorCode::kConflict,
                    path +
                        " is an SQLite database, perhaps an ims store; an output never replaces "
                        "one, even with --force: choose another path");
    if (kind == SqliteFile::kJournal || names_a_journal(path))
        throw Error(ErrorCode::kConflict,
                    path +
                        " is the journal of an SQLite database, perhaps an ims store; an output "
                        "never replaces one, even with --force: choose another path");
}

OutputFile::OutputFile(std::string path, Existing existing)
    : path_(std::move(path)), existing_(existing) {
    check_output_target(path_);
    struct stat target {};
    const bool keep_mode = existing_ == Existing::kReplace && ::stat(path_.c_str(), &target) == 0 &&
                           S_ISREG(target.st_mode);
    for (unsigned attempt = 0; fd_ < 0; ++attempt) {
        temp_path_ = temp_name(path_, attempt);
        fd_ = ::open(temp_path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd_ < 0 && (errno != EEXIST || attempt > 100)) {
            int error = errno;
            temp_path_.clear();
            throw Error(ErrorCode::kIo, path_ + ": cannot create a file in " + folder_of(path_) +
                                            ": " + describe_errno(error));
        }
    }
    if (keep_mode && ::fchmod(fd_, target.st_mode & 07777) != 0) fail("cannot write", errno);
}

OutputFile::~OutputFile() {
    discard();
}

void OutputFile::write(std::string_view bytes) {
    if (fd_ < 0) throw Error(ErrorCode::kInternal, path_ + ": written after it was committed");
    buffer_.append(bytes);
    if (buffer_.size() >= kBufferSize) flush();
}

void OutputFile::flush() {
    const char* data = buffer_.data();
    std::size_t left = buffer_.size();
    while (left > 0) {
        ssize_t n = ::write(fd_, data, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail("cannot write", n < 0 ? errno : EIO);
        data += n;
        left -= static_cast<std::size_t>(n);
    }
    buffer_.clear();
}

void OutputFile::commit() {
    if (fd_ < 0) throw Error(ErrorCode::kInternal, path_ + ": committed twice");
    flush();
    if (::fsync(fd_) != 0) fail("cannot sync it to disk", errno);
    int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0 && errno != EINTR) fail("cannot write", errno);
    try {
        check_output_target(path_);  // again: the target may have changed while we wrote
    } catch (...) {
        discard();
        throw;
    }
    put_in_place();
    temp_path_.clear();
    sync_folder(folder_of(path_), path_);
}

void OutputFile::put_in_place() {
    if (existing_ == Existing::kReplace) {
        if (::rename(temp_path_.c_str(), path_.c_str()) != 0)
            fail("cannot put the file in place", errno);
        return;
    }
    // Unlike a check followed by rename(), link() fails if the target appeared meanwhile.
    int rc = ::link(temp_path_.c_str(), path_.c_str());
    if (rc != 0 && (errno == EPERM || errno == EOPNOTSUPP))  // file systems without hard links
        rc = ::renameat2(AT_FDCWD, temp_path_.c_str(), AT_FDCWD, path_.c_str(), RENAME_NOREPLACE);
    if (rc != 0 && errno == EEXIST) {
        discard();
        throw Error(
            ErrorCode::kConflict,
            path_ + " already exists (it appeared while ims was writing); it was left as it was");
    }
    if (rc != 0) fail("cannot put the file in place", errno);
    ::unlink(temp_path_.c_str());  // gone already after renameat2
}

void OutputFile::fail(const std::string& what, int error) {
    discard();
    throw Error(ErrorCode::kIo, path_ + ": " + what + ": " + describe_errno(error));
}

void OutputFile::discard() noexcept {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    if (!temp_path_.empty()) ::unlink(temp_path_.c_str());
    temp_path_.clear();
    buffer_.clear();
}

void create_folders(const std::string& path) {
    std::error_code error;
    std::filesystem::create_directories(path, error);
    if (error)
        throw Error(ErrorCode::kIo,
                    path + ": cannot create the folder: " + describe_errno(error.value()));
}

void write_output_file(const std::string& path, std::string_view bytes, Existing existing) {
    OutputFile out(path, existing);
    out.write(bytes);
    out.commit();
}

}  // namespace ims::io
