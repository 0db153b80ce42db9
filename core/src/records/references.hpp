// Resolving the references of rows written through a Batch: ids of other records, requirements
// of adopted standards, adopted standards. Internal to core/src/records.
#pragma once

#include "ims/core/catalog.hpp"
#include "ims/core/model.hpp"
#include "ims/core/store.hpp"
#include "records/layout.hpp"
#include "store/row_writer.hpp"

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ims::records {

class References {
public:
    References(store::WriteTxn& txn, const catalog::Library* installed, std::string noun);

    // Why `id` does not resolve to a row of `target` as the store holds it now (rows the batch
    // wrote included), or "" when it does.
    std::string problem(const model::Entity& target, const std::string& id);
    // The batch adopted this standard: requirements of it now resolve.
    void adopted(const std::string& standard_id) { adopted_.insert(standard_id); }
    // "a, b" or "none": the installed standards, for messages.
    std::string installed_names() const;

private:
    bool stored(const model::Entity& target, const std::string& id);
    std::string requirement_problem(const std::string& id);
    std::optional<std::string> requirement_standard(const std::string& id);
    std::string standard_problem(const std::string& id);

    store::WriteTxn& txn_;
    const catalog::Library* installed_;
    std::string noun_;
    std::set<std::string> adopted_;
    // Per entity (model order): its rowid lookup and ids found lately. The cache is cleared when
    // it grows large, so that memory stays bounded however many rows refer to however many ids.
    std::vector<std::unique_ptr<store::RowWriter>> lookups_;
    std::vector<std::unordered_set<std::string>> found_;
    std::unordered_map<std::string, std::string> requirement_standards_;
    store::Cells cells_;
};

// The entity reference field `field` (the entity's field number) of a row points at: its
// target, or for a field whose target another field names (a finding's source), that entity;
// nullptr for none (a self-assessment).
const model::Entity* target_of(const model::Entity& entity, std::size_t field,
                               const std::vector<nlohmann::json>& values);

}  // namespace ims::records
