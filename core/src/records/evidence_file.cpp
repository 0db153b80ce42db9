// Evidence files for the vault, opened once; the refusals name what to change.
#include "records/evidence_file.hpp"

#include "ims/core/error.hpp"

#include <filesystem>

namespace ims::records {

EvidenceFile open_evidence_file(const std::optional<std::string>& inside,
                                const std::string& given) {
    if (!inside) {
        try {
            return {util::open_regular_file(given), given, {}};
        } catch (const Error& e) {
            return {{}, given, e.what()};
        }
    }
    const std::string file = (std::filesystem::path(*inside) / given).string();
    util::OpenedInside opened = util::open_inside(*inside, given);
    auto refused = [&](std::string why) { return EvidenceFile{{}, file, std::move(why)}; };
    switch (opened.refusal) {
        case util::Refusal::kNone:
            return {std::move(opened.fd), file, {}};
        case util::Refusal::kAbsolute:
            return refused("'" + given +
                           "' is an absolute path; give a path relative to the import file");
        case util::Refusal::kParent:
            return refused("'" + given +
                           "' leads outside the import file's folder; keep evidence files beside "
                           "or below it");
        case util::Refusal::kSymlink:
            return refused("'" + given + "': '" + opened.component +
                           "' is a symbolic link; evidence files must be regular files inside the "
                           "import file's folder, reached without links");
        case util::Refusal::kNotAFolder:
            return refused("'" + given + "': '" + opened.component + "' is not a folder");
        case util::Refusal::kMissing:
            return refused(file + ": no such file (paths are relative to the import file)");
        case util::Refusal::kNotARegularFile:
            return refused(file + ": not a regular file");
        case util::Refusal::kUnreadable:
            return refused(file + ": cannot read the file: " + opened.reason);
    }
    return refused(file + ": cannot read the file");
}

}  // namespace ims::records
