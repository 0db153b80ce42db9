// The store's write path, change log, vault and verification.
#include "ims/core/store.hpp"
#include "ims/core/error.hpp"
#include "store/sqlite.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <fstream>

using ims::store::PutOutcome;
using ims::store::Store;
using ims::store::WriteTxn;

namespace {

int64_t count_rows(const Store& store, const std::string& table) {
    auto db = ims::test::open_raw(store.path());
    ims::store::Statement stmt(db, "SELECT count(*) FROM " + table);
    stmt.step();
    return stmt.integer(0);
}

void write_file(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

TEST(Store, CreateWritesTheOrganisationThroughTheChangeLog) {
    ims::test::TempDir dir;
    Store store = Store::create(dir.file("a.ims"), "Acme", "alice");
    EXPECT_EQ(count_rows(store, "organisation"), 1);
    EXPECT_EQ(count_rows(store, "change_log"), 1);
    EXPECT_TRUE(store.verify().ok());
}

TEST(Store, CreateRefusesAnExistingFile) {
    ims::test::TempDir dir;
    write_file(dir.file("a.ims"), "precious");
    try {
        Store::create(dir.file("a.ims"), "Acme", "alice");
        FAIL() << "expected a refusal";
    } catch (const ims::Error& e) {
        EXPECT_EQ(e.code(), ims::ErrorCode::kConflict);
    }
    std::ifstream in(dir.file("a.ims"));
    std::string content((std::istreambuf_iterator<char>(in)), {});
    EXPECT_EQ(content, "precious");
}

TEST(Store, PutIsAnUpsertThatLogsOnlyRealChanges) {
    ims::test::TempDir dir;
    Store store = Store::create(dir.file("a.ims"), "Acme", "alice");
    std::vector<PutOutcome> outcomes;
    nlohmann::json control = {{"id", "CTRL-1"}, {"title", "Backups"}, {"status", "planned"}};
    store.write("alice", [&](WriteTxn& txn) { outcomes.push_back(txn.put("control", control)); });
    store.write("alice", [&](WriteTxn& txn) { outcomes.push_back(txn.put("control", control)); });
    control["status"] = "implemented";
    store.write("bob", [&](WriteTxn& txn) { outcomes.push_back(txn.put("control", control)); });
    EXPECT_EQ(outcomes, (std::vector<PutOutcome>{PutOutcome::kAdded, PutOutcome::kUnchanged,
                                                 PutOutcome::kChanged}));
    EXPECT_EQ(count_rows(store, "change_log"), 3);  // organisation, insert, update
    EXPECT_TRUE(store.verify().ok());
}

TEST(Store, AFailedWriteLeavesNothingBehind) {
    ims::test::TempDir dir;
    Store store = Store::create(dir.file("a.ims"), "Acme", "alice");
    EXPECT_THROW(
        store.write(
            "alice",
            [&](WriteTxn& txn) {
                txn.put("control", {{"id", "CTRL-1"}, {"title", "A"}, {"status", "planned"}});
                txn.put("control", {{"id", "CTRL-2"}, {"title", "B"}, {"status", "bogus"}});
            }),
        ims::Error);
    EXPECT_EQ(count_rows(store, "controls"), 0);
    EXPECT_EQ(count_rows(store, "change_log"), 1);
}

TEST(Store, RefusesAStoreFromANewerIms) {
    ims::test::TempDir dir;
    Store::create(dir.file("a.ims"), "Acme", "alice");
    ims::test::tamper(dir.file("a.ims"), "PRAGMA user_version = 99");
    try {
        Store::open(dir.file("a.ims"));
        FAIL() << "expected a refusal";
    } catch (const ims::Error& e) {
        EXPECT_EQ(std::string(e.what()),
                  dir.file("a.ims") +
                      ": this store was written by a newer ims (store format 99; "
                      "this ims reads formats up to " +
                      std::to_string(ims::store::current_store_format()) +
                      "); upgrade ims to open it");
    }
}

TEST(Store, RefusesAFileThatIsNotAStore) {
    ims::test::TempDir dir;
    write_file(dir.file("notes.ims"), "just some text, not SQLite at all");
    try {
        Store::open(dir.file("notes.ims"));
        FAIL() << "expected a refusal";
    } catch (const ims::Error& e) {
        EXPECT_EQ(std::string(e.what()), dir.file("notes.ims") + ": not an ims store");
    }
}

TEST(Vault, StoresFilesByContentAndReadsThemBack) {
    ims::test::TempDir dir;
    Store store = Store::create(dir.file("a.ims"), "Acme", "alice");
    std::string big(3 * 1024 * 1024 + 17, 'x');  // spans several 1 MiB chunks
    big[12345] = 'y';
    write_file(dir.file("policy.pdf"), big);
    write_file(dir.file("copy.pdf"), big);
    std::string sha1, sha2;
    store.write("alice", [&](WriteTxn& txn) {
        sha1 = txn.add_blob(dir.file("policy.pdf"));
        sha2 = txn.add_blob(dir.file("copy.pdf"));
    });
    EXPECT_EQ(sha1, sha2);
    EXPECT_EQ(count_rows(store, "vault"), 1);
    store.read_blob(sha1, dir.file("out.pdf"), ims::io::Existing::kRefuse);
    std::ifstream in(dir.file("out.pdf"), std::ios::binary);
    std::string back((std::istreambuf_iterator<char>(in)), {});
    EXPECT_EQ(back, big);
    auto report = store.verify();
    EXPECT_TRUE(report.ok());
    EXPECT_EQ(report.blobs, 1);
}

TEST(Verify, NamesTheAlteredChangeLogRow) {
    ims::test::TempDir dir;
    {
        Store store = Store::create(dir.file("a.ims"), "Acme", "alice");
        store.write("alice", [&](WriteTxn& txn) {
            txn.put("control", {{"id", "CTRL-1"}, {"title", "Backups"}, {"status", "planned"}});
        });
    }
    ims::test::tamper(dir.file("a.ims"),
                      "UPDATE change_log SET payload = replace(payload, 'planned', 'implemented') "
                      "WHERE seq = 2");
    auto report = Store::open(dir.file("a.ims"), Store::Mode::kReadOnly).verify();
    ASSERT_EQ(report.problems.size(), 2u);
    EXPECT_EQ(
        report.problems[0],
        "change log entry seq 2 (control 'CTRL-1'): content does not match its hash; the entry "
        "was altered");
    // The altered entry no longer replays to the stored row either.
    EXPECT_EQ(report.problems[1],
              "control 'CTRL-1' differs from the change log (seq 2): field 'status' is \"planned\" "
              "in the "
              "store but \"implemented\" in the change log; it was edited outside ims");
}

TEST(Verify, NamesTheAlteredVaultBlob) {
    ims::test::TempDir dir;
    std::string sha;
    write_file(dir.file("e.txt"), "evidence of a backup restore test");
    {
        Store store = Store::create(dir.file("a.ims"), "Acme", "alice");
        store.write("alice", [&](WriteTxn& txn) { sha = txn.add_blob(dir.file("e.txt")); });
    }
    ims::test::tamper(dir.file("a.ims"),
                      "UPDATE vault SET data = CAST('evidence of a backup restore TEST' AS BLOB)");
    auto report = Store::open(dir.file("a.ims")).verify();
    ASSERT_EQ(report.problems.size(), 1u);
    EXPECT_EQ(report.problems[0],
              "vault blob " + sha + ": content does not match its sha256; the file was altered");
}

}  // namespace

namespace {

// A reader inside Store::read sees the store as it was when read() began, whatever another
// process commits meanwhile: an export names only rows it contains.
TEST(Snapshot, ReadSeesOneStateWhileAnotherConnectionCommits) {
    ims::test::TempDir dir;
    { Store::create(dir.file("a.ims"), "Acme", "alice"); }
    Store reader = Store::open(dir.file("a.ims"), Store::Mode::kReadOnly);
    Store writer = Store::open(dir.file("a.ims"));
    int people = -1, controls = -1;
    reader.read([&] {
        people = 0;
        reader.for_each("person", [&](const nlohmann::json&) { ++people; });
        writer.write("bob", [&](WriteTxn& txn) {
            txn.put("person", {{"id", "P-1"}, {"name", "Pat"}});
            txn.put(
                "control",
                {{"id", "C-1"}, {"title", "Backups"}, {"status", "planned"}, {"owner_id", "P-1"}});
        });
        controls = 0;
        reader.for_each("control", [&](const nlohmann::json&) { ++controls; });
        EXPECT_TRUE(reader.get("person", "P-1").is_null());
    });
    EXPECT_EQ(people, 0);
    EXPECT_EQ(controls, 0);  // without the snapshot the control (naming P-1) would be read
    EXPECT_FALSE(reader.get("control", "C-1").is_null());  // after read(), the new state
}

// A write that fails half-way (here a constraint) rolls back, leaves no transaction open and
// reports its own error, not the rollback's.
TEST(WritePath, FailedWriteRollsBackAndKeepsItsOwnError) {
    ims::test::TempDir dir;
    Store store = Store::create(dir.file("a.ims"), "Acme", "alice");
    try {
        store.write("alice", [&](WriteTxn& txn) {
            txn.put("person", {{"id", "P-1"}, {"name", "Pat"}});
            txn.put("control", {{"id", "C-1"}, {"title", "Backups"}, {"status", "bogus"}});
        });
        FAIL() << "the write should have failed";
    } catch (const ims::Error& e) {
        EXPECT_EQ(e.code(), ims::ErrorCode::kInvalidInput);
        EXPECT_NE(std::string(e.what()).find("status"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(store.get("person", "P-1").is_null());
    EXPECT_TRUE(store.verify().ok());
    store.write("alice", [&](WriteTxn& txn) {
        txn.put("person", {{"id", "P-2"}, {"name", "Sam"}});
    });
    EXPECT_FALSE(store.get("person", "P-2").is_null());
}

}  // namespace
