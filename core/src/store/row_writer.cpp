// The column-by-column write path: cells bound straight into cached statements, compared with the
// stored row without building JSON, and serialised once for the change log in the exact bytes
// nlohmann::json::dump() gives (so `ims verify` re-derives them from the table).
#include "store/row_writer.hpp"

#include "formats/json_writer.hpp"
#include "ims/core/error.hpp"

#include <charconv>

namespace ims::store {
namespace {

void append_integer(std::string& out, int64_t value) {
    char digits[24];
    auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    out.append(digits, end);
}

}  // namespace

void set_cell(Cell& cell, const nlohmann::json& value) {
    if (value.is_null()) {
        cell.set_null();
    } else if (value.is_boolean()) {
        cell.set_integer(value.get<bool>() ? 1 : 0);
    } else if (value.is_number_integer()) {
        cell.set_integer(value.get<int64_t>());
    } else if (value.is_array()) {
        cell.kind = Cell::Kind::kList;
        cell.text = "[";
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (i) cell.text += ',';
            formats::append_json_string(cell.text, value[i].get_ref<const std::string&>());
        }
        cell.text += ']';
    } else {
        cell.set_text(value.get_ref<const std::string&>());
    }
}

nlohmann::json json_of(const Cell& cell, const model::Field* field) {
    switch (cell.kind) {
        case Cell::Kind::kNull:
            return nullptr;
        case Cell::Kind::kInteger:
            if (field && field->type == model::FieldType::kBoolean) return cell.integer != 0;
            return cell.integer;
        case Cell::Kind::kList:
            return nlohmann::json::parse(cell.text);
        case Cell::Kind::kText:
            break;
    }
    return cell.text;
}

std::string payload_of(const TableSql& table, const Cells& row) {
    std::string out;
    out.reserve(256);
    out += '{';
    bool first = true;
    for (std::size_t i : table.by_name) {
        const Cell& cell = row[i];
        if (cell.kind == Cell::Kind::kNull) continue;
        if (!first) out += ',';
        first = false;
        out += table.payload_keys[i];
        const model::Field* field = table.columns[i].field;
        switch (cell.kind) {
            case Cell::Kind::kInteger:
                if (field && field->type == model::FieldType::kBoolean)
                    out += cell.integer ? "true" : "false";
                else
                    append_integer(out, cell.integer);
                break;
            case Cell::Kind::kList:
                out += cell.text;
                break;
            default:
                formats::append_json_string(out, cell.text);
        }
    }
    out += '}';
    return out;
}

RowWriter::RowWriter(WriteTxn& txn, const model::Entity& entity)
    : txn_(txn),
      entity_(entity),
      table_(table_sql(entity)),
      select_(txn.db_.cached(table_.select_rowid_by_id)),
      insert_(txn.db_.cached(table_.insert)),
      upsert_(txn.db_.cached(table_.upsert)),
      rowid_(txn.db_.cached(table_.rowid_by_id)) {}

void RowWriter::defer_foreign_keys(WriteTxn& txn) {
    txn.db_.exec("PRAGMA defer_foreign_keys = ON");
}

void RowWriter::skip_check_constraints(WriteTxn& txn, bool skip) {
    txn.db_.exec(skip ? "PRAGMA ignore_check_constraints = ON"
                      : "PRAGMA ignore_check_constraints = OFF");
}

void RowWriter::read_cells(sqlite3_stmt* stmt, int first_column, Cells& row) const {
    row.resize(table_.columns.size());
    for (std::size_t i = 0; i < table_.columns.size(); ++i) {
        const int column = first_column + static_cast<int>(i);
        Cell& cell = row[i];
        const model::Field* field = table_.columns[i].field;
        const int type = sqlite3_column_type(stmt, column);
        if (type == SQLITE_NULL) {
            cell.set_null();
        } else if (type == SQLITE_INTEGER) {
            cell.set_integer(sqlite3_column_int64(stmt, column));
        } else {
            const auto* bytes = reinterpret_cast<const char*>(sqlite3_column_text(stmt, column));
            cell.text.assign(bytes ? bytes : "",
                             static_cast<std::size_t>(sqlite3_column_bytes(stmt, column)));
            cell.kind = field && field->is_list() ? Cell::Kind::kList : Cell::Kind::kText;
        }
    }
}

bool RowWriter::read(std::string_view id, Cells& row, int64_t& rowid) {
    select_.reset();
    select_.bind(1, id);
    const bool found = select_.step();
    if (found) {
        rowid = sqlite3_column_int64(select_.get(), 0);
        read_cells(select_.get(), 1, row);
    }
    select_.reset();
    return found;
}

int64_t RowWriter::rowid_of(std::string_view id) {
    rowid_.reset();
    rowid_.bind(1, id);
    const int64_t rowid = rowid_.step() ? rowid_.integer(0) : 0;
    rowid_.reset();
    return rowid;
}

void RowWriter::bind_all(Statement& stmt, const Cells& row) {
    stmt.reset();
    for (std::size_t i = 0; i < row.size(); ++i) {
        const int index = static_cast<int>(i + 1);
        const Cell& cell = row[i];
        if (cell.kind == Cell::Kind::kNull)
            stmt.bind_null(index);
        else if (cell.kind == Cell::Kind::kInteger)
            stmt.bind(index, cell.integer);
        else
            stmt.bind_unowned(index, cell.text);
    }
}

namespace {

// Runs a write; a violated constraint names the row, other failures (disk full, busy) pass as
// they are.
void run_write(Statement& stmt, const model::Entity& entity, const std::string& id) {
    try {
        stmt.run();
    } catch (const Error& e) {
        if (e.code() != ErrorCode::kInvalidInput) throw;
        throw Error(ErrorCode::kInvalidInput,
                    std::string(entity.name) + " '" + id + "' cannot be written: " + e.what());
    }
}

}  // namespace

std::string RowWriter::payload(const Cells& row) const {
    try {
        return payload_of(table_, row);
    } catch (const Error&) {
        throw Error(ErrorCode::kInvalidInput, std::string(entity_.name) + " '" + row[0].text +
                                                  "': a value is not valid UTF-8");
    }
}

bool RowWriter::insert(const Cells& row, int64_t& rowid) {
    std::string logged = payload(row);  // before the write: text that is not UTF-8 writes nothing
    bind_all(insert_, row);
    run_write(insert_, entity_, row[0].text);
    insert_.reset();  // it points into `row`
    if (sqlite3_changes(txn_.db_.get()) == 0) return false;
    rowid = sqlite3_last_insert_rowid(txn_.db_.get());
    txn_.append_log(entity_.name, row[0].text, "insert", std::move(logged));
    return true;
}

void RowWriter::update(const Cells& row, const Cells& stored, std::vector<std::size_t>& changed) {
    changed.clear();
    for (std::size_t i = 1; i < row.size(); ++i)
        if (!(row[i] == stored[i])) changed.push_back(i);
    if (changed.empty()) return;
    std::string logged = payload(row);
    bind_all(upsert_, row);
    run_write(upsert_, entity_, row[0].text);
    upsert_.reset();
    txn_.append_log(entity_.name, row[0].text, "update", std::move(logged));
}

}  // namespace ims::store
