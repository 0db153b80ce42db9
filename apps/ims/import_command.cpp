// `ims import STORE PATH...`: JSON documents and CSV files into the store, in one transaction;
// with --dry-run, what would be added, changed and left, and nothing written.
#include "cli.hpp"
#include "ims/core/exchange.hpp"
#include "ims/core/store.hpp"

#include <functional>
#include <map>
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

// What the import did to one entity type; the ids are listed only when the output shows them.
struct Listed {
    std::vector<std::string> added;
    std::vector<std::pair<std::string, std::vector<std::string>>> changed;  // id, fields
};
using Listing = std::map<std::string, Listed>;

nlohmann::json to_json(const records::Changes& changes, Listing& listing, bool dry_run) {
    nlohmann::json entities = nlohmann::json::array();
    for (const auto& e : changes.entities) {
        Listed& listed = listing[e.entity];
        nlohmann::json changed = nlohmann::json::array();
        for (auto& [id, fields] : listed.changed) changed.push_back({{"id", id}, {"fields", fields}});
        entities.push_back({{"entity", e.entity},
                            {"added", listed.added},
                            {"changed", changed},
                            {"unchanged", e.unchanged}});
    }
    // A dry run rolls back: its evidence files would be stored, none is.
    return {{"dry_run", dry_run},
            {"entities", entities},
            {dry_run ? "files_to_store" : "files_stored", changes.files_stored}};
}

void print_text(const Invocation& inv, const records::Changes& changes, Listing& listing,
                bool dry_run) {
    std::size_t added = 0, changed = 0, unchanged = 0;
    for (const auto& e : changes.entities) {
        inv.out << e.entity << ": " << e.added << (dry_run ? " to add, " : " added, ") << e.changed
                << (dry_run ? " to change, " : " changed, ") << e.unchanged << " unchanged\n";
        if (dry_run) {
            const Listed& listed = listing[e.entity];
            for (const auto& id : listed.added) inv.out << "  + " << id << "\n";
            for (const auto& [id, fields] : listed.changed) {
                inv.out << "  ~ " << id << ":";
                for (std::size_t i = 0; i < fields.size(); ++i)
                    inv.out << (i ? ", " : " ") << fields[i];
                inv.out << "\n";
            }
        }
        added += e.added;
        changed += e.changed;
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
    const Format format = format_of(parser);

    auto store = store::Store::open(to_std(pos[0]));
    Installed installed(parser, inv);
    // Only the outputs that name rows keep their ids: a plain import's memory stays flat.
    Listing listing;
    std::function<void(const records::Change&)> list;
    if (dry_run || format == Format::kJson)
        list = [&listing](const records::Change& c) {
            Listed& listed = listing[std::string(c.entity.name)];
            if (c.outcome == store::PutOutcome::kAdded) listed.added.emplace_back(c.id);
            if (c.outcome == store::PutOutcome::kChanged)
                listed.changed.emplace_back(
                    std::string(c.id), std::vector<std::string>(c.fields.begin(), c.fields.end()));
        };
    records::Changes changes;
    store.write(
        actor_of(parser),
        [&](store::WriteTxn& txn) {
            changes = exchange::import_files(txn, paths, installed.library, list);
        },
        dry_run ? store::Store::Commit::kNo : store::Store::Commit::kYes);

    if (format == Format::kJson)
        print_json(inv, to_json(changes, listing, dry_run));
    else
        print_text(inv, changes, listing, dry_run);
    if (dry_run) inv.err << "ims import: dry run; nothing was written\n";
    return kExitOk;
}

}  // namespace
}  // namespace ims::cli
