// The wording of problems with import files as a whole.
#include "exchange/import_problems.hpp"

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

}  // namespace

Importable importable(std::string_view collection) {
    const model::Entity* entity = model::entity_by_collection(collection);
    if (entity && entity->kind == EntityKind::kCatalog)
        return {nullptr, "'" + std::string(collection) +
                             "' cannot be imported: catalogs come from plugins; list the standard "
                             "in adopted_standards instead"};
    if (!entity)
        return {nullptr,
                "'" + std::string(collection) +
                    "' is not an entity collection; expected one of: " + collection_names()};
    return {entity, {}};
}

std::string field_list(const model::Entity& entity) {
    std::string out;
    for (const auto& f : entity.fields) out += (out.empty() ? "" : ", ") + std::string(f.name);
    return out;
}

}  // namespace ims::exchange
