// Reference resolution for Batch: every reference is looked up in the store as the batch's
// transaction sees it, so rows written earlier in the batch resolve like stored ones.
#include "records/references.hpp"

#include "ims/core/error.hpp"

namespace ims::records {
namespace {

constexpr std::size_t kFoundCacheLimit = 4096;

}  // namespace

const model::Entity* target_of(const model::Entity& entity, std::size_t index,
                               const std::vector<nlohmann::json>& values) {
    if (const model::Entity* fixed = layout_of(entity).target[index]) return fixed;
    const model::Field& field = entity.fields[index];
    for (std::size_t i = 0; i < entity.fields.size(); ++i) {
        if (entity.fields[i].name != field.target_from) continue;
        if (!values[i].is_string()) return nullptr;
        const auto& named = values[i].get_ref<const std::string&>();
        for (const auto& e : model::entities())
            if (e.name == named) return &e;
    }
    return nullptr;
}

References::References(store::WriteTxn& txn, const catalog::Library* installed, std::string noun)
    : txn_(txn),
      installed_(installed),
      noun_(std::move(noun)),
      lookups_(model::entities().size()),
      found_(model::entities().size()) {
    txn.for_each("adopted_standard",
                 [&](const nlohmann::json& row) { adopted_.insert(row["id"].get<std::string>()); });
}

std::string References::installed_names() const {
    std::string names;
    if (installed_)
        for (const auto& s : installed_->standards()) names += (names.empty() ? "" : ", ") + s.id;
    return names.empty() ? "none" : names;
}

bool References::stored(const model::Entity& target, const std::string& id) {
    const std::size_t index = index_of(target);
    auto& found = found_[index];
    if (found.count(id)) return true;
    auto& lookup = lookups_[index];
    if (!lookup) lookup = std::make_unique<store::RowWriter>(txn_, target);
    if (lookup->rowid_of(id) == 0) return false;
    if (found.size() >= kFoundCacheLimit) found.clear();
    found.insert(id);
    return true;
}

std::string References::problem(const model::Entity& target, const std::string& id) {
    if (target.name == "requirement") return requirement_problem(id);
    if (target.name == "standard") return standard_problem(id);
    if (stored(target, id)) return {};
    return "no " + std::string(target.name) + " '" + id + "' in the store" +
           (noun_.empty() ? "" : " or in this " + noun_);
}

std::string References::standard_problem(const std::string& id) {
    if (adopted_.count(id)) return {};
    if ((installed_ && installed_->find(id)) || stored(model::entity("standard"), id))
        return "standard '" + id +
               "' is not adopted; list it in adopted_standards or run 'ims adopt'";
    return "no standard '" + id + "' is installed or adopted";
}

std::string References::requirement_problem(const std::string& id) {
    auto standard = requirement_standard(id);
    if (standard && adopted_.count(*standard)) return {};
    if (!standard && installed_ && installed_->find_requirement(id))
        standard = id.substr(0, id.find('/'));
    if (standard)
        return "requirement '" + id + "' belongs to " + *standard +
               ", which is not adopted; list it in adopted_standards or run 'ims adopt'";
    std::string adopted;
    for (const auto& a : adopted_) adopted += (adopted.empty() ? "" : ", ") + a;
    return "no requirement '" + id + "' in the adopted standards (" +
           (adopted.empty() ? "none adopted" : adopted) + ")";
}

std::optional<std::string> References::requirement_standard(const std::string& id) {
    if (auto it = requirement_standards_.find(id); it != requirement_standards_.end())
        return it->second;
    const model::Entity& requirement = model::entity("requirement");
    auto& lookup = lookups_[index_of(requirement)];
    if (!lookup) lookup = std::make_unique<store::RowWriter>(txn_, requirement);
    int64_t rowid = 0;
    if (!lookup->read(id, cells_, rowid)) return std::nullopt;
    const auto& columns = lookup->table().columns;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (columns[i].name != "standard_id") continue;
        if (requirement_standards_.size() >= kFoundCacheLimit) requirement_standards_.clear();
        return requirement_standards_[id] = cells_[i].text;
    }
    return std::nullopt;
}

}  // namespace ims::records
