// Crash tests: `ims import` and `ims evidence add` killed with SIGKILL at many moments. Every time,
// the store verifies and holds the rows from before or from after the write, never a mix.
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <QElapsedTimer>
#include <QProcess>

#include <fstream>
#include <thread>

namespace {

using ims::test::run_ims;

int64_t count(const std::string& store, const std::string& sql) {
    sqlite3* db = nullptr;
    int64_t n = -1;
    if (sqlite3_open_v2(store.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
            n = sqlite3_column_int64(stmt, 0);
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return n;
}

// Starts ims with `args`, kills it with SIGKILL after `delay_ms` (if still running); returns
// whether it was killed before it finished.
bool run_and_kill(const std::vector<std::string>& args, int delay_ms) {
    QProcess process;
    QStringList qargs;
    for (const auto& a : args) qargs << QString::fromStdString(a);
    process.start(IMS_BINARY, qargs);
    if (!process.waitForStarted(10000)) return false;
    bool finished = process.waitForFinished(delay_ms);
    if (!finished) {
        process.kill();  // SIGKILL
        process.waitForFinished(10000);
    }
    return !finished;
}

// Runs the write once to time it, then kills it at `points` moments spread over that time.
template <typename Check>
int crash_at_many_points(const std::string& store, const std::vector<std::string>& args, int points, Check check) {
    const std::string pristine = store + ".pristine";
    std::filesystem::copy_file(store, pristine);
    QElapsedTimer timer;
    timer.start();
    EXPECT_EQ(run_ims(args).exit_code, 0);
    const auto full_ms = static_cast<int>(timer.elapsed());
    int killed = 0;
    for (int i = 0; i < points; ++i) {
        std::filesystem::copy_file(pristine, store, std::filesystem::copy_options::overwrite_existing);
        for (const char* suffix : {"-wal", "-shm"}) std::filesystem::remove(store + suffix);
        const int delay = 5 + full_ms * i / points;
        killed += run_and_kill(args, delay);
        auto verify = run_ims({"verify", store});
        EXPECT_EQ(verify.exit_code, 0) << "killed after " << delay << " ms:\n" << verify.out << verify.err;
        check(delay);
    }
    return killed;
}

TEST(CrashTest, KilledImportLeavesTheStoreBeforeOrAfterNeverAMix) {
    ims::test::TempDir dir;
    const std::string store = dir.file("acme.ims");
    ASSERT_EQ(run_ims({"init", store, "--org", "Acme"}).exit_code, 0);
    const int rows = 20000;
    {
        std::ofstream people(dir.file("people.csv"));
        people << "id,name,email\n";
        for (int i = 0; i < rows; ++i) people << "P-" << i << ",Person " << i << ",p" << i << "@example.com\n";
    }
    const int killed = crash_at_many_points(store, {"import", store, dir.file("people.csv")}, 16, [&](int delay) {
        const int64_t people = count(store, "SELECT count(*) FROM people");
        const int64_t logged = count(store, "SELECT count(*) FROM change_log WHERE entity = 'person'");
        EXPECT_TRUE(people == 0 || people == rows) << "killed after " << delay << " ms: " << people << " people";
        EXPECT_EQ(logged, people) << "killed after " << delay << " ms";
    });
    EXPECT_GT(killed, 8) << "most runs must really be killed mid-way";
}

TEST(CrashTest, KilledEvidenceAddLeavesNoRecordWithoutItsFile) {
    ims::test::TempDir dir;
    const std::string store = dir.file("acme.ims");
    ASSERT_EQ(run_ims({"init", store, "--org", "Acme"}).exit_code, 0);
    {
        std::ofstream big(dir.file("backup-report.bin"), std::ios::binary);
        std::string chunk(1 << 20, '\0');
        for (int mb = 0; mb < 32; ++mb) {
            for (std::size_t i = 0; i < chunk.size(); i += 64) chunk[i] = static_cast<char>(mb * 31 + i);
            big << chunk;
        }
    }
    const int killed = crash_at_many_points(
        store, {"evidence", "add", store, dir.file("backup-report.bin"), "--id", "EV-1", "--title", "Backup report"}, 12,
        [&](int delay) {
            const int64_t records = count(store, "SELECT count(*) FROM evidence");
            const int64_t blobs = count(store, "SELECT count(*) FROM vault");
            EXPECT_TRUE((records == 0 && blobs == 0) || (records == 1 && blobs == 1))
                << "killed after " << delay << " ms: " << records << " records, " << blobs << " blobs";
        });
    EXPECT_GT(killed, 6);
}

}  // namespace
