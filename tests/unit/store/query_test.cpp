// The check sandbox (QueryConnection): every way of reading past the v1 views is refused with a
// sentence naming what was denied, and legitimate queries over the views still work.
#include "store/query.hpp"
#include "ims/core/catalog.hpp"
#include "ims/core/error.hpp"
#include "ims/core/exchange.hpp"
#include "ims/core/plugins.hpp"
#include "ims/core/store.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using ims::store::QueryConnection;
using ims::store::QueryRow;

namespace {

constexpr const char* kRule = "checks may read only the v1_* views";

// One store with the example organisation, shared by every test of the suite (read-only).
class CheckSandbox : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new ims::test::TempDir;
        path_ = dir_->file("acme.ims");
        ims::plugins::PluginHost host({IMS_BUILD_PLUGIN_DIR});
        ims::catalog::Library library(host);
        auto store = ims::store::Store::create(path_, "Acme", "test");
        store.write("test", [&](ims::store::WriteTxn& txn) {
            ims::exchange::import_files(txn, {std::string(IMS_SOURCE_DIR) + "/examples/acme"},
                                        library);
        });
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }

    // The message the sandbox refuses `sql` with, or "" when it ran.
    static std::string refusal(const std::string& sql) {
        const auto store = ims::store::Store::open(path_, ims::store::Store::Mode::kReadOnly);
        QueryConnection db(store);
        try {
            db.query(sql, {{":as_of", "2026-11-25"}}, [](const QueryRow&) { return true; });
        } catch (const ims::Error& e) {
            return e.what();
        }
        return "";
    }

    // The first column of the first row of `sql` run through the sandbox.
    static std::string scalar(const std::string& sql) {
        const auto store = ims::store::Store::open(path_, ims::store::Store::Mode::kReadOnly);
        QueryConnection db(store);
        std::string value = "<no row>";
        db.query(sql, {{":as_of", "2026-11-25"}}, [&](const QueryRow& row) {
            value = row.values[0].value_or("NULL");
            return false;
        });
        return value;
    }

    // The same, run directly on the store's tables (to know the right answer).
    static std::string trusted(const std::string& sql) {
        auto db = ims::test::open_raw(path_);
        ims::store::Statement stmt(db, sql);
        return stmt.step() ? stmt.text(0) : "<no row>";
    }

    static void expect_refused(const std::string& sql, const std::string& denied) {
        std::string message = refusal(sql);
        EXPECT_NE(message.find(denied), std::string::npos) << sql << "\n  -> " << message;
        EXPECT_NE(message.find(kRule), std::string::npos) << sql << "\n  -> " << message;
    }

    static ims::test::TempDir* dir_;
    static std::string path_;
};

ims::test::TempDir* CheckSandbox::dir_ = nullptr;
std::string CheckSandbox::path_;

// --- what must be refused -----------------------------------------------------------------------

TEST_F(CheckSandbox, RefusesAJoinOfAViewWithAnInternalTable) {
    expect_refused("SELECT count(*) FROM v1_controls, controls", "may not read 'controls'");
    expect_refused("SELECT count(*) FROM v1_evidence, vault", "may not read 'vault'");
    expect_refused("SELECT c.id FROM v1_controls c JOIN controls t ON t.id = c.id",
                   "may not read 'controls'");
    expect_refused("SELECT count(*) FROM v1_controls c LEFT JOIN change_log l ON 1",
                   "may not read 'change_log'");
    expect_refused("SELECT id FROM v1_controls UNION SELECT sha256 FROM vault",
                   "may not read 'vault'");
    expect_refused("SELECT count(*) FROM main.controls", "may not read 'main.controls'");
    expect_refused("SELECT count(*) FROM v1_controls, \"controls\"", "may not read 'controls'");
    expect_refused("SELECT count(*) FROM v1_controls, [vault]", "may not read 'vault'");
}

TEST_F(CheckSandbox, RefusesSubqueriesOverInternalTables) {
    expect_refused("SELECT (SELECT count(*) FROM vault) FROM v1_controls", "may not read 'vault'");
    expect_refused("SELECT id FROM v1_controls WHERE id IN (SELECT entity_id FROM change_log)",
                   "may not read 'change_log'");
    expect_refused("SELECT count(*) FROM (SELECT 1 FROM vault) AS v1_controls",
                   "may not read 'vault'");
    expect_refused("SELECT id FROM v1_controls ORDER BY (SELECT max(seq) FROM change_log)",
                   "may not read 'change_log'");
}

TEST_F(CheckSandbox, RefusesCountStarAndExistsOverInternalTables) {
    expect_refused("SELECT count(*) FROM vault", "may not read 'vault'");
    expect_refused("SELECT EXISTS (SELECT 1 FROM change_log)", "may not read 'change_log'");
    expect_refused("SELECT 1 FROM v1_controls WHERE EXISTS (SELECT 1 FROM vault)",
                   "may not read 'vault'");
    expect_refused("SELECT 1 FROM v1_controls WHERE NOT EXISTS (SELECT * FROM controls)",
                   "may not read 'controls'");
}

TEST_F(CheckSandbox, RefusesCtesOverInternalTablesEvenWhenNamedLikeAView) {
    expect_refused("WITH c AS (SELECT * FROM controls) SELECT count(*) FROM c",
                   "may not read 'controls'");
    // A CTE named after a view would otherwise pass for the view reading its own tables.
    expect_refused(
        "WITH v1_controls AS (SELECT sha256 AS id FROM vault) SELECT id FROM v1_controls",
        "may not read 'vault'");
    expect_refused("WITH v1_x AS MATERIALIZED (SELECT payload FROM change_log) SELECT * FROM v1_x",
                   "may not read 'change_log'");
    expect_refused(
        "WITH RECURSIVE r(n) AS (SELECT count(*) FROM change_log UNION ALL "
        "SELECT n - 1 FROM r WHERE n > 0) SELECT max(n) FROM r",
        "may not read 'change_log'");
}

TEST_F(CheckSandbox, RefusesWindowFunctionsAndJsonEachOverInternalTables) {
    expect_refused("SELECT row_number() OVER (ORDER BY seq) FROM change_log",
                   "may not read 'change_log'");
    expect_refused("SELECT count(*) OVER () FROM v1_controls, vault", "may not read 'vault'");
    expect_refused("SELECT j.value FROM change_log l, json_each(l.payload) j",
                   "may not read 'change_log'");
    expect_refused("SELECT value FROM json_each((SELECT payload FROM change_log LIMIT 1))",
                   "may not read 'change_log'");
}

TEST_F(CheckSandbox, RefusesTheSchemaTables) {
    for (const char* table :
         {"sqlite_master", "sqlite_schema", "sqlite_temp_master", "sqlite_temp_schema"}) {
        expect_refused(std::string("SELECT name FROM ") + table, "may not read '");
        expect_refused(std::string("SELECT count(*) FROM ") + table, "may not read '");
    }
    expect_refused("SELECT sql FROM main.sqlite_master", "may not read 'sqlite_master'");
    expect_refused("SELECT * FROM sqlite_sequence", "may not read 'sqlite_sequence'");
    expect_refused("SELECT * FROM sqlite_stat1", "may not read 'sqlite_stat1'");
    expect_refused("SELECT 1 FROM v1_controls WHERE EXISTS (SELECT 1 FROM sqlite_master)",
                   "may not read 'sqlite_master'");
}

TEST_F(CheckSandbox, RefusesPragmasAndTheirTableValuedFunctions) {
    expect_refused("SELECT * FROM pragma_table_info('vault')", "may not read 'pragma_table_info'");
    expect_refused("SELECT name FROM pragma_database_list", "may not read 'pragma_database_list'");
    expect_refused("SELECT name FROM pragma_table_list", "may not read 'pragma_table_list'");
    expect_refused("SELECT count(*) FROM pragma_index_list('controls')",
                   "may not read 'pragma_index_list'");
    expect_refused("SELECT id FROM v1_controls WHERE id IN (SELECT name FROM pragma_function_list)",
                   "may not read 'pragma_function_list'");
    expect_refused("PRAGMA table_info(vault)", "may not run PRAGMA table_info");
    expect_refused("PRAGMA query_only = 0", "may not run PRAGMA query_only");
}

TEST_F(CheckSandbox, RefusesEponymousVirtualTablesThatReadTheFile) {
    expect_refused("SELECT name, pageno FROM dbstat", "may not read 'dbstat'");
    expect_refused("SELECT count(*) FROM dbstat", "may not read 'dbstat'");
    expect_refused("SELECT sql FROM sqlite_stmt", "may not read 'sqlite_stmt'");
    // Not compiled into Debian's SQLite; refused all the same should a build have it.
    expect_refused("SELECT data FROM sqlite_dbpage", "may not read 'sqlite_dbpage'");
}

TEST_F(CheckSandbox, RefusesAttachWritesAndSchemaChanges) {
    ims::test::TempDir dir;
    expect_refused("ATTACH '" + dir.file("x.db") + "' AS x", "may not attach a database");
    expect_refused("DETACH main", "may not detach a database");
    expect_refused("INSERT INTO controls (id, title, status) VALUES ('X', 'x', 'planned')",
                   "may not insert into 'controls'");
    expect_refused("UPDATE controls SET title = 'x'", "may not update 'controls'");
    expect_refused("DELETE FROM change_log", "may not delete from 'change_log'");
    expect_refused("CREATE TEMP VIEW v1_spy AS SELECT payload FROM change_log",
                   "may not change the schema");
    expect_refused("CREATE TEMP TABLE t (x)", "may not change the schema");
    expect_refused("DROP VIEW v1_controls", "may not change the schema");
    expect_refused("BEGIN", "may not begin or end a transaction");
    expect_refused("ANALYZE", "may not ");
    EXPECT_FALSE(std::filesystem::exists(dir.file("x.db")));
}

TEST_F(CheckSandbox, RefusesExplainWhichWouldNameTheTablesUnderTheViews) {
    expect_refused("EXPLAIN QUERY PLAN SELECT id FROM v1_controls", "may not use EXPLAIN");
    expect_refused("EXPLAIN SELECT id FROM v1_controls", "may not use EXPLAIN");
    expect_refused("EXPLAIN SELECT * FROM vault", "may not read 'vault'");
}

TEST_F(CheckSandbox, RefusesMoreThanOneStatement) {
    expect_refused("SELECT id FROM v1_controls; SELECT id FROM v1_controls",
                   "may not run more than one statement");
    expect_refused("SELECT id FROM v1_controls; DELETE FROM controls",
                   "may not run more than one statement");
    expect_refused("SELECT id FROM v1_controls; ATTACH 'x.db' AS x",
                   "may not run more than one statement");
    EXPECT_EQ(scalar("SELECT count(*) FROM v1_controls; -- a trailing comment\n;"),
              trusted("SELECT count(*) FROM controls"));
}

TEST_F(CheckSandbox, RefusesFunctionsThatReachOutsideTheQuery) {
    expect_refused("SELECT load_extension('/tmp/evil.so')", "may not call load_extension()");
    expect_refused("SELECT LOAD_EXTENSION('/tmp/evil.so', 'entry')",
                   "may not call load_extension()");
    expect_refused("SELECT fts3_tokenizer('simple')", "may not call fts3_tokenizer()");
    expect_refused("SELECT rtreecheck('controls')", "may not call rtreecheck()");
    expect_refused("SELECT sqlite_log(1, 'x')", "may not call sqlite_log()");
}

TEST_F(CheckSandbox, NamesAnUnknownViewInTheRefusal) {
    expect_refused("SELECT id FROM v1_contrls",
                   "may not read 'v1_contrls', which is not a v1_* view");
    expect_refused("SELECT id FROM temp.v1_controls", "may not read 'temp.v1_controls'");
}

TEST_F(CheckSandbox, StopsAQueryThatBuildsHugeValues) {
    EXPECT_NE(refusal("SELECT length(randomblob(100000000))").find("too big"), std::string::npos);
}

TEST_F(CheckSandbox, EmptySqlIsRefused) {
    EXPECT_EQ(refusal("  -- nothing\n"), "check SQL is empty");
}

// --- what must still work -----------------------------------------------------------------------

TEST_F(CheckSandbox, CountsAndExistsOverViews) {
    EXPECT_EQ(scalar("SELECT count(*) FROM v1_controls"), trusted("SELECT count(*) FROM controls"));
    EXPECT_EQ(scalar("SELECT count(*) FROM V1_CONTROLS"), trusted("SELECT count(*) FROM controls"));
    EXPECT_EQ(scalar("SELECT count(*) FROM v1_evidence"), trusted("SELECT count(*) FROM evidence"));
    EXPECT_EQ(scalar("SELECT EXISTS (SELECT 1 FROM v1_controls)"), "1");
    EXPECT_EQ(scalar("SELECT 1 FROM v1_requirements LIMIT 1"), "1");
    EXPECT_EQ(scalar("SELECT count(*) FROM v1_controls WHERE NOT EXISTS (SELECT 1 FROM "
                     "v1_evidence_controls)"),
              "0");
    EXPECT_EQ(scalar("SELECT count(*) FROM main.v1_controls"),
              trusted("SELECT count(*) FROM controls"));
}

TEST_F(CheckSandbox, JoinsOfViews) {
    EXPECT_EQ(
        scalar("SELECT count(*) FROM v1_controls c JOIN v1_control_requirements l ON l.control_id "
               "= c.id"),
        trusted(
            "SELECT count(*) FROM controls c JOIN control_requirements l ON l.control_id = c.id"));
    EXPECT_EQ(scalar("SELECT count(*) FROM v1_evidence e, v1_evidence_controls ec WHERE "
                     "ec.evidence_id = e.id"),
              trusted("SELECT count(*) FROM evidence_controls"));
    EXPECT_NE(scalar("SELECT count(*) FROM v1_controls, v1_people"), "0");
}

TEST_F(CheckSandbox, CtesSubqueriesWindowsAndJsonOverViews) {
    const std::string controls = trusted("SELECT count(*) FROM controls");
    EXPECT_EQ(scalar("WITH c AS (SELECT id FROM v1_controls) SELECT count(*) FROM c"), controls);
    EXPECT_EQ(scalar("SELECT (SELECT count(*) FROM v1_controls)"), controls);
    EXPECT_EQ(scalar("SELECT count(*) FROM (SELECT id FROM v1_controls WHERE id IN "
                     "(SELECT control_id FROM v1_control_requirements))"),
              trusted("SELECT count(DISTINCT control_id) FROM control_requirements"));
    EXPECT_EQ(
        scalar("SELECT max(n) FROM (SELECT row_number() OVER (ORDER BY id) AS n FROM v1_controls)"),
        controls);
    EXPECT_EQ(
        scalar("WITH RECURSIVE up(id, depth) AS (SELECT id, 0 FROM v1_requirements "
               "WHERE id = 'iso27001:2022/A.5.15' UNION ALL SELECT r.parent_id, up.depth + 1 "
               "FROM v1_requirements r JOIN up ON r.id = up.id WHERE r.parent_id IS NOT NULL) "
               "SELECT max(depth) FROM up"),
        "1");
    EXPECT_EQ(scalar("SELECT count(*) FROM json_each('[1, 2, 3]')"), "3");
    EXPECT_EQ(scalar("SELECT count(*) > 0 FROM v1_risks r, json_each(r.control_ids)"), "1");
}

TEST_F(CheckSandbox, BindsAsOf) {
    EXPECT_EQ(scalar("SELECT :as_of FROM v1_organisation"), "2026-11-25");
}

// Every SQL check shipped with ims (first-party plugins, the core package, the SDK examples): one
// check per checks/*.json file, its query in the .sql file it names.
TEST_F(CheckSandbox, RunsEveryShippedSqlCheck) {
    namespace fs = std::filesystem;
    const fs::path source = IMS_SOURCE_DIR;
    int ran = 0;
    for (const fs::path& root :
         {source / "plugins", source / "core/content", source / "sdk/examples"}) {
        for (const auto& entry : fs::recursive_directory_iterator(root)) {
            const fs::path& file = entry.path();
            if (file.extension() != ".json" || file.parent_path().filename() != "checks") continue;
            std::ifstream in(file);
            auto check = nlohmann::json::parse(in);
            if (!check.contains("query")) continue;
            ++ran;
            std::ifstream sql(file.parent_path() / check["query"].get<std::string>());
            const std::string text((std::istreambuf_iterator<char>(sql)), {});
            EXPECT_EQ(refusal(text), "") << file << " " << check["id"];
        }
    }
    EXPECT_GT(ran, 0) << "no shipped SQL check was found";
}

}  // namespace

namespace {

// The check engine runs every check of a run on one connection, in one read transaction: a
// query stopped at its deadline must leave that transaction, and so the snapshot, in place.
TEST_F(CheckSandbox, AQueryStoppedAtItsDeadlineKeepsTheSnapshot) {
    const auto store = ims::store::Store::open(path_, ims::store::Store::Mode::kReadOnly);
    QueryConnection db(store);
    ASSERT_TRUE(db.in_snapshot());
    db.set_deadline(std::chrono::steady_clock::now() + std::chrono::milliseconds(50));
    EXPECT_THROW(db.query("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
                          "SELECT i FROM n WHERE i < 0",
                          {}, [](const QueryRow&) { return true; }),
                 ims::Error);
    EXPECT_TRUE(db.in_snapshot());
    db.set_deadline(std::chrono::steady_clock::time_point::max());
    int rows = 0;
    db.query("SELECT id FROM v1_organisation", {}, [&](const QueryRow&) { return ++rows, true; });
    EXPECT_EQ(rows, 1);
}

// Integers, numbers and booleans bind as numbers, so that comparisons with them are numeric.
TEST_F(CheckSandbox, BindsNumbersAsNumbers) {
    const auto store = ims::store::Store::open(path_, ims::store::Store::Mode::kReadOnly);
    QueryConnection db(store);
    using Type = ims::store::BoundValue::Type;
    std::string out;
    db.query("SELECT typeof(:n), :n > 9, typeof(:r), typeof(:t) FROM v1_organisation",
             {{":n", {"10", Type::kInteger}}, {":r", {"0.5", Type::kReal}}, {":t", "10"}},
             [&](const QueryRow& row) {
                 for (const auto& v : row.values) out += v.value_or("NULL") + " ";
                 return true;
             });
    EXPECT_EQ(out, "integer 1 real text ");
}

}  // namespace
