// Making an older-format store: the frozen migrations applied to a new file, then every table's
// rows copied from a current store through ATTACH.
#include "older_store.hpp"

#include "store/schema.hpp"
#include "store/sqlite.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace ims::test {
namespace {

std::vector<std::string> column_names(store::Database& db, const std::string& schema,
                                      const std::string& table) {
    std::vector<std::string> out;
    store::Statement stmt(db, "SELECT name FROM pragma_table_info(?1, ?2)");
    stmt.bind(1, table).bind(2, schema);
    while (stmt.step()) out.push_back(stmt.text(0));
    return out;
}

}  // namespace

void write_older_store(const std::string& current, const std::string& older, int format) {
    store::Database db(older, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA application_id = " + std::to_string(store::kApplicationId));
    for (int i = 0; i < format; ++i) db.exec(store::migrations()[static_cast<std::size_t>(i)]);
    db.exec("PRAGMA user_version = " + std::to_string(format));
    store::Statement attach(db, "ATTACH DATABASE ?1 AS current");
    attach.bind(1, current).run();
    std::vector<std::string> tables;
    store::Statement list(db,
                          "SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT "
                          "LIKE 'sqlite%'");
    while (list.step()) tables.push_back(list.text(0));
    for (const auto& table : tables) {
        const auto kept = column_names(db, "main", table);
        std::string columns;
        for (const auto& c : kept) columns += (columns.empty() ? "" : ", ") + c;
        for (const auto& c : column_names(db, "current", table)) {
            if (std::find(kept.begin(), kept.end(), c) != kept.end()) continue;
            store::Statement values(
                db, "SELECT count(*) FROM current." + table + " WHERE " + c + " IS NOT NULL");
            values.step();
            EXPECT_EQ(values.integer(0), 0)
                << table << "." << c << " is newer than store format " << format
                << ": give the older store's rows no value there";
        }
        db.exec("INSERT INTO main." + table + " (" + columns + ") SELECT " + columns +
                " FROM current." + table);
    }
}

}  // namespace ims::test
