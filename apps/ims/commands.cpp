// The command table: names, one-line summaries and the help text `ims help CMD` prints.
#include "cli.hpp"

namespace ims::cli {

int run_version(Invocation&);
int run_help(Invocation&);
int run_plugins(Invocation&);
int run_catalog(Invocation&);
int run_init(Invocation&);
int run_adopt(Invocation&);
int run_verify(Invocation&);
int run_migrate(Invocation&);
int run_map(Invocation&);
int run_coverage(Invocation&);
int run_gap(Invocation&);
int run_soa(Invocation&);
int run_evidence(Invocation&);
int run_import(Invocation&);
int run_export(Invocation&);

const std::vector<Command>& commands() {
    static const std::vector<Command> kCommands = {
        {"init", "create a new store for an organisation", "ims init STORE --org NAME",
         R"(Creates STORE, a new SQLite file holding one organisation's IMS: its data, the
catalogs of the standards it adopts, the evidence vault and the change log. Refuses to
overwrite an existing file.

options:
  --org NAME        the organisation's name (required)
  --actor NAME      who is making the change, for the change log (default: $USER)

example:
  ims init acme.ims --org "Acme Ltd"
)",
         run_init},
        {"adopt", "adopt standards: copy their catalogs into the store", "ims adopt STORE STANDARD...",
         R"(Adopts each STANDARD (e.g. iso27001:2022): copies its catalog from the installed
plugin into the store, recording the plugin id, version and the catalog's sha256, and marks
it adopted. Adopting again re-syncs the catalog and keeps the recorded adoption date and
scope unless --on or --scope is given; unchanged rows are not rewritten.

options:
  --on DATE         the adoption date, YYYY-MM-DD (default: today, UTC)
  --scope TEXT      the scope of the management system for this standard
  --actor NAME      who is making the change (default: $USER)
  --plugin-path DIR also look for plugins in DIR (repeatable)

example:
  ims adopt acme.ims iso27001:2022
)",
         run_adopt},
        {"verify", "prove a store was changed only by ims", "ims verify STORE [--receipt] [--expect-head SEQ:HASH|FILE]",
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

options:
  --format text|json
  --receipt              print only SEQ:HASH when the store is intact
  --expect-head RECEIPT  SEQ:HASH or a file holding it

example:
  ims verify acme.ims --receipt > acme.receipt
  ims verify acme.ims --expect-head acme.receipt
)",
         run_verify},
        {"migrate", "upgrade a store written by an older ims", "ims migrate STORE",
         R"(Upgrades STORE to this ims's store format, each step in its own transaction, and logs
every row a step rewrote in the change log so that 'ims verify' still replays it. Commands
that only read a store refuse an older one and say to run this; commands that write to a
store migrate it first themselves.

example:
  ims migrate acme.ims
)",
         run_migrate},
        {"catalog", "show the requirements of an installed standard", "ims catalog STANDARD",
         R"(Prints the requirements of STANDARD as its plugin ships it, in document order: as an
indented tree of refs and titles (text), or with ids, kinds, parents, our one-line summaries
and attributes (json).

options:
  --format text|json
  --plugin-path DIR also look for plugins in DIR (repeatable)

example:
  ims catalog iso27001:2022 --format json
)",
         run_catalog},
        {"map", "show how a requirement relates to other standards", "ims map REQUIREMENT",
         R"(Lists what REQUIREMENT (e.g. iso27001:2022/10.2) relates to in every installed
standard: the relation (equal, subset, superset, intersect; NIST OLIR types), and every path it
came by, directly or through pivots such as the Harmonized Structure (hs/...). A relation
through several hops is only as strong as its weakest hop: subset and intersect never become
equal. With --format json each hop carries its rationale, provenance and plugin.

options:
  --max-hops N      follow at most N relations (default 3)
  --format text|json
  --plugin-path DIR also look for plugins in DIR (repeatable)

example:
  ims map iso27001:2022/10.2
)",
         run_map},
        {"coverage", "what the implemented controls cover of each adopted standard",
         "ims coverage STORE",
         R"(For each standard the store has adopted, marks every requirement covered fully,
partially or not, and says by which implemented controls and current evidence, linked
directly or reaching it through mappings (with the path). Rules:
  - only controls with status implemented count;
  - a control without evidence valid on the as-of date counts at most as partial;
  - through a mapping, only equal or superset relations from a fully linked requirement give
    full coverage; subset and intersect give partial;
  - a parent clause without links of its own is full only when all its children are.
Totals count leaf requirements, per standard and per top-level clause or theme.

options:
  --standard ID             only this adopted standard
  --as-of DATE              evaluate on DATE (default today, UTC)
  --output FORMAT[:PATH]    text or json; repeatable, at most one to stdout (default text)
  --format text|json        shorthand for --output FORMAT to stdout
  --force                   overwrite existing output files
  --plugin-path DIR         also look for plugins in DIR (repeatable)

example:
  ims coverage acme.ims --standard iso22301:2019 --output json:coverage.json
)",
         run_coverage},
        {"gap", "before adopting a standard: what is covered already and what is left",
         "ims gap STORE --adopt STANDARD",
         R"(Computes coverage (see 'ims help coverage') of a standard the store has not adopted
yet and lists its leaf requirements in three groups, in catalog order: left to do, partly
covered already (with the controls and paths that give it), and covered already.

options:
  --adopt STANDARD  the standard you are considering (required)
  --as-of DATE      evaluate on DATE (default today, UTC)
  --format text|json
  --plugin-path DIR also look for plugins in DIR (repeatable)

example:
  ims gap acme.ims --adopt iso22301:2019
)",
         run_gap},
        {"soa", "write the Statement of Applicability", "ims soa STORE [--output FORMAT[:PATH]]...",
         R"(Writes the Statement of Applicability of a standard (default iso27001:2022): every
control of its annex with the store's decision (applicable yes/no, justification,
implementation status), the controls implementing it with their status, and their evidence
current on --as-of. A control without a recorded decision is shown as
"MISSING: no decision recorded", never guessed; stderr says how many are missing.

options:
  --standard ID             the standard (default iso27001:2022)
  --output FORMAT[:PATH]    xlsx (needs a PATH), csv, md or html; repeatable, at most one to
                            stdout; default md to stdout. Files are written atomically.
  --force                   overwrite existing output files
  --as-of DATE              which evidence is current (default today, UTC)
  --plugin-path DIR         also look for plugins in DIR (repeatable)

example:
  ims soa acme.ims --output xlsx:soa.xlsx --output html:soa.html
)",
         run_soa},
        {"evidence", "put one evidence file into the vault, or get it back",
         "ims evidence add STORE FILE --id ID --title TEXT | get STORE ID|SHA256 --out PATH",
         R"(add   copies FILE into the store's vault (content-addressed, chunked; the same bytes
      are stored once), records it as evidence ID and links it to each --control. Adding
      an id the store holds updates it: the file is replaced, the fields given change,
      every other field and link is kept. Nothing is written when any input is wrong.
get   writes the file of evidence ID (or the vault blob with that sha256) to --out,
      atomically; an existing file is refused unless --force.

options (add):
  --id ID               the evidence's id, e.g. EV-042 (required)
  --title TEXT          what it is (required for a new record)
  --kind KIND           document (default), record, screenshot, link, export, attestation
  --control ID          a control it supports; the control must exist (repeatable)
  --collected-on DATE   when it was collected (YYYY-MM-DD)
  --valid-until DATE    when it stops being current (YYYY-MM-DD)
  --owner PERSON        the id of the person who owns it
  --actor NAME          who is making the change (default: $USER)
options (get):
  --out PATH            where to write the file (required)
  --force               overwrite PATH

example:
  ims evidence add acme.ims restore-q3.pdf --id EV-7 --title "Restore test Q3" --kind record \
      --control CTRL-BK --collected-on 2026-10-01 --valid-until 2027-01-31
  ims evidence get acme.ims EV-7 --out /tmp/restore-q3.pdf
)",
         run_evidence},
        {"import", "import records from JSON and CSV files, in one transaction",
         "ims import STORE PATH...",
         R"(Reads each PATH: a JSON document with an array per collection
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

options:
  --dry-run         list what would be added (+), changed (~, with the fields) and left
  --format text|json
  --actor NAME      who is making the change (default: $USER)
  --plugin-path DIR also look for plugins in DIR (repeatable)

example:
  ims import acme.ims examples/acme --dry-run
  ims import acme.ims people.csv controls.csv
)",
         run_import},
        {"export", "export every record as JSON or CSV, with the evidence files",
         "ims export STORE [--output json[:PATH]|csv:DIR]...",
         R"(Writes the organisation's records (everything except the catalogs, which come from
plugins, and the change log, which is the store's own history) in the import format: one JSON
document, or one CSV file per non-empty collection in DIR. Rows are ordered by id and fields
follow the data model, so the output is the same for the same records: importing it into an
empty store and exporting again gives identical bytes. Evidence files are copied to
files/<sha256> beside the JSON file or inside DIR, and rows name them in 'file'; a JSON export
to stdout carries the sha256 only.

options:
  --output FORMAT[:PATH]  json (default, stdout) or csv:DIR; repeatable
  --force                 overwrite the JSON file, or replace a non-empty DIR

example:
  ims export acme.ims --output json:backup/acme.json
  ims export acme.ims --output csv:acme-csv
)",
         run_export},
        {"plugins", "list, show or verify plugins", "ims plugins list|show ID|verify DIR",
         R"(list          every plugin found, loaded or refused, with the reason for a refusal
show ID       one plugin's manifest, state and native checks
verify DIR    runs the manifest, dependency and descriptor gates on the plugin in DIR;
              exit 0 when it would load, 1 when it is refused

Plugins are searched in --plugin-path, then IMS_PLUGIN_PATH (colon-separated), then
<dir of ims>/../lib/ims/plugins: the install dir, which the build tree mirrors.

options:
  --format text|json
  --plugin-path DIR also look for plugins in DIR (repeatable)

example:
  ims plugins list --format json
)",
         run_plugins},
        {"version", "print the versions of ims, its SDK ABI and libraries", "ims version",
         R"(options:
  --format text|json

example:
  ims version --format json
)",
         run_version},
        {"help", "show help for a command", "ims help [COMMAND]",
         R"(Without COMMAND lists the commands; with it, explains that command with an example.
'ims COMMAND --help' prints the same.

exit codes of every command:
  0 done, nothing at or above --fail-on
  1 findings at or above --fail-on, or a verification failed
  2 usage or configuration error, nothing evaluated
  3 incomplete: something could not be evaluated
  4 internal error, or an output could not be written
)",
         run_help},
    };
    return kCommands;
}

int run_help(Invocation& inv) {
    QCommandLineParser parser;
    if (!parse(parser, inv, 0, 1)) return kExitOk;
    if (parser.positionalArguments().isEmpty()) {
        inv.out << "ims: an integrated management system host: standards as plugins, one store per\n"
                   "organisation, batch compliance checks.\n\nusage: ims COMMAND [ARGS]\n\ncommands:\n";
        for (const auto& c : commands()) {
            std::string name(c.name);
            inv.out << "  " << name << std::string(10 - name.size(), ' ') << c.summary << "\n";
        }
        inv.out << "\n'ims help COMMAND' explains one command with an example.\n";
        return kExitOk;
    }
    std::string name = to_std(parser.positionalArguments()[0]);
    const Command* c = find_command(name);
    if (c == nullptr) throw UsageError{"unknown command '" + name + "'; 'ims help' lists the commands"};
    inv.out << "usage: " << c->usage << "\n\n" << c->help;
    return kExitOk;
}

}  // namespace ims::cli
