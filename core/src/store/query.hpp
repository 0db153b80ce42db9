// A read-only connection for checks and plugins: it may read the v1_* views and nothing else, and a
// progress handler stops a query past its deadline. All its queries read one snapshot of the
// store, taken when it was opened. Used by the native check runner. One QueryConnection per
// thread.
#pragma once

#include "ims/core/store.hpp"
#include "store/sqlite.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace ims::store {

// A value bound to a named parameter: text, or a number that SQL compares as a number (a check's
// integer, number and boolean parameters; `:days > 3` would compare text with an integer).
struct BoundValue {
    enum class Type { kText, kInteger, kReal };
    BoundValue(std::string value, Type value_type = Type::kText)
        : text(std::move(value)), type(value_type) {}
    BoundValue(const char* value) : text(value) {}
    std::string text;
    Type type = Type::kText;
};
using BoundValues = std::map<std::string, BoundValue>;

struct QueryRow {
    const std::vector<std::string>& names;
    const std::vector<std::optional<std::string>>& values;
};

// Every statement is compiled twice, and runs only when both pass. On the store, an authorizer
// that allows SELECT, function calls other than the few that reach outside the query, and reads
// is not enough: SQLite reports the reads a view makes of its tables, once the view is flattened
// into the query, without saying which view asked, so it cannot tell `count(*) FROM v1_controls`
// from `count(*) FROM v1_controls, controls`. Hence the probe, where each statement is compiled
// first: an in-memory database that holds nothing but table-less stand-ins of the store's v1
// views (same names, same columns), under an authorizer that allows reads of those stand-ins and
// of json_each/json_tree only. As the stand-ins read no table, any table read there, in a join,
// subquery, CTE of any name, count(*), EXISTS or window, is one the statement names itself, and
// is refused.
class QueryConnection {
public:
    // A connection of its own to the open `store`'s file (the authorizers and the progress handler
    // must not reach the store's other reads), read-only, in one read transaction.
    explicit QueryConnection(const Store& store);
    // The authorizers and the progress handler hold `this`.
    QueryConnection(const QueryConnection&) = delete;
    QueryConnection& operator=(const QueryConnection&) = delete;

    // Stops any query once `deadline` has passed (time_point::max() for none).
    void set_deadline(std::chrono::steady_clock::time_point deadline) { deadline_ = deadline; }

    // Runs one SELECT with named parameters bound (":as_of" -> value; parameters the SQL does
    // not use are ignored). on_row returns false to stop early. Throws
    // ims::Error(kInvalidInput) with SQLite's message when the SQL is invalid, with a sentence
    // naming what was denied when it does anything but read the v1 views, or when it runs past the
    // deadline.
    void query(const std::string& sql, const BoundValues& params,
               const std::function<bool(const QueryRow&)>& on_row);

    // Compiles `sql` on the probe as query() would, without running it: throws the same errors.
    void check(const std::string& sql);

    // Whether the read transaction begun at opening is still open: every query still reads the
    // snapshot taken then.
    bool in_snapshot() const { return sqlite3_get_autocommit(db_.get()) == 0; }

    // The v1 views that the statements compiled since the last call read, in lower case, as the
    // probe's authorizer saw them (a view read through another view counts once, by its name).
    std::set<std::string> take_views_read();

private:
    enum class Stage { kProbe, kRun };

    void build_probe();
    static void register_eponymous_tables(Database& db);
    void check_on_probe(const std::string& sql);
    // Throws the refusal `denied` or, without one, `message` (by default `db`'s last error).
    [[noreturn]] void fail(sqlite3* db, const std::string& denied, std::string message = {});
    std::string judge(Stage stage, int action, const char* a, const char* b, const char* context);
    template <Stage kStage>
    static int authorize(void* self, int action, const char* a, const char* b, const char* c,
                         const char* context);
    static int progress(void* self);

    Database db_;
    Database probe_;
    std::set<std::string> views_;  // the store's v1 view names
    std::chrono::steady_clock::time_point deadline_ = std::chrono::steady_clock::time_point::max();
    std::string denied_;  // what the authorizer denied in the statement being compiled
    std::set<std::string> views_read_;
};

}  // namespace ims::store
