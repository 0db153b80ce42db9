#include "output.hpp"

#include "ims/core/error.hpp"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <ostream>

namespace ims::cli {

std::vector<OutputSpec> outputs_of(const QCommandLineParser& parser, const std::vector<std::string>& allowed,
                                   const std::vector<std::string>& needs_path, const std::string& fallback) {
    std::vector<OutputSpec> specs;
    for (const auto& value : parser.values("output")) {
        std::string text = to_std(value);
        auto colon = text.find(':');
        OutputSpec spec{text.substr(0, colon), colon == std::string::npos ? "" : text.substr(colon + 1)};
        if (std::find(allowed.begin(), allowed.end(), spec.format) == allowed.end()) {
            std::string list;
            for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
            throw UsageError{"--output " + text + ": unknown format '" + spec.format + "'; expected one of " + list};
        }
        if (colon != std::string::npos && spec.path.empty())
            throw UsageError{"--output " + text + ": the path after ':' is empty"};
        if (spec.path.empty() && std::find(needs_path.begin(), needs_path.end(), spec.format) != needs_path.end())
            throw UsageError{"--output " + spec.format + " needs a file: --output " + spec.format + ":PATH"};
        specs.push_back(spec);
    }
    if (specs.empty()) specs.push_back({fallback, ""});
    if (parser.isSet("force"))
        for (auto& spec : specs) spec.existing = io::Existing::kReplace;
    if (std::count_if(specs.begin(), specs.end(), [](const OutputSpec& s) { return s.path.empty(); }) > 1)
        throw UsageError{"at most one --output may go to stdout; give the others a :PATH"};
    return specs;
}

void check_targets(const QCommandLineParser& parser, const std::vector<OutputSpec>& outputs) {
    for (const auto& spec : outputs) {
        if (spec.path.empty()) continue;
        io::check_output_target(spec.path);
        if (!parser.isSet("force") && std::filesystem::exists(spec.path))
            throw UsageError{spec.path + " already exists; use --force to overwrite it"};
    }
}

std::string stdout_failure() {
    pollfd out{STDOUT_FILENO, POLLOUT, 0};
    const bool reader_gone = ::poll(&out, 1, 0) == 1 && (out.revents & POLLERR) != 0;
    return std::string("cannot write to standard output") +
           (reader_gone ? " (its reader closed the pipe)" : "");
}

Output::Output(const Invocation& inv, const OutputSpec& spec) : out_(inv.out) {
    if (!spec.path.empty()) file_ = std::make_unique<io::OutputFile>(spec.path, spec.existing);
}

void Output::write(std::string_view bytes) {
    if (file_) return file_->write(bytes);
    out_.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    // Stop at once: a report of hundreds of megabytes should not be computed for a closed pipe.
    if (!out_) throw Error(ErrorCode::kIo, stdout_failure());
}

void Output::commit() {
    if (file_) file_->commit();
}

void write_output(const Invocation& inv, const OutputSpec& spec, const std::string& bytes) {
    Output out(inv, spec);
    out.write(bytes);
    out.commit();
}

}  // namespace ims::cli
