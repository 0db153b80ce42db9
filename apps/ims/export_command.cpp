// `ims export STORE --output json[:PATH]|csv:DIR`: every record of the store as an import
// document or CSV files, with the evidence files beside them, so that it imports into an empty
// store and exports again to the same bytes.
#include "ims/core/error.hpp"
#include "ims/core/exchange.hpp"
#include "ims/core/store.hpp"
#include "output.hpp"

#include <QCryptographicHash>
#include <QFile>
#include <QSaveFile>

#include <filesystem>
#include <ostream>
#include <unistd.h>

namespace ims::cli {
namespace {

namespace fs = std::filesystem;
constexpr const char* kFilesPrefix = "files/";

bool holds(const fs::path& path, const std::string& sha256) {
    QFile file(QString::fromStdString(path.string()));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    return file.open(QIODevice::ReadOnly) && hash.addData(&file) && hash.result().toHex().toStdString() == sha256;
}

// Copies every exported vault file to <dir>/files/<sha256>; a file already there with the
// right content is left alone.
void write_files(const store::Store& store, const fs::path& dir) {
    fs::create_directories(dir / "files");
    for (const auto& sha : exchange::exported_blobs(store)) {
        fs::path target = dir / "files" / sha;
        if (holds(target, sha)) continue;
        store.read_blob(sha, target.string());
    }
}

void write_text(const fs::path& path, const std::string& bytes) {
    QSaveFile file(QString::fromStdString(path.string()));
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(bytes.data(), static_cast<qint64>(bytes.size())) != static_cast<qint64>(bytes.size()) || !file.commit())
        throw Error(ErrorCode::kIo, path.string() + ": cannot write: " + to_std(file.errorString()));
}

// Writes the CSV files into a fresh folder beside DIR, then puts it in DIR's place, so that DIR
// is never left half written.
void write_csv_dir(const store::Store& store, const fs::path& dir, bool force) {
    if (fs::exists(dir) && !fs::is_directory(dir)) throw UsageError{dir.string() + " exists and is not a folder"};
    if (fs::exists(dir) && !fs::is_empty(dir) && !force)
        throw UsageError{dir.string() + " already exists and is not empty; use --force to replace it"};
    const std::string suffix = "." + std::to_string(::getpid());
    fs::path fresh = dir.string() + ".partial" + suffix, old = dir.string() + ".old" + suffix;
    fs::remove_all(fresh);
    try {
        fs::create_directories(fresh);
        for (const auto& [name, text] : exchange::export_csv(store, kFilesPrefix)) write_text(fresh / name, text);
        write_files(store, fresh);
        if (fs::exists(dir)) fs::rename(dir, old);
        fs::rename(fresh, dir);
        fs::remove_all(old);
    } catch (const fs::filesystem_error& e) {
        fs::remove_all(fresh);
        throw Error(ErrorCode::kIo, dir.string() + ": cannot write the export: " + e.what());
    }
}

}  // namespace

int run_export(Invocation& inv) {
    QCommandLineParser parser;
    add_output_options(parser, "formats: json (a document; files beside a PATH), csv (needs a DIR); default json to stdout");
    if (!parse(parser, inv, 1, 1)) return kExitOk;
    auto outputs = outputs_of(parser, {"json", "csv"}, {"csv"}, "json");
    for (const auto& spec : outputs)
        if (spec.format == "json") check_targets(parser, {spec});
    auto store = store::Store::open(to_std(parser.positionalArguments()[0]), store::Store::Mode::kReadOnly);

    for (const auto& spec : outputs) {
        if (spec.format == "csv") {
            write_csv_dir(store, spec.path, parser.isSet("force"));
            inv.err << "wrote " << spec.path << "/\n";
            continue;
        }
        const std::string prefix = spec.path.empty() ? "" : kFilesPrefix;
        if (!spec.path.empty()) {
            std::error_code ignored;  // write_output names the path if the folder cannot be made
            fs::create_directories(fs::absolute(spec.path).parent_path(), ignored);
        }
        write_output(inv, spec, exchange::export_document(store, prefix).dump(2) + "\n");
        if (spec.path.empty()) {
            if (!exchange::exported_blobs(store).empty())
                inv.err << "ims export: evidence files are written only beside a file: --output json:PATH\n";
            continue;
        }
        fs::path dir = fs::absolute(spec.path).parent_path();
        try {
            write_files(store, dir);
        } catch (const fs::filesystem_error& e) {
            throw Error(ErrorCode::kIo, (dir / "files").string() + ": cannot write evidence files: " + e.what());
        }
        inv.err << "wrote " << spec.path << "\n";
    }
    return kExitOk;
}

}  // namespace ims::cli
