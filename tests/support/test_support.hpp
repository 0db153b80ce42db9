// Helpers shared by the test suites: running the real `ims` binary and temporary directories.
#pragma once

#include "store/sqlite.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace ims::test {

struct ImsRun {
    int exit_code = -1;
    std::string out;
    std::string err;
    nlohmann::json json() const;  // parses out; fails the test on bad JSON
};

// Runs build/bin/ims with `args` (and optional extra environment "NAME=value" entries).
ImsRun run_ims(const std::vector<std::string>& args, const std::vector<std::string>& env = {});

// Runs one shell command line (/bin/sh -c) in `dir` with the built ims first on PATH, as a line
// of a session in docs/cli.md would run.
ImsRun run_shell(const std::string& command, const std::string& dir);

// Runs ims as an unprivileged user (nobody, through setpriv, when the tests run as root), so that
// file permissions apply: root may write read-only files.
ImsRun run_ims_unprivileged(const std::vector<std::string>& args);

// The environment that gives `ims` a full disk under `dir` through tests/faults/fault_shim.c
// (LD_PRELOAD): the first `writes_allowed` write calls there succeed, every later one fails with
// ENOSPC. For run_ims's `env`.
struct FullDisk {
    std::string dir;
    long writes_allowed = 0;  // negative: no write fails; the calls are only counted
    bool fail_fsync = false;  // fsync and fdatasync there fail with EIO
    std::string count_file;   // when set, the shim writes the number of write calls seen here
    std::vector<std::string> env() const;
};

// How many write calls `ims args` makes under `dir` (a run with nothing failing).
long count_writes(const std::vector<std::string>& args, const std::string& dir);

// A file's bytes ("" when it cannot be read).
std::string read_all(const std::string& path);

// The store file opened read-only as a plain SQLite database, to look at its tables directly:
// what ims wrote, not what its API says (core keeps no such escape hatch).
ims::store::Database open_raw(const std::string& store_path);
// Writes `bytes` to `path`, creating its folders.
void write_file(const std::string& path, const std::string& bytes);

// A fresh directory removed at the end of the test.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }

private:
    std::string path_;
};

// Path of ../shared/reference/standards_data.json when present, else "" (tests then skip).
std::string reference_data_path();

// The store's whole content as `ims export` writes it (the JSON document, no evidence files),
// read in-process to keep the runs of the binary few.
std::string exported_content(const std::string& store_path);

// Executes one SQL statement on a store file directly, bypassing ims (to simulate tampering).
void tamper(const std::string& store_path, const std::string& sql);

}  // namespace ims::test
