// The store's tables enforce the data model: a store built through every frozen migration accepts
// exactly the values the model allows, field by field, for every entity. Each test varies one
// field of an otherwise valid row (tests/support/model_rows.hpp) and asks SQLite.
#include "ims/core/error.hpp"
#include "ims/core/model.hpp"
#include "model_rows.hpp"
#include "store/rows.hpp"
#include "store/schema.hpp"
#include "store/sqlite.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <map>

namespace {

using ims::model::Entity;
using ims::model::Field;
using ims::model::FieldType;
using ims::store::Database;
using ims::store::Statement;

// An in-memory store with every migration applied; foreign keys off unless a test turns them on.
Database migrated_schema() {
    Database db(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    for (const auto& step : ims::store::migrations()) db.exec(step);
    return db;
}

void bind(Statement& stmt, int index, const nlohmann::json& value) {
    if (value.is_null())
        stmt.bind_null(index);
    else if (value.is_boolean())
        stmt.bind(index, int64_t{value.get<bool>() ? 1 : 0});
    else if (value.is_number_integer())
        stmt.bind(index, value.get<int64_t>());
    else if (value.is_string())
        stmt.bind(index, std::string_view(value.get_ref<const std::string&>()));
    else
        stmt.bind(index, std::string_view(value.dump()));
}

// Inserts `row` into the entity's table; whether SQLite accepted it. Constraint failures are
// refusals; any other error fails the test.
bool insert(Database& db, const Entity& entity, const nlohmann::json& row) {
    std::string names, marks;
    for (const auto& [name, value] : row.items()) {
        names += (names.empty() ? "" : ", ") + name;
        marks += marks.empty() ? "?" : ", ?";
    }
    Statement stmt(
        db, "INSERT INTO " + std::string(entity.table) + " (" + names + ") VALUES (" + marks + ")");
    int index = 0;
    for (const auto& [name, value] : row.items()) bind(stmt, ++index, value);
    try {
        stmt.run();
        return true;
    } catch (const ims::Error& e) {
        EXPECT_EQ(e.code(), ims::ErrorCode::kInvalidInput) << e.what();
        return false;
    }
}

// What foreign keys name in the rows below (checked only where a test turns foreign keys on).
const std::map<std::string, std::string> kParents = {
    {"standards", "x"}, {"controls", "x"}, {"evidence", "x"}, {"vault", "x"}};

// Whether the table accepts the entity's valid row with `column` set to `value`; nothing stays.
bool accepts(Database& db, const Entity& entity, const std::string& column,
             const nlohmann::json& value) {
    nlohmann::json row = ims::test::valid_row(entity, kParents);
    row[column] = value;
    db.exec("SAVEPOINT attempt");
    const bool accepted = insert(db, entity, row);
    db.exec("ROLLBACK TO attempt");
    db.exec("RELEASE attempt");
    return accepted;
}

// Every stored field but the id, with its entity: what the tests below vary.
std::vector<std::pair<const Entity*, const Field*>> stored_fields() {
    std::vector<std::pair<const Entity*, const Field*>> out;
    for (const auto& entity : ims::model::entities())
        for (const auto& column : ims::store::table_columns(entity))
            if (column.field && column.name != "id") out.emplace_back(&entity, column.field);
    return out;
}

std::string where(const Entity* entity, const Field* field) {
    return std::string(entity->table) + "." + std::string(field->name);
}

TEST(ModelSchema, EveryTableAcceptsARowOfValidValues) {
    Database db = migrated_schema();
    for (const auto& entity : ims::model::entities())
        EXPECT_TRUE(accepts(db, entity, "id", ims::test::valid_row(entity, kParents)["id"]))
            << entity.table;
}

TEST(ModelSchema, ExactlyTheRequiredFieldsAreNotNull) {
    Database db = migrated_schema();
    for (const auto& [entity, field] : stored_fields())
        EXPECT_EQ(accepts(db, *entity, std::string(field->name), nullptr), !field->required)
            << where(entity, field) << (field->required ? " accepts NULL" : " refuses NULL");
}

TEST(ModelSchema, EveryEnumValueIsAcceptedAndNoOther) {
    Database db = migrated_schema();
    int enums = 0;
    for (const auto& [entity, field] : stored_fields()) {
        if (field->type != FieldType::kEnum) continue;
        ++enums;
        const std::string name(field->name);
        for (auto value : field->values)
            EXPECT_TRUE(accepts(db, *entity, name, value))
                << where(entity, field) << " refuses " << value;
        EXPECT_FALSE(accepts(db, *entity, name, "no_such_value")) << where(entity, field);
        EXPECT_FALSE(accepts(db, *entity, name, std::string(field->values.front()) + " "))
            << where(entity, field);
    }
    EXPECT_GE(enums, 30);
}

TEST(ModelSchema, IntegersAreHeldToTheirRange) {
    Database db = migrated_schema();
    int bounds = 0;
    for (const auto& [entity, field] : stored_fields()) {
        if (field->type != FieldType::kInteger) continue;
        const std::string name(field->name);
        if (field->min) {
            ++bounds;
            EXPECT_TRUE(accepts(db, *entity, name, *field->min)) << where(entity, field);
            EXPECT_FALSE(accepts(db, *entity, name, *field->min - 1)) << where(entity, field);
        }
        if (field->max) {
            ++bounds;
            EXPECT_TRUE(accepts(db, *entity, name, *field->max)) << where(entity, field);
            EXPECT_FALSE(accepts(db, *entity, name, *field->max + 1)) << where(entity, field);
        } else {
            EXPECT_TRUE(accepts(db, *entity, name, std::numeric_limits<int64_t>::max()))
                << where(entity, field);
        }
        EXPECT_FALSE(accepts(db, *entity, name, "12 months")) << where(entity, field);
    }
    EXPECT_GT(bounds, 20);
}

TEST(ModelSchema, BooleansAreZeroOrOneAndListsAreJsonArrays) {
    Database db = migrated_schema();
    for (const auto& [entity, field] : stored_fields()) {
        const std::string name(field->name);
        if (field->type == FieldType::kBoolean) {
            EXPECT_TRUE(accepts(db, *entity, name, false)) << where(entity, field);
            EXPECT_TRUE(accepts(db, *entity, name, true)) << where(entity, field);
            EXPECT_FALSE(accepts(db, *entity, name, 2)) << where(entity, field);
            EXPECT_FALSE(accepts(db, *entity, name, -1)) << where(entity, field);
        }
        if (field->is_list()) {
            EXPECT_TRUE(accepts(db, *entity, name, nlohmann::json::array()))
                << where(entity, field);
            EXPECT_FALSE(accepts(db, *entity, name, nlohmann::json::object()))
                << where(entity, field);
            EXPECT_FALSE(accepts(db, *entity, name, "\"x\"")) << where(entity, field);
        }
    }
}

// A link record's id is its key fields joined by '|'; two rows with the same key are refused
// even under different ids.
TEST(ModelSchema, LinkRecordsAreUniqueByTheirKey) {
    Database db = migrated_schema();
    for (const auto& entity : ims::model::entities()) {
        if (!entity.derived_id()) continue;
        nlohmann::json row = ims::test::valid_row(entity, kParents);
        EXPECT_TRUE(insert(db, entity, row)) << entity.table;
        row["id"] = "another id";
        EXPECT_FALSE(insert(db, entity, row)) << entity.table;
    }
}

// Inserts the row with id (or sha256) 'P-1' that a foreign key into `table` can name; its own
// optional foreign keys are left empty.
void insert_parent(Database& db, const std::string& table) {
    if (table == "vault")
        return db.exec("INSERT INTO vault (sha256, size, data) VALUES ('P-1', 1, x'00')");
    for (const auto& entity : ims::model::entities()) {
        if (entity.table != table) continue;
        nlohmann::json row = ims::test::valid_row(entity, {{"vault", ""}});
        row["id"] = "P-1";
        for (const auto& f : entity.fields)
            if (f.foreign_key && !f.required) row.erase(std::string(f.column_name()));
        ASSERT_TRUE(insert(db, entity, row)) << table;
    }
}

// A row of `entity` naming a missing row through `field` is refused, one naming an existing row
// accepted; deleting the row named deletes the referring row (cascade) or is refused.
void check_foreign_key(Database& db, const Entity& entity, const Field& field) {
    const std::string where = std::string(entity.table) + "." + std::string(field.name);
    db.exec("SAVEPOINT parents");
    std::map<std::string, std::string> parents;  // a link record may name two tables
    for (const auto& other : entity.fields)
        if (other.foreign_key && !parents.count(std::string(other.foreign_key->table))) {
            parents[std::string(other.foreign_key->table)] = "P-1";
            insert_parent(db, std::string(other.foreign_key->table));
        }
    const nlohmann::json child = ims::test::valid_row(entity, parents);
    nlohmann::json dangling = child;
    dangling[std::string(field.column_name())] = "missing";
    EXPECT_FALSE(insert(db, entity, dangling)) << where;
    EXPECT_TRUE(insert(db, entity, child)) << where;
    Statement remove(db, "DELETE FROM " + std::string(field.foreign_key->table) + " WHERE " +
                             std::string(field.foreign_key->column) + " = 'P-1'");
    bool removed = true;
    try {
        remove.run();
    } catch (const ims::Error&) {
        removed = false;
    }
    EXPECT_EQ(removed, field.foreign_key->cascade) << where;
    Statement left(db, "SELECT count(*) FROM " + std::string(entity.table));
    left.step();
    EXPECT_EQ(left.integer(0), removed ? 0 : 1) << where;
    db.exec("ROLLBACK TO parents");
    db.exec("RELEASE parents");
}

// The foundation tables' references are foreign keys, as the model declares them.
TEST(ModelSchema, ForeignKeysRefuseMissingRowsAndCascadeAsDeclared) {
    Database db = migrated_schema();
    db.exec("PRAGMA foreign_keys = ON");
    int keys = 0;
    for (const auto& entity : ims::model::entities())
        for (const auto& field : entity.fields)
            if (field.foreign_key) {
                ++keys;
                check_foreign_key(db, entity, field);
            }
    EXPECT_EQ(keys, 6);
}

}  // namespace
