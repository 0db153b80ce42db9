// How import problems are collected and worded: every problem of an import is reported at once,
// each naming the file, the line or JSON pointer, the row and the field. Internal to libims_core.
#pragma once

#include "ims/core/exchange.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ims::exchange {

class Problems {
public:
    void add(std::string problem);
    // A sentence that helps with several problems, such as a list of valid names: printed once,
    // after the problems, however many add it.
    void note(std::string sentence);
    bool empty() const { return problems_.empty(); }
    // Throws ims::Error(kInvalidInput) with every problem, one per line, when there is any.
    void throw_if_any() const;

private:
    std::vector<std::string> problems_;
    std::vector<std::string> notes_;
    std::size_t dropped_ = 0;
};

// The row's id as the store will know it ("" while its key fields are missing).
std::string row_id(const SourceRow& row);

// Where a row (and, in JSON, its field) is: "people.csv:14" or "acme.json: /people/3/email".
std::string place(const SourceRow& row, std::string_view field = {});

// "people.csv:14: person 'P-014', field 'email': " or "acme.json: /people/3/email: person 'P-014': ";
// without a field, the row alone.
std::string locate(const SourceRow& row, std::string_view field = {});

}  // namespace ims::exchange
