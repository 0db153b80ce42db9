// The parts of docs/data-model.md generated from the data model: the field table of every entity
// and the table of link views. ims_schemagen (`make schema`) writes them; a test checks the page
// holds what the model gives. Internal to libims_core.
#pragma once

#include <string>

namespace ims::store {

// `page` with each generated part (between "<!-- generated: NAME -->" and
// "<!-- end generated: NAME -->") replaced by what the model gives now. Throws
// ims::Error(kInvalidInput) when a part's markers are missing.
std::string refresh_data_model_page(const std::string& page);

}  // namespace ims::store
