// The write path's change-log payload: built without a JSON tree, it must be the bytes
// nlohmann::json::dump() gives for the row, which `ims verify` derives from the table again.
#include "store/row_writer.hpp"
#include "ims/core/error.hpp"
#include "ims/core/model.hpp"

#include <gtest/gtest.h>

namespace {

using ims::store::Cells;

const std::vector<std::string> kTexts = {"plain",
                                         "quote \" and back\\slash /",
                                         std::string("controls \x01\x1f\b\f\n\r\t and NUL \0.", 27),
                                         "UTF-8: \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80",
                                         "DEL \x7F",
                                         ""};

nlohmann::json value_for(const ims::model::Field& field, std::size_t k) {
    using ims::model::FieldType;
    const std::string& text = kTexts[k % kTexts.size()];
    if (field.type == FieldType::kInteger) return k % 2 ? int64_t{-42} : int64_t{1234567890123};
    if (field.type == FieldType::kBoolean) return k % 2 == 0;
    if (field.is_list()) return nlohmann::json::array({"a", text});
    return text;
}

TEST(RowWriter, PayloadIsTheTextNlohmannDumpsForEveryEntity) {
    std::size_t k = 0;
    for (const auto& entity : ims::model::entities()) {
        const auto& table = ims::store::table_sql(entity);
        Cells cells(table.columns.size());
        nlohmann::json row = nlohmann::json::object();
        for (std::size_t i = 0; i < table.columns.size(); ++i, ++k) {
            const auto* field = table.columns[i].field;
            if (k % 5 == 4) continue;  // NULL columns are left out
            nlohmann::json value = field ? value_for(*field, k) : nlohmann::json(kTexts[k % 5]);
            ims::store::set_cell(cells[i], value);
            row[table.columns[i].name] = value;
            EXPECT_EQ(ims::store::json_of(cells[i], field), value) << entity.name;
        }
        EXPECT_EQ(ims::store::payload_of(table, cells), row.dump()) << entity.name;
    }
}

TEST(RowWriter, PayloadRefusesTextThatIsNotUtf8) {
    const auto& table = ims::store::table_sql(ims::model::entity("person"));
    Cells cells(table.columns.size());
    cells[0].set_text("P-1");
    cells[1].set_text("Caf\xE9");
    EXPECT_THROW(ims::store::payload_of(table, cells), ims::Error);
}

}  // namespace
