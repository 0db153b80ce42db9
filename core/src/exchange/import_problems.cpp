// The wording of problems with import files as a whole.
#include "exchange/import_problems.hpp"

#include <algorithm>
#include <vector>

namespace ims::exchange {
namespace {

using model::EntityKind;

std::string collection_names() {
    std::string out;
    for (const auto& e : model::entities())
        if (e.kind != EntityKind::kCatalog)
            out += (out.empty() ? "" : ", ") + std::string(e.collection);
    return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

// The collection a mistyped name most likely meant: an entity named so ("control" for
// "controls"), or a collection at most two edits away; "" when none is close.
std::string closest_collection(std::string_view name) {
    if (name.empty()) return {};
    std::string best;
    std::size_t best_distance = std::min<std::size_t>(2, (name.size() - 1) / 2) + 1;
    for (const auto& e : model::entities()) {
        if (e.kind == EntityKind::kCatalog) continue;
        const std::size_t distance =
            std::min(edit_distance(name, e.collection), edit_distance(name, e.name));
        if (distance < best_distance) {
            best = std::string(e.collection);
            best_distance = distance;
        }
    }
    return best;
}

}  // namespace

Importable importable(std::string_view collection) {
    const model::Entity* entity = model::entity_by_collection(collection);
    if (entity && entity->kind == EntityKind::kCatalog)
        return {nullptr,
                "'" + std::string(collection) +
                    "' cannot be imported: catalogs come from plugins; list the standard "
                    "in adopted_standards instead",
                {}};
    if (entity) return {entity, {}, {}};
    const std::string suggestion = closest_collection(collection);
    if (suggestion.empty())
        return {nullptr, "'" + std::string(collection) + "' is not an entity collection",
                "the entity collections are: " + collection_names()};
    return {nullptr,
            "'" + std::string(collection) + "' is not an entity collection (did you mean '" +
                suggestion + "'?)",
            {}};
}

std::string field_list(const model::Entity& entity) {
    std::string out;
    for (const auto& f : entity.fields) out += (out.empty() ? "" : ", ") + std::string(f.name);
    return out;
}

}  // namespace ims::exchange
