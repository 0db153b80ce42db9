// The one way ims writes an output file (exports, reports, the SoA, files out of the vault): into
// a temporary file beside the target, every write checked, synced, then renamed into place, so a
// target is either the complete new file or untouched. Used by every command that writes a file.
// An OutputFile is used by one thread at a time.
#pragma once

#include <string>
#include <string_view>

namespace ims::io {

// What to do when the target already exists.
enum class Existing {
    kRefuse,   // fail with Error(kConflict); checked atomically when the file is put in place
    kReplace,  // replace it in one rename (the --force of the commands)
};

// Refuses, with Error(kConflict), a target no output may ever replace, even with --force: an
// SQLite database (such as an ims store) or an SQLite WAL or rollback journal.
void check_output_target(const std::string& path);

// Where a document goes as it is written, piece by piece: a file being written (OutputFile) or
// standard output. Streaming writers (export, coverage) write through one, so that no output is
// held whole in memory.
class Sink {
public:
    virtual ~Sink() = default;
    // Appends bytes; throws ims::Error(kIo) naming the target and the cause when they cannot be
    // written.
    virtual void write(std::string_view bytes) = 0;
};

// A file being written. Nothing appears at `path` until commit() succeeds; destroying an
// OutputFile that was not committed removes the temporary file. Every failure throws
// Error(kIo) naming the path and the cause ("disk full" for ENOSPC and EDQUOT), after which the
// temporary file is gone and the target is as it was.
//
//   io::OutputFile out("report.csv", io::Existing::kReplace);
//   out.write(header);
//   for (...) out.write(row);
//   out.commit();
class OutputFile : public Sink {
public:
    OutputFile(std::string path, Existing existing);
    ~OutputFile() override;
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    // Appends bytes (buffered; a failure may surface at a later write or at commit).
    void write(std::string_view bytes) override;
    // Where a library that writes a file by name (libxlsxwriter) writes instead of the target.
    // It must have closed the file, and its result must have been checked, before commit().
    const std::string& temp_path() const { return temp_path_; }
    // Flushes, syncs and closes the file, puts it at the target and syncs the folder.
    void commit();

    const std::string& path() const { return path_; }

private:
    void flush();
    void put_in_place();
    [[noreturn]] void fail(const std::string& what, int error);
    void discard() noexcept;

    std::string path_;
    std::string temp_path_;
    Existing existing_;
    int fd_ = -1;
    std::string buffer_;
};

// Writes a whole file at once through an OutputFile.
void write_output_file(const std::string& path, std::string_view bytes, Existing existing);

// Creates `path` and its missing parents; Error(kIo) naming the folder and the cause.
void create_folders(const std::string& path);

// How the cause of a failed system call reads in a message: "disk full (No space left on
// device)" for ENOSPC and EDQUOT, otherwise the system's text.
std::string describe_errno(int error);
// Whether an errno value means the disk (or the user's quota) is full: ENOSPC or EDQUOT.
bool is_disk_full(int error);

}  // namespace ims::io
