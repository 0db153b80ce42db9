// A read-only connection for checks and plugins: it may read the v1_* views and nothing else
// (enforced by an SQLite authorizer), and a progress handler stops a query past its deadline.
// All its queries read one snapshot of the store, taken when it was opened.
// One QueryConnection per thread.
#pragma once

#include "store/sqlite.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace ims::store {

struct QueryRow {
    const std::vector<std::string>& names;
    const std::vector<std::optional<std::string>>& values;
};

class QueryConnection {
public:
    explicit QueryConnection(const std::string& store_path);

    // Stops any query once `deadline` has passed (time_point::max() for none).
    void set_deadline(std::chrono::steady_clock::time_point deadline) { deadline_ = deadline; }

    // Runs one SELECT with named parameters bound as text (":as_of" -> value; parameters the SQL
    // does not use are ignored). on_row returns false to stop early. Throws
    // ims::Error(kInvalidInput) with SQLite's message when the SQL is invalid, reads anything but
    // v1 views, or times out.
    void query(const std::string& sql, const std::map<std::string, std::string>& params,
               const std::function<bool(const QueryRow&)>& on_row);

private:
    static int authorize(void* self, int action, const char* a, const char* b, const char* c,
                         const char* d);
    static int progress(void* self);

    Database db_;
    std::chrono::steady_clock::time_point deadline_ = std::chrono::steady_clock::time_point::max();
    std::string denied_;
    std::set<std::string> view_tables_;  // tables read on behalf of a v1 view in this statement
};

}  // namespace ims::store
