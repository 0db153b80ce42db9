// The frozen migrations and the planner that writes the next one: the current model needs no new
// migration, the library carries the migration files as they are, and a changed model gets a plan
// that keeps every row, adds what is new and refuses what would lose stored values.
#include "store/migration_plan.hpp"
#include "ims/core/error.hpp"
#include "ims/core/model.hpp"
#include "ims/core/store.hpp"
#include "store/schema.hpp"
#include "store/sqlite.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>

namespace {

using ims::model::Entity;
using ims::model::Field;
using ims::model::FieldType;
using ims::store::Database;
using ims::store::MigrationPlan;
using ims::store::Statement;

Database migrated_to(std::size_t format) {
    Database db(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    for (std::size_t i = 0; i < format; ++i) db.exec(ims::store::migrations()[i]);
    return db;
}

std::string lines(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += "  " + item + "\n";
    return out;
}

using Columns = std::vector<std::pair<std::string, std::string>>;

std::map<std::string, Columns> view_columns(Database& db) {
    std::map<std::string, Columns> out;
    Statement stmt(
        db,
        "SELECT v.name, c.name, c.type FROM sqlite_schema v, pragma_table_info(v.name) c "
        "WHERE v.type = 'view' ORDER BY v.name, c.cid");
    while (stmt.step()) out[stmt.text(0)].emplace_back(stmt.text(1), stmt.text(2));
    return out;
}

std::string dump(Database& db, const std::string& sql) {
    std::string out;
    Statement stmt(db, sql);
    while (stmt.step()) {
        for (int i = 0; i < stmt.column_count(); ++i)
            out += (stmt.is_null(i) ? "NULL" : stmt.text(i)) + "|";
        out += "\n";
    }
    return out;
}

Entity& entity_in(std::vector<Entity>& entities, std::string_view name) {
    return *std::find_if(entities.begin(), entities.end(),
                         [&](const Entity& e) { return e.name == name; });
}

// Adding an entity or a field without `make schema` fails here: the schema the frozen migrations
// build must be the one the model describes.
TEST(StoreMigrations, TheModelNeedsNoNewMigration) {
    Database db = migrated_to(ims::store::migrations().size());
    const MigrationPlan plan = ims::store::plan_migration(db, ims::model::entities());
    EXPECT_TRUE(plan.empty()) << "the data model differs from the store schema the migrations "
                                 "build; run `make schema` and commit the new file in "
                                 "core/src/store/migrations/. It would:\n"
                              << lines(plan.changes);
}

TEST(StoreMigrations, TheLibraryCarriesEveryMigrationFileAsItIs) {
    const std::string folder = std::string(IMS_SOURCE_DIR) + "/core/src/store/migrations";
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        files += entry.path().extension() == ".sql";
    ASSERT_EQ(ims::store::migrations().size(), files);
    EXPECT_EQ(ims::store::current_store_format(), static_cast<int>(files));
    for (std::size_t i = 0; i < files; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "/%04zu.sql", i + 1);
        EXPECT_EQ(ims::store::migrations()[i], ims::test::read_all(folder + name)) << name;
    }
}

// Format 4 replaced the hand-written tables and views by generated ones; every view plugins
// could read before kept its columns, in their order and with their types. Later formats keep
// every column (views only gain columns; sdk/schema/v1/views.md).
TEST(StoreMigrations, ViewsKeepEveryColumnTheyEverHad) {
    Database hand_written = migrated_to(ims::store::kHandWrittenFormats);
    Database generated = migrated_to(ims::store::kHandWrittenFormats + 1);
    Database current = migrated_to(ims::store::migrations().size());
    const auto before = view_columns(hand_written), after = view_columns(generated),
               now = view_columns(current);
    EXPECT_EQ(after, before);
    for (const auto& [view, columns] : before)
        for (const auto& column : columns) {
            const auto& kept = now.at(view);
            EXPECT_NE(std::find(kept.begin(), kept.end(), column), kept.end())
                << view << " lost " << column.first << " (" << column.second << ")";
        }
}

// A store with rows, for the planner tests: controls with requirement links and evidence.
Database store_with_rows() {
    Database db = migrated_to(ims::store::migrations().size());
    db.exec("PRAGMA foreign_keys = ON");
    db.exec(R"sql(
        INSERT INTO standards (id, short_title, title, plugin_id, plugin_version, content_sha256)
            VALUES ('s', 'S', 'Standard', 'p', '1', 'h');
        INSERT INTO requirements (id, standard_id, ref, kind, title, position)
            VALUES ('s/1', 's', '1', 'clause', 'One', 0);
        INSERT INTO controls (id, title, status, review_interval_months)
            VALUES ('C-1', 'Backups', 'implemented', 12), ('C-2', 'Access', 'planned', NULL);
        INSERT INTO control_requirements (id, control_id, requirement_id, coverage)
            VALUES ('C-1|s/1', 'C-1', 's/1', 'full');
        INSERT INTO evidence (id, title, kind) VALUES ('E-1', 'Restore test', 'record');
        INSERT INTO evidence_controls (id, evidence_id, control_id) VALUES ('E-1|C-1', 'E-1', 'C-1');
    )sql");
    return db;
}

// Every row of the tables store_with_rows fills, in the columns the frozen migrations give them.
const char* kEveryRow =
    "SELECT 'c', id, title, description, owner_id, department_id, status, implemented_on, "
    "review_interval_months, last_reviewed_on FROM controls UNION ALL SELECT 'cr', id, control_id, "
    "requirement_id, coverage, NULL, NULL, NULL, NULL, NULL FROM control_requirements UNION ALL "
    "SELECT 'ec', id, evidence_id, control_id, NULL, NULL, NULL, NULL, NULL, NULL FROM "
    "evidence_controls UNION ALL SELECT 'r', id, standard_id, NULL, NULL, NULL, NULL, NULL, NULL, "
    "NULL FROM requirements ORDER BY 1, 2";

TEST(MigrationPlanner, AnAddedFieldRebuildsItsTableKeepsEveryRowAndShowsInTheView) {
    Database db = store_with_rows();
    const std::string rows = dump(db, kEveryRow);
    std::vector<Entity> entities = ims::model::entities();
    entity_in(entities, "control")
        .fields.push_back(
            Field{.name = "cost_centre", .type = FieldType::kText, .doc = "who pays for it"});
    const MigrationPlan plan = ims::store::plan_migration(db, entities);
    EXPECT_EQ(plan.changes,
              (std::vector<std::string>{"rebuild table controls", "recreate view v1_controls"}));
    EXPECT_TRUE(plan.warnings.empty());
    ims::store::apply_plan(db, plan, entities);  // throws unless the store now is the model
    EXPECT_EQ(db.pragma_int("foreign_keys"), 1);
    EXPECT_EQ(dump(db,
                   "SELECT id, title, status, review_interval_months, cost_centre FROM controls "
                   "ORDER BY id"),
              "C-1|Backups|implemented|12|NULL|\nC-2|Access|planned|NULL|NULL|\n");
    EXPECT_EQ(dump(db, kEveryRow), rows);
    const Columns view = view_columns(db).at("v1_controls");
    EXPECT_NE(std::find(view.begin(), view.end(),
                        std::pair<std::string, std::string>{"cost_centre", "TEXT"}),
              view.end());
}

TEST(MigrationPlanner, ANewEntityGetsItsTableItsViewAndALinkViewPerListOfReferences) {
    Database db = store_with_rows();
    std::vector<Entity> entities = ims::model::entities();
    entities.push_back(Entity{
        .name = "contract",
        .collection = "contracts",
        .table = "contracts",
        .key = {"id"},
        .fields =
            {{.name = "id", .type = FieldType::kText, .required = true},
             {.name = "kind", .type = FieldType::kEnum, .required = true, .values = {"nda", "msa"}},
             {.name = "control_ids", .type = FieldType::kRefList, .target = "control"}},
        .indexes = {{"kind"}}});
    const MigrationPlan plan = ims::store::plan_migration(db, entities);
    EXPECT_EQ(plan.changes, (std::vector<std::string>{
                                "create table contracts", "create index contracts_by_kind",
                                "create view v1_contracts", "create view v1_contract_controls"}));
    ims::store::apply_plan(db, plan, entities);
    db.exec(
        "INSERT INTO contracts (id, kind, control_ids) VALUES ('K-1', 'nda', '[\"C-1\",\"C-2\"]')");
    EXPECT_EQ(dump(db, "SELECT * FROM v1_contract_controls ORDER BY control_id"),
              "K-1|C-1|\nK-1|C-2|\n");
    EXPECT_THROW(db.exec("INSERT INTO contracts (id, kind) VALUES ('K-2', 'lease')"), ims::Error);
}

TEST(MigrationPlanner, AnIndexAloneIsCreatedWithoutARebuild) {
    Database db = store_with_rows();
    std::vector<Entity> entities = ims::model::entities();
    entity_in(entities, "control").indexes.push_back({"owner_id"});
    const MigrationPlan plan = ims::store::plan_migration(db, entities);
    EXPECT_EQ(plan.changes, std::vector<std::string>{"create index controls_by_owner_id"});
    ims::store::apply_plan(db, plan, entities);
}

// A generated migration never loses or converts a stored value: a field removed or retyped in the
// model is refused when the migration is generated, with what to do instead.
TEST(MigrationPlanner, ARemovedOrRetypedFieldIsRefused) {
    Database db = store_with_rows();
    std::vector<Entity> removed = ims::model::entities();
    auto& fields = entity_in(removed, "control").fields;
    fields.erase(std::find_if(fields.begin(), fields.end(),
                              [](const Field& f) { return f.name == "description"; }));
    try {
        ims::store::plan_migration(db, removed);
        FAIL() << "expected a refusal";
    } catch (const ims::Error& e) {
        EXPECT_EQ(e.code(), ims::ErrorCode::kInvalidInput);
        EXPECT_EQ(std::string(e.what()),
                  "table controls has a column description that entity control no longer has; a "
                  "generated migration never drops a column (its values would be lost): keep the "
                  "field in the model");
    }
    std::vector<Entity> retyped = ims::model::entities();
    for (auto& f : entity_in(retyped, "control").fields)
        if (f.name == "review_interval_months") f.type = FieldType::kText;
    try {
        ims::store::plan_migration(db, retyped);
        FAIL() << "expected a refusal";
    } catch (const ims::Error& e) {
        EXPECT_EQ(std::string(e.what()),
                  "table controls column review_interval_months is INTEGER but entity control now "
                  "makes it TEXT; a generated migration never converts stored values: add a new "
                  "field instead");
    }
}

TEST(MigrationPlanner, ANewRequiredFieldWarnsThatStoresWithRowsWillBeRefused) {
    Database db = store_with_rows();
    std::vector<Entity> entities = ims::model::entities();
    entity_in(entities, "control")
        .fields.push_back(Field{.name = "criticality", .type = FieldType::kText, .required = true});
    const MigrationPlan plan = ims::store::plan_migration(db, entities);
    EXPECT_EQ(plan.warnings, std::vector<std::string>{
                                 "controls.criticality is new and required: migrating a store with "
                                 "rows in controls will be refused until each row has a value"});
    EXPECT_THROW(ims::store::apply_plan(db, plan, entities), ims::Error);  // C-1 has no value
}

}  // namespace
