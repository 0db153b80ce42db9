// The store's write path, change log, vault and verification.
#include "ims/core/store.hpp"
#include "ims/core/error.hpp"
#include "ims/core/model.hpp"
#include "model_rows.hpp"
#include "older_store.hpp"
#include "store/rows.hpp"
#include "store/schema.hpp"
#include "store/sqlite.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>

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

// The columns each table has in store `format` (table name to column names).
std::map<std::string, std::set<std::string>> columns_at_format(int format) {
    ims::store::Database db(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    for (int i = 0; i < format; ++i) db.exec(ims::store::migrations()[static_cast<std::size_t>(i)]);
    std::map<std::string, std::set<std::string>> out;
    ims::store::Statement stmt(
        db,
        "SELECT m.name, c.name FROM sqlite_schema m, pragma_table_info(m.name) "
        "c WHERE m.type = 'table'");
    while (stmt.step()) out[stmt.text(0)].insert(stmt.text(1));
    return out;
}

// A row of every entity with a value in every column the tables have in store `format`, written
// through the one write path; returns each entity's row as get() reads it.
std::map<std::string, nlohmann::json> put_a_row_of_every_entity(Store& store,
                                                                const std::string& file,
                                                                int format) {
    const auto columns = columns_at_format(format);
    std::map<std::string, std::string> ids;
    store.write("alice", [&](WriteTxn& txn) {
        std::map<std::string, std::string> parents{{"vault", txn.add_blob(file)}};
        for (const auto& entity : ims::model::entities()) {
            nlohmann::json row = ims::test::valid_row(entity, parents);
            const auto& kept = columns.at(std::string(entity.table));
            for (const auto& column : ims::store::table_columns(entity))
                if (!kept.count(column.name)) row.erase(column.name);  // newer than `format`
            txn.put(entity.name, row);
            ids[std::string(entity.name)] = parents[std::string(entity.table)] = row["id"];
        }
    });
    std::map<std::string, nlohmann::json> rows;
    for (const auto& [entity, id] : ids) rows[entity] = store.get(entity, id);
    return rows;
}

// A store the ims of format 3 left, with a value in every column of every table, migrates to the
// current format with every value as it was. A generated migration copies rows unchanged, so it
// adds no change-log entry, and the store verifies.
TEST(StoreMigration, FormatThreeStoreKeepsEveryValueOfEveryTable) {
    ims::test::TempDir dir;
    write_file(dir.file("restore.txt"), "restore test passed");
    std::map<std::string, nlohmann::json> rows;
    int64_t entries = 0;
    {
        Store current = Store::create(dir.file("current.ims"), "Acme", "alice");
        rows = put_a_row_of_every_entity(current, dir.file("restore.txt"), 3);
        entries = current.verify().log_entries;
    }
    ims::test::write_older_store(dir.file("current.ims"), dir.file("old.ims"), 3);
    const auto migration = Store::migrate(dir.file("old.ims"));
    EXPECT_EQ(migration.from, 3);
    EXPECT_EQ(migration.to, ims::store::current_store_format());
    Store store = Store::open(dir.file("old.ims"), Store::Mode::kReadOnly);
    const auto columns = columns_at_format(3);
    for (const auto& [entity, row] : rows) {
        EXPECT_EQ(row.size(), columns.at(std::string(ims::model::entity(entity).table)).size())
            << entity << " has a column without a value";
        EXPECT_EQ(store.get(entity, row["id"].get<std::string>()), row) << entity;
    }
    const auto report = store.verify();
    EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems.front());
    EXPECT_EQ(report.log_entries, entries);
}

// A step whose new constraints reject stored rows is rolled back and names every such row, the
// field and the rule; the store stays at the format before it, its rows untouched.
TEST(StoreMigration, RowsTheNewFormatRejectsAreNamedAndTheStepIsRolledBack) {
    ims::test::TempDir dir;
    write_file(dir.file("restore.txt"), "restore test passed");
    {
        Store current = Store::create(dir.file("current.ims"), "Acme", "alice");
        current.write("alice", [&](WriteTxn& txn) {
            txn.put("control", {{"id", "C-1"}, {"title", "Backups"}, {"status", "implemented"}});
            txn.put("evidence", {{"id", "EV-1"},
                                 {"title", "Restore"},
                                 {"kind", "record"},
                                 {"sha256", txn.add_blob(dir.file("restore.txt"))}});
        });
    }
    const std::string old = dir.file("old.ims");
    ims::test::write_older_store(dir.file("current.ims"), old, 3);
    // What format 3 let an older ims (or a hand) write: no range, no foreign key checked.
    ims::test::tamper(old, "UPDATE controls SET review_interval_months = 0 WHERE id = 'C-1'");
    ims::test::tamper(old, "UPDATE organisation SET employee_count = -5");
    try {
        Store::migrate(old);
        FAIL() << "expected a refusal";
    } catch (const ims::Error& e) {
        EXPECT_EQ(e.code(), ims::ErrorCode::kDamaged);
        EXPECT_EQ(std::string(e.what()),
                  old +
                      " cannot be migrated to store format 4: 2 rows break rules of the data "
                      "model that this format makes the store enforce. The step was rolled "
                      "back; the store is at format 3:\n"
                      "  organisation 'org', field 'employee_count': expected an integer of at "
                      "least 0, got -5\n"
                      "  control 'C-1', field 'review_interval_months': expected an integer from "
                      "1 to 120, got 0\n"
                      "Correct these rows with the ims that wrote the store (import them again "
                      "with valid values), then run 'ims migrate' again.");
    }
    ims::store::Database db(old, SQLITE_OPEN_READONLY);
    EXPECT_EQ(db.pragma_int("user_version"), 3);
    ims::store::Statement row(db, "SELECT review_interval_months FROM controls WHERE id = 'C-1'");
    ASSERT_TRUE(row.step());
    EXPECT_EQ(row.integer(0), 0);
}

TEST(StoreMigration, ADanglingForeignKeyIsNamedAndTheStepIsRolledBack) {
    ims::test::TempDir dir;
    write_file(dir.file("restore.txt"), "restore test passed");
    {
        Store current = Store::create(dir.file("current.ims"), "Acme", "alice");
        current.write("alice", [&](WriteTxn& txn) {
            txn.put("evidence", {{"id", "EV-1"},
                                 {"title", "Restore"},
                                 {"kind", "record"},
                                 {"sha256", txn.add_blob(dir.file("restore.txt"))}});
        });
    }
    const std::string old = dir.file("old.ims");
    ims::test::write_older_store(dir.file("current.ims"), old, 3);
    ims::test::tamper(old, "UPDATE evidence SET sha256 = 'gone'");
    try {
        Store::migrate(old);
        FAIL() << "expected a refusal";
    } catch (const ims::Error& e) {
        EXPECT_EQ(e.code(), ims::ErrorCode::kDamaged);
        EXPECT_NE(std::string(e.what()).find("\n  evidence 'EV-1', field 'sha256': names 'gone', "
                                             "but vault has no row with sha256 'gone'\n"),
                  std::string::npos)
            << e.what();
    }
}

}  // namespace
