// Entity layouts, built for every entity at first use.
#include "records/layout.hpp"

#include "store/rows.hpp"

namespace ims::records {
namespace {

Layout build(const model::Entity& entity) {
    const auto& columns = store::table_sql(entity).columns;
    Layout layout;
    for (const auto& field : entity.fields) {
        std::size_t column = columns.size();
        for (std::size_t c = 0; c < columns.size(); ++c)
            if (columns[c].field == &field) column = c;
        layout.column.push_back(column);
        const bool fixed_target =
            (field.type == model::FieldType::kRef || field.type == model::FieldType::kRefList) &&
            field.target_from.empty();
        layout.target.push_back(fixed_target ? &model::entity(field.target) : nullptr);
    }
    return layout;
}

}  // namespace

std::size_t index_of(const model::Entity& entity) {
    return static_cast<std::size_t>(&entity - model::entities().data());
}

const Layout& layout_of(const model::Entity& entity) {
    static const std::vector<Layout> kLayouts = [] {
        std::vector<Layout> all;
        for (const auto& e : model::entities()) all.push_back(build(e));
        return all;
    }();
    return kLayouts[index_of(entity)];
}

}  // namespace ims::records
