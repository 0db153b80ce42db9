// Opening the file of an evidence row for the vault: inside the import's folder without symbolic
// links, or as the user named it. Internal to core/src/records.
#pragma once

#include "util/open_file.hpp"

#include <optional>
#include <string>

namespace ims::records {

struct EvidenceFile {
    util::UniqueFd fd;
    std::string name;     // the path for messages
    std::string problem;  // why it may not be read; empty when fd is open
};

// Opens `given`: with `inside`, as a path relative to that folder that must stay inside it,
// reached without symbolic links, so that an import cannot copy arbitrary files of the machine
// into the store (and out again by export); the vault then reads only through this descriptor,
// so a path swapped for a link after the check cannot lead elsewhere. Without, as the user
// named it.
EvidenceFile open_evidence_file(const std::optional<std::string>& inside, const std::string& given);

}  // namespace ims::records
