// Writing checked import rows into a store: duplicate ids, adopted standards, references and
// evidence files are resolved first, then every row is upserted through the one write path.
#include "ims/core/error.hpp"
#include "ims/core/exchange.hpp"
#include "exchange/import_problems.hpp"
#include "util/open_file.hpp"

#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace ims::exchange {
namespace {

namespace fs = std::filesystem;
using model::Entity;
using model::EntityKind;
using model::Field;
using model::FieldType;

// The ids each entity has, in the store (as this transaction sees it) or in the import.
class Known {
public:
    Known(store::WriteTxn& txn, const std::vector<SourceRow>& rows,
          const catalog::Library& installed)
        : txn_(txn), installed_(installed) {
        for (const auto& row : rows) imported_[std::string(row.entity->name)].insert(row_id(row));
        txn.for_each("adopted_standard",
                     [&](const nlohmann::json& r) { adopted_.insert(r["id"].get<std::string>()); });
    }

    // Why `id` does not resolve to a `target`, or "" when it does.
    std::string problem(std::string_view target, const std::string& id) {
        if (target == "requirement") return requirement_problem(id);
        if (target == "standard") {
            if (adopted_.count(id)) return {};
            if (installed_.find(id) || ids("standard").count(id))
                return "standard '" + id +
                       "' is not adopted; list it in adopted_standards or run 'ims adopt'";
            return "no standard '" + id + "' is installed or adopted";
        }
        if (ids(target).count(id) ||
            (imported_.count(std::string(target)) && imported_[std::string(target)].count(id)))
            return {};
        return "no " + std::string(target) + " '" + id + "' in the store or in this import";
    }

private:
    const std::unordered_set<std::string>& ids(std::string_view entity) {
        auto [it, added] = stored_.try_emplace(std::string(entity));
        auto& found = it->second;  // clang 14 (fuzz preset) cannot capture a structured binding
        if (added)
            txn_.for_each(entity,
                          [&](const nlohmann::json& r) { found.insert(r["id"].get<std::string>()); });
        return found;
    }

    std::string requirement_problem(const std::string& id) {
        if (requirement_standard_.empty())
            txn_.for_each("requirement", [&](const nlohmann::json& r) {
                requirement_standard_.emplace(r["id"].get<std::string>(),
                                              r["standard_id"].get<std::string>());
            });
        auto it = requirement_standard_.find(id);
        if (it != requirement_standard_.end() && adopted_.count(it->second)) return {};
        auto slash = id.find('/');
        std::string standard = it != requirement_standard_.end() ? it->second : id.substr(0, slash);
        if (installed_.find_requirement(id) || it != requirement_standard_.end())
            return "requirement '" + id + "' belongs to " + standard +
                   ", which is not adopted; list it in adopted_standards or run 'ims adopt'";
        std::string adopted;
        for (const auto& a : adopted_) adopted += (adopted.empty() ? "" : ", ") + a;
        return "no requirement '" + id + "' in the adopted standards (" +
               (adopted.empty() ? "none adopted" : adopted) + ")";
    }

    store::WriteTxn& txn_;
    const catalog::Library& installed_;
    std::set<std::string> adopted_;
    std::unordered_map<std::string, std::unordered_set<std::string>> stored_, imported_;
    std::unordered_map<std::string, std::string> requirement_standard_;
};

// The entity a reference field points at in this row ("" for a free-text source such as a
// self-assessment).
std::string_view target_of(const Field& field, const SourceRow& row) {
    if (field.target_from.empty()) return field.target;
    auto it = row.values.find(std::string(field.target_from));
    if (it == row.values.end() || !it->is_string()) return {};
    const std::string& source = it->get_ref<const std::string&>();
    for (const auto& e : model::entities())
        if (e.name == source) return e.name;
    return {};
}

void check_references(const SourceRow& row, Known& known, Problems& problems) {
    for (const auto& field : row.entity->fields) {
        if (field.type != FieldType::kRef && field.type != FieldType::kRefList) continue;
        auto it = row.values.find(std::string(field.name));
        if (it == row.values.end() || it->is_null()) continue;
        std::string_view target = target_of(field, row);
        if (target.empty()) continue;
        if (it->is_string()) {
            if (auto p = known.problem(target, it->get<std::string>()); !p.empty())
                problems.add(locate(row, field.name) + p);
            continue;
        }
        for (const auto& item : *it)
            if (auto p = known.problem(target, item.get<std::string>()); !p.empty())
                problems.add(locate(row, field.name) + p);
    }
}

fs::path evidence_file(const SourceRow& row) {
    auto it = row.values.find("file");
    if (it == row.values.end() || !it->is_string()) return {};
    return fs::path(row.source->base_dir) / it->get<std::string>();
}

// The row's evidence file opened for reading, or why it may not be read: it must be a regular
// file inside the folder of the import file, reached without symbolic links, so that an import
// cannot copy arbitrary files of the machine into the store (and out again by export). The vault
// reads it only through this descriptor, so a path swapped for a link after the check cannot
// lead elsewhere.
struct EvidenceFile {
    util::UniqueFd fd;
    std::string problem;
};

EvidenceFile open_evidence_file(const SourceRow& row) {
    const std::string given = row.values["file"].get<std::string>();
    const std::string file = evidence_file(row).string();
    util::OpenedInside opened = util::open_inside(row.source->base_dir, given);
    switch (opened.refusal) {
        case util::Refusal::kNone:
            return {std::move(opened.fd), {}};
        case util::Refusal::kAbsolute:
            return {{},
                    "'" + given + "' is an absolute path; give a path relative to the import file"};
        case util::Refusal::kParent:
            return {{},
                    "'" + given +
                        "' leads outside the import file's folder; keep evidence files "
                        "beside or below it"};
        case util::Refusal::kSymlink:
            return {{},
                    "'" + given + "': '" + opened.component +
                        "' is a symbolic link; evidence files must be regular files inside the "
                        "import file's folder, reached without links"};
        case util::Refusal::kNotAFolder:
            return {{}, "'" + given + "': '" + opened.component + "' is not a folder"};
        case util::Refusal::kMissing:
            return {{}, file + ": no such file (paths are relative to the import file)"};
        case util::Refusal::kNotARegularFile:
            return {{}, file + ": not a regular file"};
        case util::Refusal::kUnreadable:
            return {{}, file + ": cannot read the file: " + opened.reason};
    }
    return {{}, file + ": cannot read the file"};
}

// The row as the store writes it: columns instead of field names, the id derived where needed.
nlohmann::json to_columns(const SourceRow& row) {
    nlohmann::json out = nlohmann::json::object();
    out["id"] = row_id(row);
    for (const auto& field : row.entity->fields) {
        if (!field.stored()) continue;
        auto it = row.values.find(std::string(field.name));
        if (it != row.values.end() && !it->is_null()) out[std::string(field.column_name())] = *it;
    }
    return out;
}

std::vector<std::string> changed_fields(const Entity& entity, const nlohmann::json& before,
                                        const nlohmann::json& after) {
    std::vector<std::string> fields;
    for (const auto& field : entity.fields) {
        std::string column(field.column_name());
        if (!field.stored() || column == "id") continue;
        if (before.value(column, nlohmann::json()) != after.value(column, nlohmann::json()))
            fields.emplace_back(field.name);
    }
    return fields;
}

class Writer {
public:
    Writer(store::WriteTxn& txn, ImportReport& report) : txn_(txn), report_(report) {}

    void put(const SourceRow& row, nlohmann::json columns) {
        auto& changes = changes_for(row.entity->name);
        nlohmann::json previous;
        std::string id = columns["id"];
        switch (txn_.put(row.entity->name, columns, &previous)) {
            case store::PutOutcome::kAdded:
                changes.added.push_back(id);
                break;
            case store::PutOutcome::kChanged:
                changes.changed.emplace_back(id, changed_fields(*row.entity, previous, columns));
                break;
            case store::PutOutcome::kUnchanged:
                ++changes.unchanged;
                break;
        }
    }

    // Copies the row's evidence file into the vault and fills in sha256 and file_name.
    // Returns false when the file is not the one the row's sha256 names.
    bool store_file(const SourceRow& row, nlohmann::json& columns, Problems& problems) {
        fs::path file = evidence_file(row);
        if (file.empty()) return true;
        EvidenceFile opened = open_evidence_file(row);
        if (!opened.problem.empty()) {
            problems.add(locate(row, "file") + opened.problem);
            return false;
        }
        std::string sha;
        try {
            sha = txn_.add_blob(opened.fd.get(), file.string());
        } catch (const Error& e) {
            problems.add(locate(row, "file") + e.what());
            return false;
        }
        ++report_.files_stored;
        if (columns.contains("sha256") && columns["sha256"] != sha) {
            problems.add(locate(row, "sha256") + "the file " + file.string() + " has sha256 " +
                         sha + ", not the one given; it changed since it was exported");
            return false;
        }
        columns["sha256"] = sha;
        if (!columns.contains("file_name")) columns["file_name"] = file.filename().string();
        return true;
    }

private:
    EntityChanges& changes_for(std::string_view entity) {
        for (auto& c : report_.entities)
            if (c.entity == entity) return c;
        report_.entities.push_back({std::string(entity), {}, {}, 0});
        return report_.entities.back();
    }

    store::WriteTxn& txn_;
    ImportReport& report_;
};

}  // namespace

ImportReport import_rows(store::WriteTxn& txn, const std::vector<SourceRow>& rows,
                         const catalog::Library& installed) {
    Problems problems;
    std::map<std::pair<std::string_view, std::string>, const SourceRow*> seen;
    for (const auto& row : rows) {
        auto [it, added] = seen.try_emplace({row.entity->name, row_id(row)}, &row);
        if (!added)
            problems.add(locate(row) + "the same " + std::string(row.entity->name) +
                         " is also defined at " + place(*it->second) +
                         "; each id may appear once in an import");
    }
    for (const auto& row : rows) {
        if (row.entity->name != "adopted_standard") continue;
        std::string id = row_id(row);
        if (!installed.find(id)) {
            std::string names;
            for (const auto& s : installed.standards()) names += (names.empty() ? "" : ", ") + s.id;
            problems.add(locate(row, "standard_id") + "no installed plugin provides '" + id +
                         "' (installed: " + names + ")");
        }
    }
    problems.throw_if_any();

    ImportReport report;
    Writer writer(txn, report);
    for (const auto& row : rows)
        if (row.entity->name == "adopted_standard") {
            catalog::sync_standard(txn, *installed.find(row_id(row)));
            writer.put(row, to_columns(row));
        }

    Known known(txn, rows, installed);
    for (const auto& row : rows) {
        check_references(row, known, problems);
        fs::path file = evidence_file(row);
        if (!file.empty())
            if (auto problem = open_evidence_file(row).problem; !problem.empty())
                problems.add(locate(row, "file") + problem);
        auto sha = row.values.find("sha256");
        if (file.empty() && sha != row.values.end() && sha->is_string() &&
            !txn.has_blob(sha->get<std::string>()))
            problems.add(locate(row, "sha256") +
                         "the vault holds no file with this hash; give the file with 'file'");
    }
    problems.throw_if_any();

    for (const auto& entity : model::entities()) {
        if (entity.name == "adopted_standard") continue;
        for (const auto& row : rows) {
            if (row.entity != &entity) continue;
            nlohmann::json columns = to_columns(row);
            if (writer.store_file(row, columns, problems)) writer.put(row, std::move(columns));
        }
    }
    problems.throw_if_any();
    return report;
}

}  // namespace ims::exchange
