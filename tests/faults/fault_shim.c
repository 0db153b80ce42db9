/* An LD_PRELOAD shim that makes writes under one folder fail the way a full disk does, so that
 * tests can run the real `ims` binary against a "full disk" at every step of a command.
 * Used by tests/cli/full_disk_test.cpp through tests/support (with_full_disk).
 *
 * Environment (nothing is faulted unless IMS_FAULT_DIR is set):
 *   IMS_FAULT_DIR=PATH          only descriptors whose /proc/self/fd target is PATH or under it
 *   IMS_FAULT_WRITES=N          the first N write calls there succeed; every later one fails ENOSPC
 *   IMS_FAULT_FSYNC=1           fsync/fdatasync there fail with EIO
 *   IMS_FAULT_COUNT_FILE=PATH   at exit, the number of write calls seen there is written to PATH
 *
 * Write calls are write, pwrite, pwrite64, writev, pwritev, fwrite, fallocate and posix_fallocate
 * (SQLite calls pwrite64 through libsqlite3's PLT, Qt and libstdc++ call write, minizip (xlsx)
 * calls fwrite). stdio's own buffer flushes inside glibc cannot be interposed, so fflush and
 * fclose of a stream with pending bytes count as one write call each. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static char fault_dir[PATH_MAX];
static size_t fault_dir_len;
static long writes_allowed = -1; /* -1: never fail writes, only count them */
static int fail_fsync;
static long writes_seen;

#define REAL(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))

__attribute__((constructor)) static void fault_init(void) {
    const char* dir = getenv("IMS_FAULT_DIR");
    if (dir == NULL || realpath(dir, fault_dir) == NULL) {
        fault_dir[0] = '\0';
        return;
    }
    fault_dir_len = strlen(fault_dir);
    const char* writes = getenv("IMS_FAULT_WRITES");
    if (writes != NULL && *writes != '\0') writes_allowed = strtol(writes, NULL, 10);
    const char* fsyncs = getenv("IMS_FAULT_FSYNC");
    fail_fsync = fsyncs != NULL && strcmp(fsyncs, "1") == 0;
}

__attribute__((destructor)) static void fault_dump(void) {
    const char* path = getenv("IMS_FAULT_COUNT_FILE");
    if (path == NULL || fault_dir_len == 0) return;
    fault_dir_len = 0; /* the count itself is written whatever the folder */
    FILE* out = fopen(path, "w");
    if (out == NULL) return;
    fprintf(out, "%ld\n", writes_seen);
    fclose(out);
}

/* Whether `fd` names a file at or under the fault folder. */
static int watched(int fd) {
    if (fault_dir_len == 0 || fd < 0) return 0;
    char link[64], target[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (n < 0) return 0;
    target[n] = '\0';
    return strncmp(target, fault_dir, fault_dir_len) == 0 &&
           (target[fault_dir_len] == '\0' || target[fault_dir_len] == '/');
}

/* Counts one write call on `fd`; returns 1 when it must fail like a full disk. */
static int full(int fd) {
    if (!watched(fd)) return 0;
    long seen = __atomic_fetch_add(&writes_seen, 1, __ATOMIC_SEQ_CST);
    if (writes_allowed < 0 || seen < writes_allowed) return 0;
    errno = ENOSPC;
    return 1;
}

ssize_t write(int fd, const void* buf, size_t n) {
    return full(fd) ? -1 : REAL(write)(fd, buf, n);
}

ssize_t pwrite(int fd, const void* buf, size_t n, off_t at) {
    return full(fd) ? -1 : REAL(pwrite)(fd, buf, n, at);
}

ssize_t pwrite64(int fd, const void* buf, size_t n, off64_t at) {
    return full(fd) ? -1 : REAL(pwrite64)(fd, buf, n, at);
}

ssize_t writev(int fd, const struct iovec* iov, int count) {
    return full(fd) ? -1 : REAL(writev)(fd, iov, count);
}

ssize_t pwritev(int fd, const struct iovec* iov, int count, off_t at) {
    return full(fd) ? -1 : REAL(pwritev)(fd, iov, count, at);
}

int fallocate(int fd, int mode, off_t at, off_t len) {
    return full(fd) ? -1 : REAL(fallocate)(fd, mode, at, len);
}

int posix_fallocate(int fd, off_t at, off_t len) {
    return full(fd) ? ENOSPC : REAL(posix_fallocate)(fd, at, len);
}

size_t fwrite(const void* buf, size_t size, size_t count, FILE* stream) {
    if (full(fileno(stream))) return 0;
    return REAL(fwrite)(buf, size, count, stream);
}

/* A stream's pending bytes are written inside glibc: drop them and fail as the disk would. */
static int pending_bytes_fail(FILE* stream) {
    if (stream == NULL || __fpending(stream) == 0 || !full(fileno(stream))) return 0;
    __fpurge(stream);
    return 1;
}

int fflush(FILE* stream) {
    if (pending_bytes_fail(stream)) return EOF;
    return REAL(fflush)(stream);
}

int fclose(FILE* stream) {
    if (pending_bytes_fail(stream)) {
        REAL(fclose)(stream);
        errno = ENOSPC;
        return EOF;
    }
    return REAL(fclose)(stream);
}

static int fsync_fails(int fd) {
    if (!fail_fsync || !watched(fd)) return 0;
    errno = EIO;
    return 1;
}

int fsync(int fd) {
    return fsync_fails(fd) ? -1 : REAL(fsync)(fd);
}

int fdatasync(int fd) {
    return fsync_fails(fd) ? -1 : REAL(fdatasync)(fd);
}
