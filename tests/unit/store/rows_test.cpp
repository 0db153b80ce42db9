// A row's logged form (store/rows.hpp), which `ims verify` compares with the change log, is the
// same text as the dump of the row read as JSON, for every kind of column and for damaged text.
#include "store/rows.hpp"
#include "ims/core/model.hpp"
#include "ims/core/store.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace {

using ims::store::Store;

// Every row of `entity`: the logged form next to row_from(...).dump() with invalid UTF-8 replaced.
void expect_logged_form_is_the_dump(const Store& store, const char* entity) {
    const auto& type = ims::model::entity(entity);
    auto db = ims::test::open_raw(store.path());
    ims::store::Statement stmt(db, ims::store::table_sql(type).select + " ORDER BY id");
    int rows = 0;
    while (stmt.step()) {
        ++rows;
        EXPECT_EQ(ims::store::logged_form(stmt, type),
                  ims::store::row_from(stmt, type)
                      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
    EXPECT_GT(rows, 0) << entity;
}

TEST(LoggedForm, IsTheDumpOfTheRowForEveryKindOfColumn) {
    ims::test::TempDir dir;
    const std::string path = dir.file("a.ims");
    {
        Store store = Store::create(path, "Acme \"Ltd\" \\ é\t✓", "test");
        store.write("test", [](ims::store::WriteTxn& txn) {
            txn.put("risk", {{"id", "R-1"},
                             {"title", "line\nbreak \u0001"},
                             {"likelihood", 3},
                             {"impact", 5},
                             {"status", "open"},
                             {"asset_ids", {"A-1", "A-2"}},
                             {"control_ids", nlohmann::json::array()}});
            txn.put("incident", {{"id", "I-1"},
                                 {"title", "Phish"},
                                 {"severity", "low"},
                                 {"detected_at", "2026-01-19T10:05:00+02:00"},
                                 {"personal_data_breach", false},
                                 {"high_risk_to_subjects", true}});
        });
    }
    // Text that is not UTF-8 and a list spaced as ims never writes it, as a hand edit leaves them.
    ims::test::tamper(path,
                      "UPDATE risks SET threat = CAST(X'6F6BC0AF' AS TEXT), "
                      "asset_ids = '[ \"A-1\" ,  \"A-2\" ]' WHERE id = 'R-1'");
    const Store store = Store::open(path, Store::Mode::kReadOnly);
    for (const char* entity : {"organisation", "risk", "incident"})
        expect_logged_form_is_the_dump(store, entity);
}

}  // namespace
