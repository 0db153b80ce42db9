// `ims import STORE PATH...`: JSON documents and CSV files into the store, in one transaction;
// with --dry-run, what would be added, changed and left, and nothing written.
#include "cli.hpp"
#include "ims/core/exchange.hpp"
#include "ims/core/store.hpp"

#include <ostream>

namespace ims::cli {
namespace {

int run_import(Invocation& inv, const QCommandLineParser& parser);

}  // namespace

const Command& import_command() {
    static const Command kCommand{
        .name = "import",
        .summary = "import records from JSON and CSV files, in one transaction",
        .forms = {"STORE PATH..."},
        .description = R"(Reads each PATH: a JSON document with an array per collection
({"format": "ims-import/1", "people": [...], "controls": [...]}), a CSV file named after a
collection (people.csv; header row = field names, as a spreadsheet saves it), or a folder of
such files (its top level; evidence files may sit in subfolders). docs/data-model.md lists
every collection and field; sdk/schema/v1/import.schema.json is the JSON Schema.

Every value is checked, every reference resolved (people, departments, controls, ... in the
store or in the import; requirement ids against the adopted standards, which an import may
adopt through adopted_standards) and every id must appear once. Rows are upserted by id: a row
replaces the stored one; rows that did not change are not rewritten and leave no change-log
entry. Evidence 'file' paths are relative to the import file and are copied into the vault.
The whole import is one transaction: on any problem nothing is written, and every problem is
listed with its file, line or JSON pointer, row and field (exit 2).
)",
        .options = {{.name = "dry-run",
                     .help = "list what would be added (+), changed (~, with the fields) and left; "
                             "write nothing"},
                    kFormatOption,
                    kActorOption,
                    kPluginPathOption},
        .examples = {"ims import acme.ims examples/acme --dry-run",
                     "ims import acme.ims examples/acme/people.csv examples/acme/controls.csv"},
        .run = run_import,
    };
    return kCommand;
}

namespace {

nlohmann::json to_json(const exchange::ImportReport& report, bool dry_run) {
    nlohmann::json entities = nlohmann::json::array();
    for (const auto& e : report.entities) {
        nlohmann::json changed = nlohmann::json::array();
        for (const auto& [id, fields] : e.changed)
            changed.push_back({{"id", id}, {"fields", fields}});
        entities.push_back({{"entity", e.entity},
                            {"added", e.added},
                            {"changed", changed},
                            {"unchanged", e.unchanged}});
    }
    // A dry run rolls back: its evidence files would be stored, none is.
    return {{"dry_run", dry_run},
            {"entities", entities},
            {dry_run ? "files_to_store" : "files_stored", report.files_stored}};
}

void print_text(const Invocation& inv, const exchange::ImportReport& report, bool dry_run) {
    std::size_t added = 0, changed = 0, unchanged = 0;
    for (const auto& e : report.entities) {
        inv.out << e.entity << ": " << e.added.size() << (dry_run ? " to add, " : " added, ")
                << e.changed.size() << (dry_run ? " to change, " : " changed, ") << e.unchanged
                << " unchanged\n";
        if (dry_run) {
            for (const auto& id : e.added) inv.out << "  + " << id << "\n";
            for (const auto& [id, fields] : e.changed) {
                inv.out << "  ~ " << id << ":";
                for (std::size_t i = 0; i < fields.size(); ++i)
                    inv.out << (i ? ", " : " ") << fields[i];
                inv.out << "\n";
            }
        }
        added += e.added.size();
        changed += e.changed.size();
        unchanged += e.unchanged;
    }
    inv.out << (dry_run ? "would add " : "added ") << added << ", "
            << (dry_run ? "change " : "changed ") << changed << (dry_run ? ", leave " : ", left ")
            << unchanged << " unchanged\n";
}

int run_import(Invocation& inv, const QCommandLineParser& parser) {
    const QStringList pos = parser.positionalArguments();
    std::vector<std::string> paths;
    for (int i = 1; i < pos.size(); ++i) paths.push_back(to_std(pos[i]));
    const bool dry_run = parser.isSet("dry-run");

    auto rows = exchange::read_import(paths);
    auto store = store::Store::open(to_std(pos[0]));
    Installed installed(parser, inv);
    exchange::ImportReport report;
    store.write(
        actor_of(parser),
        [&](store::WriteTxn& txn) { report = exchange::import_rows(txn, rows, installed.library); },
        dry_run ? store::Store::Commit::kNo : store::Store::Commit::kYes);

    if (format_of(parser) == Format::kJson)
        print_json(inv, to_json(report, dry_run));
    else
        print_text(inv, report, dry_run);
    if (dry_run) inv.err << "ims import: dry run; nothing was written\n";
    return kExitOk;
}

}  // namespace
}  // namespace ims::cli
