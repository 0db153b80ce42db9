#include "util/open_file.hpp"

#include "ims/core/error.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace ims::util {
namespace {

bool is_regular(int fd) {
    struct stat st {};
    return fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
}

// The components of a relative path; "" and "." are dropped.
std::vector<std::string> components_of(const std::string& path) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string::npos) end = path.size();
        std::string part = path.substr(start, end - start);
        if (!part.empty() && part != ".") out.push_back(std::move(part));
        start = end + 1;
    }
    return out;
}

OpenedInside refused(Refusal refusal, std::string component, std::string reason = {}) {
    return {UniqueFd(), refusal, std::move(component), std::move(reason)};
}

}  // namespace

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) close(fd_);
        fd_ = other.release();
    }
    return *this;
}

UniqueFd::~UniqueFd() {
    if (fd_ >= 0) close(fd_);
}

UniqueFd open_regular_file(const std::string& path) {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; the fstat below refuses it.
    UniqueFd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
    if (!fd)
        throw Error(ErrorCode::kNotFound, path + ": cannot read the file: " + std::strerror(errno));
    if (!is_regular(fd.get())) throw Error(ErrorCode::kInvalidInput, path + ": not a regular file");
    return fd;
}

OpenedInside open_inside(const std::string& folder, const std::string& relative) {
    if (!relative.empty() && relative[0] == '/') return refused(Refusal::kAbsolute, relative);
    const std::vector<std::string> parts = components_of(relative);
    for (const auto& part : parts)
        if (part == "..") return refused(Refusal::kParent, part);
    if (parts.empty()) return refused(Refusal::kNotARegularFile, relative);

    UniqueFd dir(open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dir) return refused(Refusal::kUnreadable, folder, std::strerror(errno));
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const bool last = i + 1 == parts.size();
        const int flags = O_RDONLY | O_CLOEXEC | O_NOFOLLOW | (last ? O_NONBLOCK : O_DIRECTORY);
        UniqueFd next(openat(dir.get(), parts[i].c_str(), flags));
        if (!next) {
            const int error = errno;
            // O_NOFOLLOW makes a symbolic link fail with ELOOP (and, with O_DIRECTORY, ENOTDIR).
            struct stat st {};
            if (fstatat(dir.get(), parts[i].c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
                S_ISLNK(st.st_mode))
                return refused(Refusal::kSymlink, parts[i]);
            if (error == ELOOP) return refused(Refusal::kSymlink, parts[i]);
            if (error == ENOENT) return refused(Refusal::kMissing, parts[i]);
            if (error == ENOTDIR) return refused(Refusal::kNotAFolder, parts[i]);
            return refused(Refusal::kUnreadable, parts[i], std::strerror(error));
        }
        dir = std::move(next);
    }
    if (!is_regular(dir.get())) return refused(Refusal::kNotARegularFile, parts.back());
    return {std::move(dir), Refusal::kNone, {}, {}};
}

bool append_chunk(int fd, std::string& buffer, std::size_t chunk, const std::string& source) {
    const std::size_t size = buffer.size();
    buffer.resize(size + chunk);
    ssize_t n;
    do n = ::read(fd, buffer.data() + size, chunk);
    while (n < 0 && errno == EINTR);
    if (n < 0) {
        buffer.resize(size);
        throw Error(ErrorCode::kIo, source + ": cannot read the file");
    }
    buffer.resize(size + static_cast<std::size_t>(n));
    return n > 0;
}

}  // namespace ims::util
