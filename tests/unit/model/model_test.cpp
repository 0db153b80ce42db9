// The data model's value rules (JSON and CSV cells), the CSV reader, and the agreement between
// the model and the store's tables and v1 views.
#include "ims/core/model.hpp"
#include "formats/csv.hpp"
#include "ims/core/error.hpp"
#include "ims/core/store.hpp"
#include "model/cells.hpp"
#include "store/schema.hpp"
#include "store/schema_docs.hpp"
#include "store/sqlite.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

using ims::model::Field;
using ims::model::FieldType;

namespace {

const Field& field(std::string_view entity, std::string_view name) {
    const Field* f = ims::model::entity(entity).field(name);
    EXPECT_NE(f, nullptr) << entity << "." << name;
    return *f;
}

TEST(ModelValues, DatesMustBeRealCalendarDates) {
    const Field& started = field("person", "started_on");
    EXPECT_FALSE(ims::model::check_value(started, "2024-02-29"));
    EXPECT_EQ(*ims::model::check_value(started, "2026-02-29"),
              "expected a date YYYY-MM-DD, got the string '2026-02-29'");
    EXPECT_TRUE(ims::model::check_value(started, "2026-1-5"));
    EXPECT_TRUE(ims::model::check_value(started, 20260105));
}

TEST(ModelValues, DeadlineTimesNeedATimeZone) {
    const Field& detected = field("incident", "detected_at");
    EXPECT_FALSE(ims::model::check_value(detected, "2026-03-04T09:30:00+02:00"));
    EXPECT_FALSE(ims::model::check_value(detected, "2026-03-04T07:30Z"));
    EXPECT_TRUE(ims::model::check_value(detected, "2026-03-04T09:30:00"));
    EXPECT_TRUE(ims::model::check_value(detected, "2026-03-04T25:30:00Z"));
}

TEST(ModelValues, EnumsAndRangesSayWhatTheyAccept) {
    EXPECT_EQ(*ims::model::check_value(field("finding", "grade"), "critical"),
              "expected one of: major, minor, observation, ofi, got the string 'critical'");
    EXPECT_EQ(*ims::model::check_value(field("risk", "impact"), 0),
              "expected an integer from 1 to 5, got the number 0");
    EXPECT_EQ(
        *ims::model::check_value(field("risk", "control_ids"), nlohmann::json::array({"C-1", 7})),
        "item 1: expected the id of a control, got the number 7");
}

TEST(ModelCells, CsvCellsParseToTheValuesJsonWouldGive) {
    auto yes = ims::model::parse_cell(field("incident", "personal_data_breach"), "Yes");
    EXPECT_EQ(yes.value, true);
    auto count = ims::model::parse_cell(field("organisation", "employee_count"), "82");
    EXPECT_EQ(count.value, 82);
    auto list = ims::model::parse_cell(field("processing_activity", "purposes"),
                                       "Pay salaries; Tax\\; UIF returns");
    EXPECT_EQ(list.value, nlohmann::json::array({"Pay salaries", "Tax; UIF returns"}));
    EXPECT_TRUE(ims::model::parse_cell(field("person", "email"), "").value.is_null());
    EXPECT_EQ(*ims::model::check_value(field("processing_activity", "purposes"),
                                       nlohmann::json::array({" padded"})),
              "item 0: expected no space at the start or end, got ' padded'");
    EXPECT_EQ(*ims::model::parse_cell(field("organisation", "employee_count"), "eighty").problem,
              "expected an integer of at least 0, got 'eighty'");
}

TEST(ModelCells, FormattedCellsParseBackToTheSameValue) {
    std::vector<std::pair<const Field*, nlohmann::json>> cases = {
        {&field("incident", "personal_data_breach"), false},
        {&field("risk", "likelihood"), 4},
        {&field("processing_activity", "purposes"), nlohmann::json::array({"a;b", "c"})},
        {&field("processing_activity", "purposes"),
         nlohmann::json::array({"ends with \\", "semi;colon\\;"})},
        {&field("person", "name"), "Smith, John \"JJ\""},
    };
    for (const auto& [f, value] : cases)
        EXPECT_EQ(ims::model::parse_cell(*f, ims::model::format_cell(*f, value)).value, value);
}

TEST(ModelCells, TextASpreadsheetWouldRunAsAFormulaIsGuardedAndParsesBack) {
    const Field& title = field("control", "title");
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"},
        {"+1", "'+1"},
        {"-2", "'-2"},
        {"@SUM(A1)", "'@SUM(A1)"},
        {"\tTab", "'\tTab"},
        {"\rCR", "'\rCR"},
        {"'quoted", "''quoted"},
        {"plain = fine", "plain = fine"}};
    for (const auto& [value, cell] : cases) {
        EXPECT_EQ(ims::model::format_cell(title, value), cell);
        EXPECT_EQ(ims::model::parse_cell(title, cell).value, value);
    }
    EXPECT_EQ(ims::model::format_cell(field("processing_activity", "purposes"),
                                      nlohmann::json::array({"=1", "b"})),
              "'=1;b");
    EXPECT_EQ(ims::model::parse_cell(field("risk", "likelihood"), "'4").problem.value_or(""),
              "expected an integer from 1 to 5, got ''4'");
}

TEST(CsvReader, ReadsQuotedCellsLineBreaksCrlfAndAByteOrderMark) {
    auto records = ims::formats::read_csv(
        "\xEF\xBB\xBFid,note\r\nA,\"one, two\"\r\n\r\nB,\"say \"\"hi\"\"\nagain\"\nC,\n", "t.csv");
    ASSERT_EQ(records.size(), 4u);
    EXPECT_EQ(records[0].cells, (std::vector<std::string>{"id", "note"}));
    EXPECT_EQ(records[1].cells[1], "one, two");
    EXPECT_EQ(records[2].line, 4);
    EXPECT_EQ(records[2].cells[1], "say \"hi\"\nagain");
    EXPECT_EQ(records[3].line, 6);
    EXPECT_EQ(records[3].cells, (std::vector<std::string>{"C", ""}));
}

TEST(CsvReader, RefusesAnUnclosedQuoteWithItsLine) {
    try {
        ims::formats::read_csv("id,note\nA,ok\nB,\"never closed\n", "t.csv");
        FAIL() << "expected a refusal";
    } catch (const ims::Error& e) {
        EXPECT_EQ(std::string(e.what()), "t.csv:3: a quoted cell is never closed");
    }
}

// Every model entity has its table with the model's columns, and a v1 view naming its fields.
TEST(StoreModel, TablesAndViewsMatchTheModel) {
    ims::test::TempDir dir;
    auto store = ims::store::Store::create(dir.file("a.ims"), "Acme", "t");
    auto columns_of = [&](const std::string& table) {
        std::vector<std::pair<std::string, std::string>> out;
        auto db = ims::test::open_raw(store.path());
        ims::store::Statement stmt(db, "SELECT name, type FROM pragma_table_info(?1)");
        stmt.bind(1, table);
        while (stmt.step()) out.emplace_back(stmt.text(0), stmt.text(1));
        return out;
    };
    for (const auto& entity : ims::model::entities()) {
        std::vector<std::pair<std::string, std::string>> expected = {{"id", "TEXT"}};
        std::set<std::string> view_expected;
        for (const auto& f : entity.fields) {
            if (!f.stored()) continue;
            view_expected.insert(std::string(f.name));
            if (f.column_name() == "id") continue;
            bool integer = f.type == FieldType::kInteger || f.type == FieldType::kBoolean;
            expected.emplace_back(std::string(f.name), integer ? "INTEGER" : "TEXT");
        }
        EXPECT_EQ(columns_of(std::string(entity.table)), expected) << entity.table;
        auto view = columns_of("v1_" + std::string(entity.table));
        std::set<std::string> view_columns;
        for (const auto& [name, type] : view) view_columns.insert(name);
        for (const auto& name : view_expected) {
            if (entity.kind != ims::model::EntityKind::kCatalog || name != "source") {
                EXPECT_TRUE(view_columns.count(name)) << "v1_" << entity.table << " lacks " << name;
            }
        }
        bool has_id =
            entity.kind == ims::model::EntityKind::kSingleton || view_expected.count("id");
        EXPECT_EQ(view_columns.count("id"), has_id ? 1u : 0u) << entity.table;
    }
}

// A store written before format 3 keeps its rows: owner and department become owner_id and
// department_id, each naming a person or department made from the old free text.
TEST(StoreModel, FormatTwoStoreMigratesWithItsRows) {
    ims::test::TempDir dir;
    {
        ims::store::Database db(dir.file("old.ims"), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        db.exec("PRAGMA application_id = " + std::to_string(ims::store::kApplicationId));
        for (int i = 0; i < 2; ++i) db.exec(ims::store::migrations()[static_cast<std::size_t>(i)]);
        db.exec("PRAGMA user_version = 2");
        db.exec("INSERT INTO organisation (id, name) VALUES ('org', 'Acme')");
        db.exec(
            "INSERT INTO controls (id, title, owner, department, status) VALUES ('C-1', 'Backups', "
            "'P-1', 'IT', 'implemented')");
    }
    auto store = ims::store::Store::open(dir.file("old.ims"));
    auto control = store.get("control", "C-1");
    EXPECT_EQ(control["owner_id"], "P-1");
    EXPECT_EQ(control["department_id"], "IT");
    EXPECT_EQ(store.get("person", "P-1")["name"], "P-1");
    EXPECT_EQ(store.get("department", "IT")["name"], "IT");
    // The rows the migration wrote (and those written before the change log existed) are logged,
    // so the migrated store replays and verifies.
    auto report = store.verify();
    EXPECT_TRUE(report.ok()) << (report.problems.empty() ? "" : report.problems.front());
}

// docs/data-model.md's field tables and link-view table are what the model gives (`make schema`
// writes them).
TEST(StoreModel, DataModelPageHoldsTheGeneratedTables) {
    const std::string page =
        ims::test::read_all(std::string(IMS_SOURCE_DIR) + "/docs/data-model.md");
    EXPECT_EQ(ims::store::refresh_data_model_page(page), page)
        << "docs/data-model.md is stale; run `make schema`";
}

// The `code` spans of a Markdown table cell, e.g. {"owner", "department"}.
std::vector<std::string> code_spans(const std::string& cell) {
    std::vector<std::string> out;
    for (auto open = cell.find('`'); open != std::string::npos; open = cell.find('`', open + 1)) {
        const auto close = cell.find('`', open + 1);
        if (close == std::string::npos) break;
        out.push_back(cell.substr(open + 1, close - open - 1));
        open = close;
    }
    return out;
}

// The columns sdk/schema/v1/views.md documents for each view it describes are the view's own,
// with their declared types ("INTEGER (0/1)" for a computed column, which has none).
TEST(StoreModel, ViewsPageDocumentsEachViewsColumnsAndTypes) {
    const std::string page =
        ims::test::read_all(std::string(IMS_SOURCE_DIR) + "/sdk/schema/v1/views.md");
    ims::store::Database db(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    for (const auto& step : ims::store::migrations()) db.exec(step);
    int views = 0;
    for (auto at = page.find("\n## v1_"); at != std::string::npos;
         at = page.find("\n## v1_", at + 1)) {
        ++views;
        const std::string view = page.substr(at + 4, page.find('\n', at + 1) - at - 4);
        std::map<std::string, std::string> documented;  // column -> type
        std::istringstream section(page.substr(at, page.find("\n## ", at + 1) - at));
        for (std::string row; std::getline(section, row);) {
            if (row.rfind("| `", 0) != 0) continue;  // a column row: | `name` | TYPE | meaning |
            const auto type_at = row.find(" | ") + 3;
            const std::string type = row.substr(type_at, row.find(" | ", type_at) - type_at);
            for (const auto& name : code_spans(row.substr(0, type_at))) documented[name] = type;
        }
        std::map<std::string, std::string> actual;
        ims::store::Statement columns(db, "SELECT name, type FROM pragma_table_info(?1)");
        columns.bind(1, view);
        while (columns.step())
            actual[columns.text(0)] = columns.text(1).empty() ? "INTEGER (0/1)" : columns.text(1);
        EXPECT_EQ(documented, actual) << view;
    }
    EXPECT_EQ(views, 9);
}

// Every v1 view a store has is documented: the foundation views in sdk/schema/v1/views.md, every
// other entity's view and link view in docs/data-model.md.
TEST(StoreModel, EveryViewIsDocumented) {
    const std::string views =
        ims::test::read_all(std::string(IMS_SOURCE_DIR) + "/sdk/schema/v1/views.md");
    const std::string model =
        ims::test::read_all(std::string(IMS_SOURCE_DIR) + "/docs/data-model.md");
    ims::store::Database db(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    for (const auto& step : ims::store::migrations()) db.exec(step);
    ims::store::Statement stmt(db, "SELECT name FROM sqlite_schema WHERE type = 'view'");
    while (stmt.step()) {
        const std::string name = stmt.text(0);
        EXPECT_TRUE(views.find("\n## " + name + "\n") != std::string::npos ||
                    model.find("`" + name + "`") != std::string::npos)
            << name << " is documented nowhere";
    }
}

}  // namespace
