// Standards and their requirements as the loaded plugins ship them (catalog.json files), and the
// sync of a standard's catalog into a store when the organisation adopts it.
// A Library is built once from a PluginHost and is read-only afterwards.
#pragma once

#include "ims/core/plugins.hpp"


#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ims::store {
class WriteTxn;
}

namespace ims::catalog {

struct Requirement {
    std::string id;  // "<standard>/<ref>"
    std::string ref;
    std::string parent_ref;  // empty for top-level nodes
    std::string kind;
    std::string title;
    std::string summary;
    std::string text;  // legal text where the catalog ships it (laws only)
    std::string attributes;  // the catalog's "attributes" object as compact JSON; empty when none
};

struct Standard {
    std::string id;
    std::string short_title;
    std::string title;
    std::string publisher;
    std::string published;
    std::string source;
    std::string plugin_id;
    std::string plugin_version;
    std::string file;            // the catalog file it came from
    std::string content_sha256;  // of the catalog file's bytes
    std::vector<Requirement> requirements;  // document order
};

// Reads and validates one catalog file; throws ims::Error(kInvalidInput) naming the file and the
// JSON pointer of the first problem.
Standard load_catalog(const std::string& path);
// The same for a catalog's bytes; `path` names them in messages and in Standard::file.
Standard parse_catalog(std::string_view bytes, const std::string& path);

class Library {
public:
    explicit Library(const plugins::PluginHost& host);
    // Moves keep every Requirement where it is; a copy would point into the original.
    Library(const Library&) = delete;
    Library& operator=(const Library&) = delete;
    Library(Library&&) = default;
    Library& operator=(Library&&) = default;

    const std::vector<Standard>& standards() const { return standards_; }
    const Standard* find(const std::string& standard_id) const;
    // The requirement with full id "<standard>/<ref>", or nullptr.
    const Requirement* find_requirement(const std::string& requirement_id) const;
    // Problems with catalogs of loaded plugins, one sentence each (the plugin stays loaded).
    const std::vector<std::string>& problems() const { return problems_; }

private:
    std::vector<Standard> standards_;
    std::vector<std::string> problems_;
    // Every requirement by id, for find_requirement: an import looks one up per row.
    std::map<std::string, const Requirement*, std::less<>> requirements_;
};

// Writes the standard and its requirements into the store (through the one write path).
// Rows that did not change produce no change-log entries.
void sync_standard(store::WriteTxn& txn, const Standard& standard);

}  // namespace ims::catalog
