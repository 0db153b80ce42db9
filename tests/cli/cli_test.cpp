// End-to-end tests of the real `ims` binary: output, exit codes and stdout/stderr discipline.
#include "ims/core/store.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <utility>
#include <vector>

using ims::test::run_ims;

namespace {

TEST(CliPlugins, ListShowsIso27001LoadedWithVersionAndAbi) {
    auto run = run_ims({"plugins", "list", "--format", "json"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    auto doc = run.json();
    nlohmann::json found;
    for (const auto& p : doc["plugins"])
        if (p["id"] == "iso27001") found = p;
    ASSERT_FALSE(found.is_null()) << run.out;
    EXPECT_EQ(found["state"], "loaded");
    EXPECT_EQ(found["version"], "0.1.0");
    EXPECT_EQ(found["sdk_abi"], "1.0");
    EXPECT_EQ(found["provides"], nlohmann::json::array({"iso27001:2022"}));
}

TEST(CliPlugins, EveryFirstPartyPluginLoads) {
    auto doc = run_ims({"plugins", "list", "--format", "json"}).json();
    std::map<std::string, std::string> state;
    for (const auto& p : doc["plugins"]) state[p["id"]] = p["state"];
    for (const char* id : {"core", "iso27001", "iso27701", "iso22301", "gdpr", "popia"})
        EXPECT_EQ(state[id], "loaded") << id;
}

TEST(CliCatalog, Iso27001HasTheClauseTreeAndTheAnnexAControls) {
    auto run = run_ims({"catalog", "iso27001:2022", "--format", "json"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    auto doc = run.json();
    int controls = 0;
    nlohmann::json a515, c612;
    for (const auto& r : doc["requirements"]) {
        if (r["kind"] == "control") ++controls;
        if (r["id"] == "iso27001:2022/A.5.15") a515 = r;
        if (r["id"] == "iso27001:2022/6.1.2") c612 = r;
    }
    EXPECT_EQ(controls, 93);
    EXPECT_EQ(a515["title"], "Access control");
    EXPECT_EQ(a515["parent"], "iso27001:2022/A.5");
    EXPECT_EQ(c612["title"], "Information security risk assessment");
    EXPECT_EQ(c612["parent"], "iso27001:2022/6.1");
}

TEST(CliCatalog, UnknownStandardIsAUsageError) {
    auto run = run_ims({"catalog", "iso9999:2030"});
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_TRUE(run.out.empty());
    EXPECT_NE(run.err.find("no installed plugin provides standard 'iso9999:2030'"),
              std::string::npos)
        << run.err;
}

TEST(CliStore, InitAdoptVerifySucceedAndReAdoptChangesNothing) {
    ims::test::TempDir dir;
    std::string store = dir.file("acme.ims");
    auto init = run_ims({"init", store, "--org", "Acme"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    EXPECT_TRUE(init.out.empty()) << "stdout must carry only output: " << init.out;
    ASSERT_EQ(run_ims({"adopt", store, "iso27001:2022"}).exit_code, 0);
    auto verify = run_ims({"verify", store, "--format", "json"});
    ASSERT_EQ(verify.exit_code, 0) << verify.out << verify.err;
    auto entries = verify.json()["change_log_entries"].get<int>();
    EXPECT_EQ(entries, 1 + 1 + 138 + 1);  // organisation, standard, requirements, adoption
    ASSERT_EQ(run_ims({"adopt", store, "iso27001:2022"}).exit_code, 0);
    EXPECT_EQ(run_ims({"verify", store, "--format", "json"}).json()["change_log_entries"], entries);
}

TEST(CliStore, InitRefusesToOverwrite) {
    ims::test::TempDir dir;
    std::string store = dir.file("acme.ims");
    ASSERT_EQ(run_ims({"init", store, "--org", "Acme"}).exit_code, 0);
    auto again = run_ims({"init", store, "--org", "Other"});
    EXPECT_EQ(again.exit_code, 2);
    EXPECT_EQ(again.err, "ims init: " + store +
                             ": a file already exists there; choose another path or remove it\n");
}

TEST(CliVerify, FailsNamingAnAlteredChangeLogRow) {
    ims::test::TempDir dir;
    std::string store = dir.file("acme.ims");
    ASSERT_EQ(run_ims({"init", store, "--org", "Acme"}).exit_code, 0);
    ASSERT_EQ(run_ims({"adopt", store, "iso27001:2022"}).exit_code, 0);
    ims::test::tamper(store, "UPDATE change_log SET actor = 'mallory' WHERE seq = 5");
    auto run = run_ims({"verify", store});
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_NE(run.out.find("change log entry seq 5 (requirement '"), std::string::npos) << run.out;
}

TEST(CliVerify, FailsNamingAnAlteredVaultBlob) {
    ims::test::TempDir dir;
    std::string store = dir.file("acme.ims");
    std::ofstream(dir.file("restore-test.txt")) << "backup restore test passed on 2026-11-01";
    ASSERT_EQ(run_ims({"init", store, "--org", "Acme"}).exit_code, 0);
    std::string sha;
    {
        auto s = ims::store::Store::open(store);
        s.write("test", [&](ims::store::WriteTxn& txn) {
            sha = txn.add_blob(dir.file("restore-test.txt"));
        });
    }
    ASSERT_EQ(run_ims({"verify", store}).exit_code, 0);
    ims::test::tamper(
        store, "UPDATE vault SET data = CAST('backup restore test FAILED on 2026-11-01' AS BLOB)");
    auto run = run_ims({"verify", store});
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_NE(run.out.find("vault blob " + sha + ": content does not match its sha256"),
              std::string::npos)
        << run.out;
}

TEST(CliUsage, UnknownCommandAndOptionExitTwo) {
    auto unknown = run_ims({"frobnicate"});
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_EQ(unknown.err, "ims: unknown command 'frobnicate'; 'ims help' lists the commands\n");
    auto option = run_ims({"verify", "x.ims", "--bogus"});
    EXPECT_EQ(option.exit_code, 2);
    EXPECT_EQ(option.err, "ims verify: Unknown option 'bogus'.\n");
    auto missing = run_ims({"verify", "does-not-exist.ims"});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("no such store"), std::string::npos);
}

}  // namespace

namespace {

TEST(CliStore, ReAdoptKeepsTheRecordedAdoptionDateAndScope) {
    ims::test::TempDir dir;
    std::string store = dir.file("acme.ims");
    ASSERT_EQ(run_ims({"init", store, "--org", "Acme"}).exit_code, 0);
    ASSERT_EQ(
        run_ims({"adopt", store, "iso27001:2022", "--on", "2024-03-01", "--scope", "HQ"}).exit_code,
        0);
    ASSERT_EQ(run_ims({"adopt", store, "iso27001:2022"}).exit_code, 0);
    auto s = ims::store::Store::open(store);
    nlohmann::json row;
    s.write("test",
            [&](ims::store::WriteTxn& txn) { row = txn.get("adopted_standard", "iso27001:2022"); });
    EXPECT_EQ(row["adopted_on"], "2024-03-01");
    EXPECT_EQ(row["scope"], "HQ");
}

std::string utc_today() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &tm);
    return text;
}

// Default dates are today in UTC whatever the machine's zone. At any moment UTC+14 or UTC-12 has
// another date than UTC, so a local date would fail one of the two runs.
TEST(CliStore, DefaultDatesAreTodayInUtcInEveryTimeZone) {
    for (const std::string tz : {"Etc/GMT-14", "Etc/GMT+12"}) {  // POSIX sign: GMT-14 is UTC+14
        if (!std::filesystem::exists("/usr/share/zoneinfo/" + tz))
            GTEST_SKIP() << "no time zone data for " << tz << " (Debian package tzdata)";
        ims::test::TempDir dir;
        const std::string store = dir.file("acme.ims");
        ASSERT_EQ(run_ims({"init", store, "--org", "Acme"}).exit_code, 0);
        const std::string before = utc_today();
        ASSERT_EQ(run_ims({"adopt", store, "iso27001:2022"}, {"TZ=" + tz}).exit_code, 0);
        auto coverage = run_ims({"coverage", store, "--format", "json"}, {"TZ=" + tz});
        const std::string after = utc_today();
        const std::string adopted_on =
            run_ims({"export", store}).json()["adopted_standards"][0]["adopted_on"];
        EXPECT_TRUE(adopted_on == before || adopted_on == after)
            << tz << ": adopted on " << adopted_on << ", UTC today " << after;
        const std::string as_of = coverage.json()["as_of"];
        EXPECT_TRUE(as_of == before || as_of == after)
            << tz << ": as of " << as_of << ", UTC today " << after;
    }
}

// Runs ims with `args` and a stdout whose reader is gone before ims writes, as a shell starts a
// command (SIGPIPE as default); returns the exit code and what ims wrote to stderr.
std::pair<int, std::string> run_with_closed_stdout(const std::vector<std::string>& args) {
    int out[2], err[2];
    EXPECT_EQ(pipe(out), 0);
    EXPECT_EQ(pipe(err), 0);
    close(out[0]);  // the reader is gone before ims writes
    std::vector<char*> argv{const_cast<char*>(IMS_BINARY)};
    for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    pid_t pid = fork();
    EXPECT_GE(pid, 0);
    if (pid == 0) {
        signal(SIGPIPE, SIG_DFL);  // as a shell starts a command
        dup2(out[1], STDOUT_FILENO);
        dup2(err[1], STDERR_FILENO);
        close(out[1]);
        close(err[0]);
        close(err[1]);
        execv(IMS_BINARY, argv.data());
        _exit(127);
    }
    close(out[1]);
    close(err[1]);
    std::string messages;
    char buffer[4096];
    for (ssize_t n; (n = read(err[0], buffer, sizeof buffer)) > 0;)
        messages.append(buffer, static_cast<std::size_t>(n));
    close(err[0]);
    int status = 0;
    EXPECT_EQ(waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status)) << "ims was killed by signal " << WTERMSIG(status);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, messages};
}

// A reader that closed the pipe leaves an output that could not be written: exit 4 with the
// documented message, not death by SIGPIPE (docs/cli.md, "stdout and stderr").
TEST(CliOutput, StdoutPipeClosedByItsReaderExitsFourWithAMessage) {
    auto [code, messages] = run_with_closed_stdout({"catalog", "iso27001:2022"});
    EXPECT_EQ(code, 4);
    EXPECT_EQ(messages,
              "ims catalog: cannot write to standard output (its reader closed the pipe)\n");
}

// A report streamed to stdout (larger than any buffer) stops at its first failed write, with
// the same message.
TEST(CliOutput, StreamedReportToAClosedPipeStopsWithTheSameMessage) {
    ims::test::TempDir dir;
    const std::string store = dir.file("a.ims");
    ASSERT_EQ(run_ims({"init", store, "--org", "Acme"}).exit_code, 0);
    ASSERT_EQ(run_ims({"import", store, std::string(IMS_SOURCE_DIR) + "/examples/acme"}).exit_code,
              0);
    auto [code, messages] = run_with_closed_stdout({"export", store});
    EXPECT_EQ(code, 4);
    EXPECT_EQ(messages,
              "ims export: cannot write to standard output (its reader closed the pipe)\n");
}

}  // namespace
