// Opening files named by users and by untrusted input exactly once, so that what is checked is
// what is read: evidence files are hashed and copied into the vault from the descriptor opened
// here, never by opening their path again. Used by import, `evidence add` and WriteTxn::add_blob.
#pragma once

#include <cstddef>
#include <string>

namespace ims::util {

// An open file descriptor, closed when destroyed. Move-only; -1 when empty.
class UniqueFd {
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : fd_(fd) {}
    UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
    UniqueFd& operator=(UniqueFd&& other) noexcept;
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    ~UniqueFd();

    int get() const { return fd_; }
    explicit operator bool() const { return fd_ >= 0; }
    int release() {
        int fd = fd_;
        fd_ = -1;
        return fd;
    }

private:
    int fd_ = -1;
};

// Reads the next chunk of `fd` (at most `chunk` bytes, retrying after a signal) onto the end of
// `buffer`; false at the end of the file. Throws ims::Error(kIo) "SOURCE: cannot read the file".
// The chunked JSON and CSV readers use it.
bool append_chunk(int fd, std::string& buffer, std::size_t chunk, const std::string& source);

// Opens `path` for reading as the user named it (symbolic links followed) and checks, on the open
// descriptor, that it is a regular file. Throws ims::Error(kNotFound) when it cannot be opened,
// kInvalidInput when it is not a regular file.
UniqueFd open_regular_file(const std::string& path);

// Why open_inside refused a path; `component` names the part of the path concerned.
enum class Refusal {
    kNone,
    kAbsolute,
    kParent,
    kSymlink,
    kNotAFolder,
    kNotARegularFile,
    kMissing,
    kUnreadable
};
struct OpenedInside {
    UniqueFd fd;
    Refusal refusal = Refusal::kNone;
    std::string component;  // the component refused (kParent, kSymlink, kNotAFolder, kMissing)
    std::string reason;     // the system's reason (kUnreadable)
};

// Opens `relative` for reading, walking it from the folder `folder` one component at a time with
// openat and O_NOFOLLOW, so that the file opened lies inside the folder even if a component is
// swapped for a symbolic link meanwhile. Refuses absolute paths, '..' components, symbolic links
// at any component, and anything but a regular file at the end. `folder` itself is opened as given.
OpenedInside open_inside(const std::string& folder, const std::string& relative);

}  // namespace ims::util
