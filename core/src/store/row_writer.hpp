// The store's one row write path, column by column: reading a row by id, inserting a new one,
// rewriting a changed one, each write with its change-log entry whose payload is serialised once.
// Used by WriteTxn::put and by the records API (core/src/records), which writes every imported row.
#pragma once

#include "ims/core/model.hpp"
#include "ims/core/store.hpp"
#include "store/rows.hpp"
#include "store/sqlite.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ims::store {

// One column's value as the write path binds, compares and logs it. Booleans are integers 0 and 1
// (their field makes the log say true or false); a list is its JSON array text, as stored.
struct Cell {
    enum class Kind : uint8_t { kNull, kText, kInteger, kList };
    Kind kind = Kind::kNull;
    int64_t integer = 0;
    std::string text;

    bool operator==(const Cell& other) const {
        if (kind != other.kind) return false;
        return kind == Kind::kInteger ? integer == other.integer : text == other.text;
    }
    void set_null() { kind = Kind::kNull; }
    void set_text(std::string_view value) {
        kind = Kind::kText;
        text.assign(value);
    }
    void set_integer(int64_t value) {
        kind = Kind::kInteger;
        integer = value;
    }
};

// A row in the order of its table's columns (TableSql::columns; the id first).
using Cells = std::vector<Cell>;

// The cell a checked JSON value is stored as (null -> kNull). Throws ims::Error(kInvalidInput)
// for a list item that is not UTF-8.
void set_cell(Cell& cell, const nlohmann::json& value);
// The JSON value of a cell, as row_from reads it back.
nlohmann::json json_of(const Cell& cell, const model::Field* field);

// The row as the change log's payload: the JSON object nlohmann::json::dump() writes for the row
// as row_from reads it (keys sorted, NULL columns left out), built without a JSON tree.
std::string payload_of(const TableSql& table, const Cells& row);

// Writes rows of one entity inside a WriteTxn. Statements stay compiled for the connection's life.
class RowWriter {
public:
    RowWriter(WriteTxn& txn, const model::Entity& entity);

    // Until the transaction ends, SQLite checks foreign keys at commit instead of at each write,
    // so that a row may refer to one written after it in the same transaction.
    static void defer_foreign_keys(WriteTxn& txn);
    // While on, SQLite skips the tables' CHECK constraints, for writers that checked every value
    // against the model (which the constraints repeat): SQLite evaluates a CHECK of the form
    // `x IN ('a', 'b', 'c')` by building a temporary table for every row written, which made up
    // a fifth of an import's time. NOT NULL, keys and foreign keys still apply.
    static void skip_check_constraints(WriteTxn& txn, bool skip);

    const model::Entity& entity() const { return entity_; }
    const TableSql& table() const { return table_; }

    // Reads the stored row with this id into `row` and its rowid into `rowid`; false when none.
    bool read(std::string_view id, Cells& row, int64_t& rowid);
    // The rowid of the stored row with this id, or 0 when there is none.
    int64_t rowid_of(std::string_view id);
    // Inserts `row` when no row has its id (and logs it); false, writing nothing, when one has.
    bool insert(const Cells& row, int64_t& rowid);
    // Rewrites the stored row `stored` as `row` (same id) when they differ, and logs it. Fills
    // `changed` with the indexes of the columns that differ; empty: nothing was written.
    void update(const Cells& row, const Cells& stored, std::vector<std::size_t>& changed);

private:
    std::string payload(const Cells& row) const;
    void bind_all(Statement& stmt, const Cells& row);
    void read_cells(sqlite3_stmt* stmt, int first_column, Cells& row) const;

    WriteTxn& txn_;
    const model::Entity& entity_;
    const TableSql& table_;
    Statement& select_;
    Statement& insert_;
    Statement& upsert_;
    Statement& rowid_;
};

}  // namespace ims::store
