// `ims evidence add|get`: one evidence file into the vault (with its record and control links),
// or back out of it.
#include "ims/core/error.hpp"
#include "ims/core/store.hpp"
#include "output.hpp"

#include <filesystem>

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

const std::vector<std::string> kKinds = {"document", "record", "screenshot",
                                         "link",     "export", "attestation"};

// Adds a record with its file, or, for an --id the store already holds, replaces the file and
// changes only the fields given: an update never drops what it was not told to change.
int add(Invocation& inv, const QCommandLineParser& parser, const std::string& store_path,
        const std::string& file) {
    std::string kind = to_std(parser.value("kind"));
    if (std::find(kKinds.begin(), kKinds.end(), kind) == kKinds.end())
        throw UsageError{
            "--kind expects document, record, screenshot, link, export or attestation; got '" +
            kind + "'"};
    if (!std::filesystem::is_regular_file(file)) throw UsageError{file + ": no such file"};
    auto collected = date_option(parser, "collected-on");
    auto valid_until = date_option(parser, "valid-until");

    auto store = store::Store::open(store_path);
    std::string id = to_std(parser.value("id")), sha;
    bool updated = false;
    store.write(actor_of(parser), [&](store::WriteTxn& txn) {
        for (const auto& control : parser.values("control"))
            if (txn.get("control", to_std(control)).is_null())
                throw UsageError{"--control " + to_std(control) +
                                 ": the store has no such control"};
        if (parser.isSet("owner") && txn.get("person", to_std(parser.value("owner"))).is_null())
            throw UsageError{"--owner " + to_std(parser.value("owner")) +
                             ": the store has no such person"};
        nlohmann::json row = txn.get("evidence", id);
        updated = !row.is_null();
        if (!updated) {
            if (!parser.isSet("title"))
                throw UsageError{"evidence add needs --title TEXT for a new record"};
            row = {{"id", id}, {"kind", kind}};
        }
        if (parser.isSet("title")) row["title"] = to_std(parser.value("title"));
        if (parser.isSet("kind")) row["kind"] = kind;
        if (collected) row["collected_on"] = *collected;
        if (valid_until) row["valid_until"] = *valid_until;
        if (parser.isSet("owner")) row["owner_id"] = to_std(parser.value("owner"));
        if (row.contains("collected_on") && row.contains("valid_until") &&
            row["valid_until"] < row["collected_on"])
            throw UsageError{"valid until " + row["valid_until"].get<std::string>() +
                             " would be before collected on " +
                             row["collected_on"].get<std::string>()};
        sha = txn.add_blob(file);
        row["sha256"] = sha;
        row["file_name"] = std::filesystem::path(file).filename().string();
        txn.put("evidence", row);
        for (const auto& control : parser.values("control"))
            txn.put("evidence_control", {{"id", id + "|" + to_std(control)},
                                         {"evidence_id", id},
                                         {"control_id", to_std(control)}});
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
