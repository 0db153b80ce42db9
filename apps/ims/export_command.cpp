// `ims export STORE --output json[:PATH]|csv:DIR`: every record of the store as an import
// document or CSV files, with the evidence files beside them, so that it imports into an empty
// store and exports again to the same bytes.
#include "ims/core/error.hpp"
#include "ims/core/exchange.hpp"
#include "ims/core/store.hpp"
#include "output.hpp"

#include <cerrno>
#include <filesystem>
#include <ostream>

#include <signal.h>
#include <unistd.h>

namespace ims::cli {
namespace {

int run_export(Invocation& inv, const QCommandLineParser& parser);

}  // namespace

const Command& export_command() {
    static const Command kCommand{
        .name = "export",
        .summary = "export every record as JSON or CSV, with the evidence files",
        .forms = {"STORE"},
        .description =
            R"(Writes the organisation's records (everything except the catalogs, which come from
plugins, and the change log, which is the store's own history) in the import format: one JSON
document, or one CSV file per non-empty collection in DIR. Rows are ordered by id and fields
follow the data model, so the output is the same for the same records: importing it into an
empty store and exporting again gives identical bytes. Evidence files are copied to
files/<sha256> beside the JSON file or inside DIR, and rows name them in 'file'; a JSON export
to stdout carries the sha256 only.
)",
        .options = {kOutputOption.with_help(
                        "json (a document; evidence files beside a PATH) or csv:DIR (needs a "
                        "folder); default json to stdout"),
                    kForceOption.with_help(
                        "overwrite the JSON file, or replace a DIR that holds an earlier export")},
        .examples = {"ims export acme.ims --output json:backup/acme.json",
                     "ims export acme.ims --output csv:acme-csv"},
        .run = run_export,
    };
    return kCommand;
}

namespace {

namespace fs = std::filesystem;
// Whether DIR holds only what an export writes (collection CSV files and files/<sha256>), so
// that --force may replace it without destroying anything else, such as the store itself.
std::string foreign_entry(const fs::path& dir) {
    for (const auto& entry : fs::directory_iterator(dir)) {
        const fs::path& p = entry.path();
        if (entry.is_regular_file() && p.extension() == ".csv" &&
            model::entity_by_collection(p.stem().string()))
            continue;
        if (entry.is_directory() && p.filename() == exchange::kFilesFolder) {
            for (const auto& blob : fs::directory_iterator(p))
                if (!blob.is_regular_file() || blob.path().filename().string().size() != 64)
                    return blob.path().string();
            continue;
        }
        return p.string();
    }
    return {};
}

// Removes the DIR.partial.PID folders an interrupted export left beside DIR (and DIR.old.PID when
// DIR itself is in place), once process PID no longer runs.
void remove_stale_partials(const Invocation& inv, const fs::path& dir) {
    const std::string name = dir.filename().string();
    std::error_code ec;
    for (const auto& entry :
         fs::directory_iterator(dir.parent_path().empty() ? "." : dir.parent_path(), ec)) {
        const std::string entry_name = entry.path().filename().string();
        for (const std::string kind : {".partial.", ".old."}) {
            if (!entry_name.starts_with(name + kind)) continue;
            const std::string pid = entry_name.substr(name.size() + kind.size());
            if (pid.empty() || pid.size() > 9 ||
                pid.find_first_not_of("0123456789") != std::string::npos)
                continue;
            if (::kill(static_cast<pid_t>(std::stol(pid)), 0) == 0 || errno != ESRCH) continue;
            if (kind == ".old." && !fs::is_directory(dir))
                continue;  // the last whole export: keep it
            fs::remove_all(entry.path(), ec);
            if (!ec)
                inv.err << "ims export: removed " << entry.path().string()
                        << ", left by an interrupted export\n";
        }
    }
}

// Writes the CSV files into a fresh folder beside DIR, then puts it in DIR's place, so that DIR
// is never left half written.
void write_csv_dir(const Invocation& inv, const store::Store& store, fs::path dir, bool force) {
    dir = dir.lexically_normal();
    if (dir.filename().empty()) dir = dir.parent_path();
    io::check_output_target(dir.string());  // a folder named STORE-wal would break the store
    if (fs::exists(dir) && !fs::is_directory(dir))
        throw UsageError{dir.string() + " exists and is not a folder"};
    const bool replace = fs::exists(dir) && !fs::is_empty(dir);
    if (replace && !force)
        throw UsageError{dir.string() +
                         " already exists and is not empty; use --force to replace it"};
    if (replace)
        if (auto foreign = foreign_entry(dir); !foreign.empty())
            throw UsageError{dir.string() + " holds " + foreign +
                             ", which is not part of an ims export; --force replaces only earlier "
                             "exports, so choose a new folder"};
    remove_stale_partials(inv, dir);
    const std::string suffix = "." + std::to_string(::getpid());
    const fs::path fresh = dir.string() + ".partial" + suffix, old = dir.string() + ".old" + suffix;
    bool moved_old = false;
    try {
        fs::remove_all(fresh);
        io::create_folders(fresh.string());
        exchange::write_csv_files(store, exchange::kFilesPrefix, fresh.string());
        exchange::write_evidence_files(store, fresh.string());
        if (fs::exists(dir)) {
            fs::rename(dir, old);
            moved_old = true;
        }
        fs::rename(fresh, dir);
        if (moved_old) fs::remove_all(old);
    } catch (const std::exception& e) {
        std::error_code ignored;
        fs::remove_all(fresh, ignored);
        if (moved_old && !fs::exists(dir)) fs::rename(old, dir, ignored);
        throw Error(ErrorCode::kIo, dir.string() + ": cannot write the export: " + e.what());
    }
}

int run_export(Invocation& inv, const QCommandLineParser& parser) {
    auto outputs = outputs_of(parser, {"json", "csv"}, {"csv"}, "json");
    for (const auto& spec : outputs)
        if (spec.format == "json") check_targets(parser, {spec});
    auto store =
        store::Store::open(to_std(parser.positionalArguments()[0]), store::Store::Mode::kReadOnly);

    // One snapshot for every output: an import committing meanwhile is wholly in or wholly out.
    store.read([&] {
        for (const auto& spec : outputs) {
            if (spec.format == "csv") {
                write_csv_dir(inv, store, spec.path, parser.isSet("force"));
                inv.err << "wrote " << spec.path << "/\n";
                continue;
            }
            if (spec.path.empty()) {
                Output out(inv, spec);
                exchange::write_document(store, "", out);
                out.commit();
                if (!exchange::exported_blobs(store).empty())
                    inv.err << "ims export: evidence files are written only beside a file: --output "
                               "json:PATH\n";
                continue;
            }
            // The files first: a JSON file that names files/<sha256> is written only once they exist.
            const fs::path dir = fs::absolute(spec.path).parent_path();
            io::create_folders(dir.string());
            exchange::write_evidence_files(store, dir.string());
            Output out(inv, spec);
            exchange::write_document(store, exchange::kFilesPrefix, out);
            out.commit();
            inv.err << "wrote " << spec.path << "\n";
        }
    });
    return kExitOk;
}

}  // namespace
}  // namespace ims::cli
