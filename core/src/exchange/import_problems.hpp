// How import problems with a file as a whole are worded: collections and fields a file names that
// the model does not have. Problems with rows are worded by ims::records. Internal to libims_core.
#pragma once

#include "ims/core/model.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace ims::exchange {

// The entity whose rows a collection holds, or why there is none: "'control' is not an entity
// collection (did you mean 'controls'?)", or, with nothing close, the same without the
// suggestion and the list of collections as a note; or that catalogs cannot be imported.
struct Importable {
    const model::Entity* entity = nullptr;
    std::string problem;
    std::string note = {};
};
Importable importable(std::string_view collection);

// "id, name, email, ...": the fields of an entity, for messages.
std::string field_list(const model::Entity& entity);

}  // namespace ims::exchange
