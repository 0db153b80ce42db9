// Relations between requirements of different standards (NIST OLIR types), read from the
// mapping files of loaded plugins, and the inference of multi-hop relations through pivots
// such as the Harmonized Structure. Every inferred relation keeps each path it came by.
// A MappingGraph is built once and is read-only afterwards; safe to share between threads.
#pragma once

#include "ims/core/catalog.hpp"
#include "ims/core/plugins.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ims::mappings {

enum class Relation { kEqual, kSubset, kSuperset, kIntersect };

std::string_view to_string(Relation relation);
// The relation seen from the other side: subset <-> superset.
Relation reverse(Relation relation);
// The relation of a to c given a~b and b~c. Anything mixed degrades to intersect.
Relation compose(Relation first, Relation second);

// One mapping row as shipped, or its reverse.
struct Edge {
    std::string source;
    std::string target;
    Relation relation = Relation::kIntersect;
    std::string rationale;
    std::string provenance;
    std::string plugin_id;
    bool reversed = false;  // true when the file states target -> source
};

// One row of a mapping file and its JSON pointer with a trailing '/' ("/relations/3/"), for
// messages about it.
struct MappingRow {
    Edge edge;
    std::string pointer;
};

// Reads a mapping file's bytes (`source` names them in messages): the format, the provenance and
// each row's form. Whether the requirements exist is the MappingGraph's check. Throws
// ims::Error(kInvalidInput) naming the JSON pointer of the first problem.
std::vector<MappingRow> parse_mapping(std::string_view text, const std::string& source,
                                      const std::string& plugin_id);

// One way of getting from a requirement to another, hop by hop.
struct Path {
    std::vector<Edge> hops;
    Relation relation = Relation::kEqual;  // composed over the hops
};

struct Related {
    std::string requirement_id;
    std::string standard_id;
    Relation relation = Relation::kIntersect;  // the strongest over all paths
    std::vector<Path> paths;                   // shortest first
};

class MappingGraph {
public:
    // Reads the mapping files of every loaded plugin. Rows towards a standard that is not
    // installed are skipped. A file with a malformed row, or a row naming a ref that the
    // installed catalog lacks, is reported in problems() and left out whole.
    MappingGraph(const plugins::PluginHost& host, const catalog::Library& library);

    // Every requirement related to `requirement_id` through at most `max_hops` relations,
    // never passing through the starting standard again nor visiting a standard twice.
    std::vector<Related> related(const std::string& requirement_id, int max_hops = 3) const;

    const std::vector<std::string>& problems() const { return problems_; }
    std::size_t edge_count() const { return edge_count_; }

private:
    std::map<std::string, std::vector<Edge>> out_;  // requirement id -> edges leaving it
    std::vector<std::string> problems_;
    std::size_t edge_count_ = 0;
};

// The standard id of a requirement id ("iso27001:2022/A.5.1" -> "iso27001:2022").
std::string standard_of(const std::string& requirement_id);

}  // namespace ims::mappings
