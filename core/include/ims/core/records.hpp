// ims::records, the one way the organisation's records are written. Import, `ims evidence add`,
// `ims adopt` and every later front end (a web UI, a service) hand rows to a Batch bound to one
// write transaction; the Batch applies every rule of the data model once (types, enums, the key
// syntax, references, evidence files, adoption), collects every problem with where it came from,
// and says what changed. docs/records.md explains it for front-end authors.
// A Batch is used by one thread, inside the Store::write whose WriteTxn it was given.
//
//   store.write(actor, [&](store::WriteTxn& txn) {
//       records::Options options;
//       options.installed = &library;
//       records::Batch batch(txn, std::move(options));
//       records::Row person(model::entity("person"));
//       person["id"] = "P-7";
//       person["name"] = "Ann Other";
//       person.source = {"people form", 0, "/people/0"};
//       batch.add(person);
//       changes = batch.finish();  // throws records::Refused, so the write rolls back
//   });
#pragma once

#include "ims/core/catalog.hpp"
#include "ims/core/error.hpp"
#include "ims/core/model.hpp"
#include "ims/core/store.hpp"

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ims::records {

// Where a row came from, so that a problem says where to fix it. All parts are optional.
struct Source {
    std::string name;     // the input: a file's path, a form, "--control C-1"
    int line = 0;         // in a text input (CSV), the line the row starts on
    std::string pointer;  // in a JSON input, the row's JSON pointer, e.g. "/people/3"

    // "people.csv:14", "acme.json: /people/3", "--control C-1"; "" when nothing is known.
    std::string text() const;
};

// How a row is written when a record with its id is already stored.
enum class Mode {
    kReplace,  // the row is the whole record: the fields it leaves out become empty (import)
    kUpdate,   // only the fields given change; the others keep their stored values
};

// One record as a front end hands it over: a value per field of its entity, in the order of
// entity.fields. A null value (or an empty string) is a field not given. Values are JSON-typed:
// strings (dates too), integers, booleans, arrays of strings for list fields, and for evidence a
// "file" path, which the batch copies into the vault.
struct Row {
    explicit Row(const model::Entity& type);
    // Out of line: this header knows nlohmann::json only by name (json_fwd.hpp); a front end
    // includes <nlohmann/json.hpp> to give values.
    Row(const Row& other);
    Row(Row&& other) noexcept;
    Row& operator=(const Row& other);
    Row& operator=(Row&& other) noexcept;
    ~Row();

    // The value of `field`; throws ims::Error(kInternal) for a field the entity does not have.
    nlohmann::json& operator[](std::string_view field);
    const nlohmann::json& operator[](std::string_view field) const;
    // The value of `field` in if_new (which it sizes to the fields first).
    nlohmann::json& when_new(std::string_view field);
    // Sets every value to null and empties if_new (keeping entity and source), to reuse the row.
    void clear();

    const model::Entity* entity;
    std::vector<nlohmann::json> values;
    // Values used only when no record with this id is stored yet, where `values` gives none
    // (e.g. the kind of a new piece of evidence). Empty, or one per field like `values`.
    std::vector<nlohmann::json> if_new;
    Source source;
    // For evidence: the folder a "file" path is relative to and must stay inside, reached
    // without symbolic links (an import's folder; "" is the current folder). Without one, the
    // path is opened as given (a file the user named).
    std::optional<std::string> files_inside;
};

// One problem with a row or with an input as a whole.
struct Problem {
    Source source;
    std::string entity;  // "person"; empty for a problem with the input as a whole
    std::string id;      // the row's id, when its key fields could be read
    std::string field;   // the field at fault, if one is
    std::string what;    // e.g. "expected a date YYYY-MM-DD, got '2026-02-30'"
    // A sentence said once after all the problems, however many carry it: a long list the
    // problems refer to ("the entity collections are: ...").
    std::string note = {};

    // The one-line message: "people.csv:14: person 'P-014', field 'email': WHAT",
    // "acme.json: /people/3/email: person 'P-014': WHAT", or without a source
    // "person 'P-014', field 'email': WHAT".
    std::string text() const;
};

// Thrown by Batch::finish when anything was refused: an ims::Error(kInvalidInput) whose message
// lists the problems one per line ("3 problems; nothing was imported:\n  ..."), carrying them for
// front ends that show each one beside its input. At most kListed are kept; total() counts all.
class Refused : public Error {
public:
    static constexpr std::size_t kListed = 100;
    Refused(std::vector<Problem> problems, std::size_t total, const std::string& nothing_done);
    const std::vector<Problem>& problems() const { return problems_; }
    std::size_t total() const { return total_; }

private:
    std::vector<Problem> problems_;
    std::size_t total_;
};

// What a batch did to one entity type.
struct EntityChanges {
    std::string entity;
    std::size_t added = 0, changed = 0, unchanged = 0;
};
struct Changes {
    std::vector<EntityChanges> entities;  // in model order; only the types the batch wrote
    std::size_t files_stored = 0;         // evidence files copied into the vault (new or not)
};

// One row the batch wrote (or found unchanged), for front ends that list them (a dry run).
struct Change {
    const model::Entity& entity;
    std::string_view id;
    store::PutOutcome outcome;
    const std::vector<std::string_view>& fields;  // kChanged: the fields whose values changed
};

struct Options {
    // The installed standards: adoption syncs their catalogs, references to requirements name
    // them. Without it nothing can be adopted.
    const catalog::Library* installed = nullptr;
    // How messages name the batch: with "import", "no person 'P-9' in the store or in this
    // import" and "...; nothing was imported"; when empty, "no person 'P-9' in the store" and
    // "...; nothing was written".
    std::string noun;
    // Called for every row written or found unchanged, in the order given.
    std::function<void(const Change&)> on_change;
    // A batch remembers which ids it was given, not where each came from, so that a batch of any
    // size needs the same memory. For ids given twice it asks this function where each was given
    // first (`keys` as "entity|id", the answer in the same order; a front end reads its input
    // again). Without it, the message says "earlier in this NOUN".
    std::function<std::vector<std::optional<Source>>(const std::vector<std::string>& keys)>
        first_sources;
};

// Writes rows inside one write transaction, checking each against the data model and the store.
// A row with a problem is not written; rows after it still are, so that every problem is found.
// finish() throws Refused when there was any problem, which rolls the whole transaction back.
// Memory does not grow with the number of rows (a bit per row aside), except for references to
// rows given later, which are kept until finish().
class Batch {
public:
    Batch(store::WriteTxn& txn, Options options);
    ~Batch();
    Batch(const Batch&) = delete;
    Batch& operator=(const Batch&) = delete;

    // Checks the row (required fields, types, enums, the key syntax, references, evidence file)
    // and writes it. A reference may name a row given later in the batch. Rows of adopted
    // standards sync the standard's catalog from its plugin first.
    void add(const Row& row, Mode mode = Mode::kReplace);

    // Adopts an installed standard: syncs its catalog into the store and records the adoption.
    // Adopting again re-syncs the catalog and keeps the recorded date and scope unless new ones
    // are given; a first adoption without a date is dated today (UTC).
    void adopt(const std::string& standard_id, const std::optional<std::string>& on,
               const std::optional<std::string>& scope, const Source& source = {});

    // A problem the front end found itself (a file it cannot read, a cell it cannot parse),
    // reported with the batch's own.
    void report(Problem problem);
    // Says a row was given but could not be read (its problems reported), so that references to
    // it are not reported as missing too.
    void refused(const Row& row);

    bool has_problems() const;

    // Checks the references to rows given later, then throws Refused listing every problem, or
    // returns what the batch changed. Call once, after the last row.
    Changes finish();

private:
    struct State;
    std::unique_ptr<State> state_;
};

// The id a row of `entity` is stored under: its key fields' values joined with '|' ("org" for
// the organisation); empty while a key field is missing.
std::string row_id(const model::Entity& entity, const std::vector<nlohmann::json>& values);

}  // namespace ims::records
