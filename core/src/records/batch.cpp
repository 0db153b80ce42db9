// The Batch: every rule a record must meet before it is written, applied to one row at a time
// as front ends hand rows over, and written straight through the store's row writer, so that a
// batch of any size needs the same memory. Problems are collected, not thrown, until finish().
#include "ims/core/records.hpp"

#include "records/evidence_file.hpp"
#include "records/layout.hpp"
#include "records/references.hpp"
#include "records/rowid_set.hpp"
#include "store/row_writer.hpp"

#include <QDateTime>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>
#include <unordered_set>

namespace ims::records {
namespace {

using model::Entity;
using model::Field;
using model::FieldType;

// A reference that did not resolve when its row was written; it may name a row given later.
struct Pending {
    const Entity* target;
    std::string id;
    Problem where;
};

bool absent(const nlohmann::json& value) {
    return value.is_null() || (value.is_string() && value.get_ref<const std::string&>().empty());
}

std::string key_of(const Entity& entity, const std::string& id) {
    return std::string(entity.name) + "|" + id;
}

// The evidence fields its rules name: their numbers among the entity's fields and their columns.
struct EvidenceFields {
    std::size_t file, sha256, file_name;
    std::size_t sha256_column, file_name_column, collected_on_column, valid_until_column;
};

const EvidenceFields& evidence_fields() {
    static const EvidenceFields kFields = [] {
        const Entity& evidence = model::entity("evidence");
        auto number = [&](std::string_view name) {
            return static_cast<std::size_t>(evidence.field(name) - evidence.fields.data());
        };
        const Layout& layout = layout_of(evidence);
        return EvidenceFields{number("file"),
                              number("sha256"),
                              number("file_name"),
                              layout.column[number("sha256")],
                              layout.column[number("file_name")],
                              layout.column[number("collected_on")],
                              layout.column[number("valid_until")]};
    }();
    return kFields;
}

std::string today_utc() {
    return QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate).toStdString();
}

}  // namespace

struct Batch::State {
    State(store::WriteTxn& t, Options o)
        : txn(t),
          options(std::move(o)),
          references(t, options.installed, options.noun),
          writers(model::entities().size()),
          seen(model::entities().size()),
          changes(model::entities().size()) {
        store::RowWriter::defer_foreign_keys(txn);
        store::RowWriter::skip_check_constraints(txn, true);  // every value is checked here
    }
    ~State() {
        try {
            store::RowWriter::skip_check_constraints(txn, false);
        } catch (const Error&) {  // a connection that failed; the next write fails as well
        }
    }

    void add(const Row& row, Mode mode);
    bool check_values(const Row& row, Mode mode, bool stored);
    bool kept(const Entity& entity, std::size_t f) const;
    void build_cells(const Row& row, Mode mode, bool stored);
    void apply_rules(const Row& row);
    void store_evidence_file(const Row& row, const std::string& path);
    void check_references(const Row& row);
    void write(const Row& row, bool stored);
    void problem(const Row& row, std::string_view field, std::string what);
    void report(Problem p);
    store::RowWriter& writer(const Entity& entity);
    Changes finish();

    store::WriteTxn& txn;
    Options options;
    References references;
    std::vector<Problem> problems;
    std::size_t total = 0;
    std::vector<std::unique_ptr<store::RowWriter>> writers;
    std::vector<RowidSet> seen;
    std::vector<EntityChanges> changes;
    std::unordered_set<std::string> refused;
    std::vector<Pending> pending;
    std::vector<std::pair<Problem, std::string>> repeats;  // the problem, "entity|id"
    std::set<std::string> synced;
    std::size_t files_stored = 0;
    bool finished = false;

    // The row being added; kept between rows so that adding one allocates little.
    std::string id;
    store::Cells cells, stored_cells;
    int64_t rowid = 0;
    std::vector<std::size_t> changed;
    std::vector<std::string_view> changed_fields;
};

void Batch::State::report(Problem p) {
    ++total;
    if (problems.size() < Refused::kListed) problems.push_back(std::move(p));
}

void Batch::State::problem(const Row& row, std::string_view field, std::string what) {
    report(
        {row.source, std::string(row.entity->name), id, std::string(field), std::move(what), {}});
}

store::RowWriter& Batch::State::writer(const Entity& entity) {
    auto& w = writers[index_of(entity)];
    if (!w) w = std::make_unique<store::RowWriter>(txn, entity);
    return *w;
}

// Whether the stored row read into stored_cells has a value for field `f` (a stored field).
bool Batch::State::kept(const Entity& entity, std::size_t f) const {
    const std::size_t column = layout_of(entity).column[f];
    return column < stored_cells.size() && stored_cells[column].kind != store::Cell::Kind::kNull;
}

// Required fields present, every value of its field's type, key parts without '|'. A field
// not given is satisfied by the stored record (kUpdate) or, for a new record, by if_new.
bool Batch::State::check_values(const Row& row, Mode mode, bool stored) {
    const Entity& entity = *row.entity;
    const std::size_t before = total;
    for (std::size_t i = 0; i < entity.fields.size(); ++i) {
        const Field& field = entity.fields[i];
        const nlohmann::json* value = &row.values[i];
        if (absent(*value) && !stored && !row.if_new.empty()) value = &row.if_new[i];
        if (absent(*value)) {
            if (field.required && !(stored && mode == Mode::kUpdate && kept(entity, i)))
                problem(row, field.name, "is required (" + model::describe(field) + ")");
            continue;
        }
        if (auto what = model::check_field(entity, field, *value)) problem(row, field.name, *what);
    }
    return total == before;
}

void Batch::State::build_cells(const Row& row, Mode mode, bool stored) {
    const Entity& entity = *row.entity;
    const auto& columns = writer(entity).table().columns;
    cells.resize(columns.size());
    cells[0].set_text(id);
    for (std::size_t c = 1; c < columns.size(); ++c) {
        const auto f = static_cast<std::size_t>(columns[c].field - entity.fields.data());
        const nlohmann::json& given = row.values[f];
        if (!absent(given))
            store::set_cell(cells[c], given);
        else if (stored && mode == Mode::kUpdate)
            cells[c] = stored_cells[c];
        else if (!stored && !row.if_new.empty() && !absent(row.if_new[f]))
            store::set_cell(cells[c], row.if_new[f]);
        else
            cells[c].set_null();
    }
}

void Batch::State::store_evidence_file(const Row& row, const std::string& path) {
    EvidenceFile file = open_evidence_file(row.files_inside, path);
    if (!file.problem.empty()) return problem(row, "file", file.problem);
    std::string sha;
    try {
        sha = txn.add_blob(file.fd.get(), file.name);
    } catch (const Error& e) {
        return problem(row, "file", e.what());
    }
    ++files_stored;
    const EvidenceFields& fields = evidence_fields();
    const nlohmann::json& given_sha = row.values[fields.sha256];
    if (!absent(given_sha) && given_sha != sha)
        return problem(row, "sha256",
                       "the file " + file.name + " has sha256 " + sha +
                           ", not the one given; it changed since it was exported");
    cells[fields.sha256_column].set_text(sha);
    if (absent(row.values[fields.file_name]))
        cells[fields.file_name_column].set_text(std::filesystem::path(path).filename().string());
}

// The rules that concern one entity: adopting syncs the catalog; evidence brings its file.
void Batch::State::apply_rules(const Row& row) {
    const Entity& entity = *row.entity;
    if (entity.name == "adopted_standard") {
        const catalog::Standard* standard =
            options.installed ? options.installed->find(id) : nullptr;
        if (!standard)
            return problem(row, "standard_id",
                           "no installed plugin provides '" + id +
                               "' (installed: " + references.installed_names() + ")");
        if (synced.insert(id).second) catalog::sync_standard(txn, *standard);
        references.adopted(id);
        return;
    }
    if (entity.name != "evidence") return;
    const EvidenceFields& fields = evidence_fields();
    if (const auto& file = row.values[fields.file]; !absent(file)) {
        store_evidence_file(row, file.get<std::string>());
    } else if (const auto& sha = row.values[fields.sha256];
               !absent(sha) && !txn.has_blob(sha.get<std::string>())) {
        problem(row, "sha256", "the vault holds no file with this hash; give the file with 'file'");
    }
    const auto& collected = cells[fields.collected_on_column];
    const auto& valid_until = cells[fields.valid_until_column];
    if (collected.kind == store::Cell::Kind::kText &&
        valid_until.kind == store::Cell::Kind::kText && valid_until.text < collected.text)
        problem(row, "valid_until",
                "is " + valid_until.text + ", before collected_on " + collected.text);
}

void Batch::State::check_references(const Row& row) {
    const Entity& entity = *row.entity;
    for (std::size_t i = 0; i < entity.fields.size(); ++i) {
        const Field& field = entity.fields[i];
        if (field.type != FieldType::kRef && field.type != FieldType::kRefList) continue;
        const nlohmann::json* value = &row.values[i];
        if (absent(*value) && !row.if_new.empty()) value = &row.if_new[i];
        if (absent(*value)) continue;
        const Entity* target = target_of(entity, i, row.values);
        if (!target) continue;
        auto check = [&](const std::string& ref) {
            if (entity.name == "adopted_standard" && ref == id) return;  // its own key
            if (references.problem(*target, ref).empty()) return;
            pending.push_back(
                {target,
                 ref,
                 {row.source, std::string(entity.name), id, std::string(field.name), {}, {}}});
        };
        if (value->is_string())
            check(value->get<std::string>());
        else
            for (const auto& item : *value) check(item.get<std::string>());
    }
}

void Batch::State::write(const Row& row, bool stored) {
    const Entity& entity = *row.entity;
    store::RowWriter& w = writer(entity);
    store::PutOutcome outcome = store::PutOutcome::kAdded;
    changed_fields.clear();
    if (!stored && w.insert(cells, rowid)) {
        seen[index_of(entity)].insert(rowid);
    } else {
        if (!stored) w.read(id, stored_cells, rowid);
        RowidSet& rows = seen[index_of(entity)];
        if (rows.contains(rowid)) {
            repeats.emplace_back(Problem{row.source, std::string(entity.name), id, {}, {}, {}},
                                 key_of(entity, id));
            ++total;
            return;
        }
        rows.insert(rowid);
        w.update(cells, stored_cells, changed);
        outcome = changed.empty() ? store::PutOutcome::kUnchanged : store::PutOutcome::kChanged;
        for (std::size_t c : changed) changed_fields.emplace_back(w.table().columns[c].name);
    }
    EntityChanges& counts = changes[index_of(entity)];
    counts.entity = entity.name;
    ++(outcome == store::PutOutcome::kAdded     ? counts.added
       : outcome == store::PutOutcome::kChanged ? counts.changed
                                                : counts.unchanged);
    if (options.on_change) options.on_change({entity, id, outcome, changed_fields});
}

void Batch::State::add(const Row& row, Mode mode) {
    const Entity& entity = *row.entity;
    id = row_id(entity, row.values);
    if (id.empty() && !row.if_new.empty()) id = row_id(entity, row.if_new);
    if (entity.kind == model::EntityKind::kCatalog) {
        problem(row, {}, "catalogs come from plugins and cannot be written; adopt the standard");
        return;
    }
    const std::size_t before = total;
    bool stored = false;
    if (!id.empty() && (mode == Mode::kUpdate || !row.if_new.empty()))
        stored = writer(entity).read(id, stored_cells, rowid);
    if (check_values(row, mode, stored)) {
        build_cells(row, mode, stored);
        apply_rules(row);
        check_references(row);
    }
    if (total != before) {
        refused.insert(key_of(entity, id));
        return;
    }
    write(row, stored);
}

Changes Batch::State::finish() {
    if (finished) throw Error(ErrorCode::kInternal, "a records batch was finished twice");
    finished = true;
    for (auto& p : pending) {
        if (refused.count(key_of(*p.target, p.id))) continue;  // its own problems are reported
        std::string why = references.problem(*p.target, p.id);
        if (why.empty()) continue;
        p.where.what = std::move(why);
        report(std::move(p.where));
    }
    if (!repeats.empty()) {
        std::vector<std::string> keys;
        for (const auto& r : repeats) keys.push_back(r.second);
        std::vector<std::optional<Source>> firsts;
        if (options.first_sources) firsts = options.first_sources(keys);
        const std::string noun = options.noun.empty() ? "batch" : options.noun;
        for (std::size_t i = 0; i < repeats.size(); ++i) {
            Problem& p = repeats[i].first;
            const bool located = i < firsts.size() && firsts[i];
            p.what = "the same " + p.entity + " is also defined " +
                     (located ? "at " + firsts[i]->text() : "earlier in this " + noun) +
                     "; each id may appear once in " + (noun == "import" ? "an " : "a ") + noun;
            --total;  // counted when found
            report(std::move(p));
        }
    }
    if (total > 0)
        throw Refused(std::move(problems), total,
                      options.noun == "import" ? "nothing was imported" : "nothing was written");
    Changes out;
    for (auto& c : changes)
        if (!c.entity.empty()) out.entities.push_back(std::move(c));
    out.files_stored = files_stored;
    return out;
}

Batch::Batch(store::WriteTxn& txn, Options options)
    : state_(std::make_unique<State>(txn, std::move(options))) {}
Batch::~Batch() = default;

void Batch::add(const Row& row, Mode mode) {
    state_->add(row, mode);
}

void Batch::adopt(const std::string& standard_id, const std::optional<std::string>& on,
                  const std::optional<std::string>& scope, const Source& source) {
    Row row(model::entity("adopted_standard"));
    row["standard_id"] = standard_id;
    if (on) row["adopted_on"] = *on;
    if (scope) row["scope"] = *scope;
    row.when_new("adopted_on") = today_utc();
    row.source = source;
    add(row, Mode::kUpdate);
}

void Batch::report(Problem problem) {
    state_->report(std::move(problem));
}

void Batch::refused(const Row& row) {
    state_->refused.insert(key_of(*row.entity, row_id(*row.entity, row.values)));
}

bool Batch::has_problems() const {
    return state_->total > 0;
}

Changes Batch::finish() {
    return state_->finish();
}

}  // namespace ims::records
