#include "test_support.hpp"

#include "ims/core/exchange.hpp"
#include "ims/core/store.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <QProcess>
#include <QProcessEnvironment>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace ims::test {

nlohmann::json ImsRun::json() const {
    try {
        return nlohmann::json::parse(out);
    } catch (const std::exception& e) {
        ADD_FAILURE() << "stdout is not JSON: " << e.what() << "\n" << out << "\nstderr: " << err;
        return nullptr;
    }
}

namespace {

ImsRun run_program(const QString& program, const QStringList& prefix, const std::vector<std::string>& args,
                   const std::vector<std::string>& env, const std::string& dir = {}) {
    QProcess process;
    if (!dir.empty()) process.setWorkingDirectory(QString::fromStdString(dir));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove("IMS_PLUGIN_PATH");
    for (const auto& entry : env) {
        auto eq = entry.find('=');
        environment.insert(QString::fromStdString(entry.substr(0, eq)),
                           QString::fromStdString(entry.substr(eq + 1)));
    }
    process.setProcessEnvironment(environment);
    QStringList qargs = prefix;
    for (const auto& a : args) qargs << QString::fromStdString(a);
    process.start(program, qargs);
    ImsRun run;
    if (!process.waitForFinished(120000)) {
        ADD_FAILURE() << "ims did not finish: " << process.errorString().toStdString();
        process.kill();
        return run;
    }
    run.exit_code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput().toStdString();
    run.err = process.readAllStandardError().toStdString();
    return run;
}

}  // namespace

ImsRun run_ims(const std::vector<std::string>& args, const std::vector<std::string>& env) {
    return run_program(IMS_BINARY, {}, args, env);
}

ImsRun run_shell(const std::string& command, const std::string& dir) {
    const std::string bin = std::filesystem::path(IMS_BINARY).parent_path().string();
    const char* path = std::getenv("PATH");
    return run_program("/bin/sh", {"-c"}, {command},
                       {"PATH=" + bin + ":" + (path ? path : "/usr/bin:/bin")}, dir);
}

ImsRun run_ims_unprivileged(const std::vector<std::string>& args) {
    if (::geteuid() != 0) return run_ims(args);
    return run_program("setpriv", {"--reuid=65534", "--regid=65534", "--clear-groups", IMS_BINARY}, args, {});
}

std::vector<std::string> FullDisk::env() const {
    // An ASan-built ims refuses to start when a preloaded library comes before its runtime.
    const char* asan = std::getenv("ASAN_OPTIONS");
    std::vector<std::string> entries = {
        std::string("LD_PRELOAD=") + IMS_FAULT_SHIM, "IMS_FAULT_DIR=" + dir,
        "ASAN_OPTIONS=" + std::string(asan && *asan ? std::string(asan) + ":" : "") +
            "verify_asan_link_order=0"};
    if (writes_allowed >= 0)
        entries.push_back("IMS_FAULT_WRITES=" + std::to_string(writes_allowed));
    if (fail_fsync) entries.push_back("IMS_FAULT_FSYNC=1");
    if (!count_file.empty()) entries.push_back("IMS_FAULT_COUNT_FILE=" + count_file);
    return entries;
}

long count_writes(const std::vector<std::string>& args, const std::string& dir) {
    TempDir scratch;
    const std::string count_file = scratch.file("writes");
    auto run = run_ims(args, FullDisk{dir, -1, false, count_file}.env());
    EXPECT_EQ(run.exit_code, 0) << run.err;
    std::ifstream in(count_file);
    long count = -1;
    in >> count;
    EXPECT_GE(count, 0) << "the fault shim wrote no count to " << count_file;
    return count;
}

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

ims::store::Database open_raw(const std::string& store_path) {
    return ims::store::Database(store_path, SQLITE_OPEN_READONLY);
}

void write_file(const std::string& path, const std::string& bytes) {
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
}

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ims-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::string reference_data_path() {
    std::string path = std::string(IMS_SOURCE_DIR) + "/../shared/reference/standards_data.json";
    return std::filesystem::exists(path) ? path : "";
}

void tamper(const std::string& store_path, const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(store_path.c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    std::string message = error ? error : "";
    sqlite3_free(error);
    sqlite3_close(db);
    ASSERT_EQ(rc, SQLITE_OK) << message;
}

std::string exported_content(const std::string& store_path) {
    struct Collect : io::Sink {
        void write(std::string_view bytes) override { text.append(bytes); }
        std::string text;
    } out;
    const auto store = store::Store::open(store_path, store::Store::Mode::kReadOnly);
    store.read([&] { exchange::write_document(store, "", out); });
    return out.text;
}

}  // namespace ims::test
