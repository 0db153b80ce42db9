// probe_native: gate 2 in a child process. The child loads the library and writes one JSON line
// to a pipe; the parent turns a crash, an exit before that line or a hang into a refusal.
#include "ims/core/error.hpp"
#include "ims/core/plugins.hpp"
#include "plugins/native_library.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace ims::plugins {
namespace {

// A report longer than this is not one the child wrote.
constexpr std::size_t kMaxReportBytes = 1 << 20;
// The child's own exit status when it fails outside the library (e.g. out of memory).
constexpr int kChildFailed = 125;

void write_all(int fd, const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        done += static_cast<std::size_t>(n);
    }
}

[[noreturn]] void run_child(const Plugin& plugin, int report_fd) {
    // What the library prints must not reach the parent's stdout, which may carry JSON.
    ::dup2(STDERR_FILENO, STDOUT_FILENO);
    // A crash must end the child with its signal, even where the parent has a crash handler
    // (a sanitizer's, for one), so that the parent can name it.
    for (int crash : {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT}) ::signal(crash, SIG_DFL);
    try {
        NativeLibrary library = load_library(plugin);
        nlohmann::json checks = nlohmann::json::array();
        if (library.loaded())
            for (size_t i = 0; i < library.descriptor->check_count; ++i)
                checks.push_back(std::string(library.descriptor->checks[i].id.data,
                                             library.descriptor->checks[i].id.size));
        write_all(report_fd,
                  nlohmann::json{{"error", library.error}, {"checks", checks}}.dump() + "\n");
    } catch (...) {
        ::_exit(kChildFailed);
    }
    // No destructors or exit handlers of the parent's state may run here.
    ::_exit(0);
}

// Reads what is there without blocking; false once the pipe is closed or unreadable.
bool read_available(int fd, std::string& into) {
    char buffer[4096];
    while (true) {
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n > 0) {
            if (into.size() < kMaxReportBytes) into.append(buffer, static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        return n < 0 && errno == EAGAIN;
    }
}

struct ChildOutcome {
    bool timed_out = false;
    int status = 0;  // from waitpid
    std::string report;
};

// Collects the child's report until it exits, killing it at the deadline. Polls rather than
// blocks: a grandchild may hold the pipe open after the child is gone.
ChildOutcome wait_for(pid_t pid, int report_fd, std::chrono::seconds timeout) {
    ChildOutcome out;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    bool open = true;
    while (true) {
        if (::waitpid(pid, &out.status, WNOHANG) == pid) {
            if (open) read_available(report_fd, out.report);
            return out;
        }
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            ::kill(pid, SIGKILL);
            while (::waitpid(pid, &out.status, 0) < 0 && errno == EINTR) {
            }
            out.timed_out = true;
            return out;
        }
        pollfd watch{report_fd, POLLIN, 0};
        int wait_ms = static_cast<int>(std::min<long long>(left.count(), 50));
        if (::poll(&watch, open ? 1 : 0, wait_ms) > 0) open = read_available(report_fd, out.report);
    }
}

std::string signal_name(int number) {
    const char* abbreviation = ::sigabbrev_np(number);
    return abbreviation ? std::string("SIG") + abbreviation : "an unknown signal";
}

}  // namespace

ProbeReport probe_native(const Plugin& plugin, std::chrono::seconds timeout) {
    const std::string its_library = "plugin '" + plugin.manifest.id + "': its library ";
    if (!plugin.native()) return {"plugin '" + plugin.manifest.id + "' has no native library", {}};
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        throw Error(ErrorCode::kInternal, "cannot probe plugin '" + plugin.manifest.id +
                                              "': pipe failed: " + std::strerror(errno));
    // Otherwise output buffered here could be written a second time by a child that exits.
    std::fflush(nullptr);
    pid_t pid = ::fork();
    if (pid < 0) {
        int error = errno;
        ::close(fds[0]);
        ::close(fds[1]);
        throw Error(ErrorCode::kInternal, "cannot probe plugin '" + plugin.manifest.id +
                                              "': fork failed: " + std::strerror(error));
    }
    if (pid == 0) {
        ::close(fds[0]);
        run_child(plugin, fds[1]);
    }
    ::close(fds[1]);
    ::fcntl(fds[0], F_SETFL, O_NONBLOCK);
    ChildOutcome child = wait_for(pid, fds[0], timeout);
    ::close(fds[0]);

    if (child.timed_out)
        return {
            its_library + "did not finish loading within " + std::to_string(timeout.count()) + " s",
            {}};
    if (WIFSIGNALED(child.status))
        return {its_library + "crashed while loading (signal " +
                    std::to_string(WTERMSIG(child.status)) + ", " +
                    signal_name(WTERMSIG(child.status)) + ")",
                {}};
    const int code = WIFEXITED(child.status) ? WEXITSTATUS(child.status) : -1;
    auto report = nlohmann::json::parse(child.report, nullptr, false);
    if (code == 0 && report.is_object() && report["error"].is_string() &&
        report["checks"].is_array())
        return {report["error"].get<std::string>(),
                report["checks"].get<std::vector<std::string>>()};
    return {
        its_library + "exited with status " + std::to_string(code) + " before finishing loading",
        {}};
}

}  // namespace ims::plugins
