// The Statement of Applicability: every control of a standard's annex with the organisation's
// decision (applicable, justification, implementation status), the controls implementing it and
// their current evidence. A missing decision is reported as missing, never guessed.
#pragma once

#include "ims/core/catalog.hpp"
#include "ims/core/output_file.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ims::store {
class Store;
}

namespace ims::soa {

struct LinkedControl {
    std::string id;
    std::string title;
    std::string status;  // planned | implemented | retired
    std::vector<std::string> current_evidence;
};

struct Row {
    const catalog::Requirement* requirement = nullptr;
    const catalog::Requirement* group = nullptr;  // the theme / table it sits in
    bool decided = false;                          // false: no SoA entry in the store
    bool applicable = false;
    std::string justification;
    std::string implementation_status;
    std::vector<LinkedControl> controls;
};

struct Statement {
    const catalog::Standard* standard = nullptr;
    std::string as_of;
    std::vector<Row> rows;  // catalog order
    int decided = 0, applicable = 0, excluded = 0, missing = 0;
};

// Rows are the requirements of kind "control" of `standard`, read in one read transaction of
// `store`, so that they are one snapshot of it.
Statement build(const store::Store& store, const catalog::Standard& standard,
                const std::string& as_of);

// Writers; each returns the whole document as bytes (the caller writes it atomically),
// except xlsx, which libxlsxwriter writes itself into an io::OutputFile's temporary file.
std::string to_csv(const Statement& soa);
std::string to_markdown(const Statement& soa);
std::string to_html(const Statement& soa);
void write_xlsx(const Statement& soa, const std::string& path, io::Existing existing);

}  // namespace ims::soa
