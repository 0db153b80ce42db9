// --output FORMAT[:PATH] handling shared by the commands that write reports: parsing, the
// one-output-to-stdout rule, and atomic file writes that never overwrite without --force.
#pragma once

#include "cli.hpp"
#include "ims/core/output_file.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ims::cli {

struct OutputSpec {
    std::string format;
    std::string path;  // empty: stdout
    io::Existing existing = io::Existing::kRefuse;  // kReplace with --force
};

// Parses every --output; checks formats against `allowed` and that at most one goes to stdout.
// With --force, each output may replace an existing file.
// `needs_path` lists formats that cannot go to stdout (binary ones). Defaults to `fallback`.
std::vector<OutputSpec> outputs_of(const QCommandLineParser& parser, const std::vector<std::string>& allowed,
                                   const std::vector<std::string>& needs_path, const std::string& fallback);
// Refuses a target that no output may replace (an ims store: ims::Error kConflict), and
// (UsageError) one that exists when --force is not set. Call before the work that writes.
void check_targets(const QCommandLineParser& parser, const std::vector<OutputSpec>& outputs);
// Why stdout could not be written, for the message: "cannot write to standard output", and
// "(its reader closed the pipe)" when it is a pipe nobody reads any more (`ims export STORE | head`).
std::string stdout_failure();

// One output written piece by piece: to stdout, or through io::OutputFile to a file that appears,
// complete, only when commit() succeeds (a failure throws ims::Error kIo naming the path and the
// cause; stdout that cannot be written is kIo too).
class Output : public io::Sink {
public:
    Output(const Invocation& inv, const OutputSpec& spec);
    void write(std::string_view bytes) override;
    void commit();

private:
    std::ostream& out_;
    std::unique_ptr<io::OutputFile> file_;
};

// Writes `bytes` to stdout or atomically to the path through io::OutputFile (ims::Error kIo on
// failure, naming the path and the cause).
void write_output(const Invocation& inv, const OutputSpec& spec, const std::string& bytes);

}  // namespace ims::cli
