// `ims verify STORE [--receipt] [--expect-head SEQ:HASH|FILE]`: proves a store was changed only
// by ims. Opens the store read-only; never migrates.
#include "cli.hpp"
#include "ims/core/error.hpp"
#include "ims/core/store.hpp"

#include <QFile>

namespace ims::cli {
namespace {

// --expect-head takes the receipt itself or a file holding it (as --receipt printed it).
std::optional<store::LogHead> expected_head(const QCommandLineParser& parser) {
    if (!parser.isSet("expect-head")) return std::nullopt;
    QString value = parser.value("expect-head");
    if (!value.contains(':') || QFile::exists(value)) {
        QFile file(value);
        if (!file.open(QIODevice::ReadOnly))
            throw UsageError{"--expect-head " + to_std(value) +
                             ": neither SEQ:HASH nor a readable receipt file"};
        value = QString::fromUtf8(file.read(4096)).trimmed();
    }
    try {
        return store::LogHead::parse(to_std(value));
    } catch (const Error& e) {
        throw UsageError{std::string("--expect-head: ") + e.what()};
    }
}

}  // namespace

int run_verify(Invocation& inv) {
    QCommandLineParser parser;
    add_format_option(parser);
    parser.addOption(
        {"receipt", "Print only the change log's head, SEQ:HASH, when the store is intact."});
    parser.addOption({"expect-head",
                      "Also prove the log still holds this receipt's entry unchanged.",
                      "SEQ:HASH|FILE"});
    if (!parse(parser, inv, 1, 1)) return kExitOk;
    const Format format = format_of(parser);
    const auto expected = expected_head(parser);
    const std::string path = to_std(parser.positionalArguments()[0]);
    auto store = store::Store::open(path, store::Store::Mode::kReadOnly);
    store::VerifyReport report = store.verify(expected);
    if (format == Format::kJson) {
        print_json(
            inv, {{"store", path},
                  {"ok", report.ok()},
                  {"change_log_entries", report.log_entries},
                  {"vault_blobs", report.blobs},
                  {"head", report.head.seq ? nlohmann::json(report.head.text()) : nlohmann::json()},
                  {"problems", report.problems}});
    } else if (parser.isSet("receipt") && report.ok()) {
        inv.out << report.head.text() << "\n";
    } else if (report.ok()) {
        inv.out << path << ": intact (" << report.log_entries
                << " change-log entries replayed against the store, " << report.blobs
                << " vault blobs, SQLite integrity ok; head " << report.head.text() << ")\n";
    } else {
        inv.out << path << ": " << report.problems.size() << " problem(s) found\n";
        for (const auto& p : report.problems) inv.out << "  " << p << "\n";
    }
    return report.ok() ? kExitOk : kExitFindings;
}

}  // namespace ims::cli
