// `ims evidence add|get`: one evidence file into the vault (with its record and control links),
// or back out of it.
#include "ims/core/error.hpp"
#include "ims/core/records.hpp"
#include "ims/core/store.hpp"
#include "output.hpp"

#include <algorithm>
#include <optional>

namespace ims::cli {
namespace {

int run_evidence(Invocation& inv, const QCommandLineParser& parser);

}  // namespace

const Command& evidence_command() {
    static const Command kCommand{
        .name = "evidence",
        .summary = "put one evidence file into the vault, or get it back",
        .forms = {"add STORE FILE", "get STORE ID|SHA256"},
        .description =
            R"(add   copies FILE into the store's vault (content-addressed, chunked; the same bytes
      are stored once), records it as evidence ID and links it to each --control. Adding
      an id the store holds updates it: the file is replaced, the fields given change,
      every other field and link is kept. Nothing is written when any input is wrong.
get   writes the file of evidence ID (or the vault blob with that sha256) to --out,
      atomically; an existing file is refused unless --force.
)",
        .options = {{.name = "id",
                     .value_name = "ID",
                     .help = "the evidence's id, e.g. EV-042",
                     .required = true,
                     .action = "add"},
                    {.name = "title",
                     .value_name = "TEXT",
                     .help = "what it is; required for a new record",
                     .action = "add"},
                    {.name = "kind",
                     .value_name = "KIND",
                     .help = "document, record, screenshot, link, export or attestation",
                     .default_value = "document",
                     .action = "add"},
                    {.name = "control",
                     .value_name = "ID",
                     .help = "a control it supports; the control must exist",
                     .repeatable = true,
                     .action = "add"},
                    {.name = "collected-on",
                     .value_name = "DATE",
                     .help = "when it was collected, YYYY-MM-DD",
                     .action = "add"},
                    {.name = "valid-until",
                     .value_name = "DATE",
                     .help = "when it stops being current, YYYY-MM-DD",
                     .action = "add"},
                    {.name = "owner",
                     .value_name = "PERSON",
                     .help = "the id of the person who owns it",
                     .action = "add"},
                    kActorOption.for_action("add"),
                    {.name = "out",
                     .value_name = "PATH",
                     .help = "where to write the file",
                     .required = true,
                     .action = "get"},
                    kForceOption.with_help("overwrite PATH").for_action("get")},
        .examples = {"ims evidence add acme.ims examples/acme/files/restore-test-2026-q3.txt --id "
                     "EV-100 --title \"Restore test Q3\" --kind record --control CTRL-014 "
                     "--collected-on 2026-10-01 --valid-until 2027-01-31",
                     "ims evidence get acme.ims EV-100 --out restore-test.txt"},
        .run = run_evidence,
    };
    return kCommand;
}

namespace {

// Adds a record with its file, or, for an --id the store already holds, replaces the file and
// changes only the fields given (records::Mode::kUpdate); every rule is the records API's.
int add(Invocation& inv, const QCommandLineParser& parser, const std::string& store_path,
        const std::string& file) {
    const std::string id = to_std(parser.value("id"));
    records::Row evidence(model::entity("evidence"));
    evidence["id"] = id;
    evidence["file"] = file;
    auto set = [&](const char* option, const char* field, std::optional<std::string> value = {}) {
        if (!value && parser.isSet(option)) value = to_std(parser.value(option));
        if (value) evidence[field] = *value;
    };
    set("title", "title");
    set("kind", "kind");
    set("owner", "owner_id");
    set("collected-on", "collected_on", date_option(parser, "collected-on"));
    set("valid-until", "valid_until", date_option(parser, "valid-until"));
    evidence.when_new("kind") = to_std(parser.value("kind"));  // the option's default

    std::vector<records::Row> links;
    for (const auto& control : parser.values("control")) {
        records::Row link(model::entity("evidence_control"));
        link.source.name = "--control " + to_std(control);
        link["evidence_id"] = id;
        link["control_id"] = to_std(control);
        if (std::none_of(links.begin(), links.end(), [&](const records::Row& l) {
                return l["control_id"] == link["control_id"];
            }))
            links.push_back(std::move(link));
    }

    auto store = store::Store::open(store_path);
    bool updated = false;
    std::string sha;
    store.write(actor_of(parser), [&](store::WriteTxn& txn) {
        records::Options options;
        options.on_change = [&](const records::Change& c) {
            if (c.entity.name == "evidence") updated = c.outcome != store::PutOutcome::kAdded;
        };
        records::Batch batch(txn, std::move(options));
        batch.add(evidence, records::Mode::kUpdate);
        for (const auto& link : links) batch.add(link);
        batch.finish();
        sha = txn.get("evidence", id)["sha256"];
    });
    inv.err << (updated ? "updated evidence " + id + " with " : "stored evidence " + id + " from ")
            << file << " (sha256 " << sha << ")\n";
    return kExitOk;
}

int get(Invocation& inv, const QCommandLineParser& parser, const std::string& store_path,
        const std::string& key) {
    OutputSpec target{"file", to_std(parser.value("out")),
                      parser.isSet("force") ? io::Existing::kReplace : io::Existing::kRefuse};
    check_targets(parser, {target});
    auto store = store::Store::open(store_path, store::Store::Mode::kReadOnly);
    std::string sha = key;
    bool is_hash =
        key.size() == 64 && key.find_first_not_of("0123456789abcdef") == std::string::npos;
    if (!is_hash) {
        nlohmann::json row = store.get("evidence", key);
        if (row.is_null()) throw UsageError{"the store has no evidence '" + key + "'"};
        if (!row.contains("sha256"))
            throw UsageError{"evidence '" + key + "' has no file in the vault"};
        sha = row["sha256"];
    }
    store.read_blob(sha, target.path, target.existing);
    inv.err << "wrote " << target.path << "\n";
    return kExitOk;
}

int run_evidence(Invocation& inv, const QCommandLineParser& parser) {
    const QStringList pos = parser.positionalArguments();
    const std::string action = to_std(pos[0]);
    if (action == "add") return add(inv, parser, to_std(pos[1]), to_std(pos[2]));
    if (action == "get") return get(inv, parser, to_std(pos[1]), to_std(pos[2]));
    throw UsageError{"unknown action '" + action + "'; expected add or get"};
}

}  // namespace
}  // namespace ims::cli
