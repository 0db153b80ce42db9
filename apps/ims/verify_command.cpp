// `ims verify STORE [--receipt] [--expect-head SEQ:HASH|FILE]`: proves a store was changed only
// by ims. Opens the store read-only; never migrates.
#include "cli.hpp"
#include "ims/core/error.hpp"
#include "ims/core/store.hpp"

#include <QFile>

namespace ims::cli {
namespace {

int run_verify(Invocation& inv, const QCommandLineParser& parser);

}  // namespace

const Command& verify_command() {
    static const Command kCommand{
        .name = "verify",
        .summary = "prove a store was changed only by ims",
        .forms = {"STORE"},
        .description =
            R"(Opens STORE read-only (it never migrates) and checks: the change log's hash chain over the
stored bytes; a replay of the log against every table and the evidence vault, so that a row
written, edited or deleted outside ims is named by entity, id and field; that every evidence
record's file is in the vault and every vault file matches its sha256; and SQLite's own page
checks. A damaged store is reported, not refused.

--receipt prints the change log's head as SEQ:HASH. Keep it (in a ticket, an email, a CI
artefact); later, --expect-head SEQ:HASH (or a file holding it) proves that entry is still
there, unchanged, so nothing was truncated or rewritten since.

exit codes: 0 intact, 1 a problem was found, 2 the store cannot be opened or is of an older
format (run 'ims migrate'), 3 another process holds it.
)",
        .options = {kFormatOption,
                    {.name = "receipt", .help = "print only SEQ:HASH when the store is intact"},
                    {.name = "expect-head",
                     .value_name = "SEQ:HASH|FILE",
                     .help = "also prove the log still holds this receipt's entry unchanged"}},
        .examples = {"ims verify acme.ims --receipt > acme.receipt",
                     "ims verify acme.ims --expect-head acme.receipt"},
        .run = run_verify,
    };
    return kCommand;
}

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

int run_verify(Invocation& inv, const QCommandLineParser& parser) {
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

}  // namespace
}  // namespace ims::cli
