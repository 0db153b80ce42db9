// Rows as front ends hand them to a Batch, the ids they are stored under, and how problems with
// them are worded: one wording for import, `ims evidence add`, `ims adopt` and later front ends.
#include "ims/core/records.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace ims::records {
namespace {

std::size_t field_index(const model::Entity& entity, std::string_view field) {
    for (std::size_t i = 0; i < entity.fields.size(); ++i)
        if (entity.fields[i].name == field) return i;
    throw Error(ErrorCode::kInternal,
                std::string(entity.name) + " has no field '" + std::string(field) + "'");
}

// Where a source is, with the field appended to a JSON pointer: "people.csv:14",
// "acme.json: /people/3/email", "--control C-1"; "" for no source at all.
std::string place(const Source& source, std::string_view field) {
    if (!source.pointer.empty())
        return (source.name.empty() ? "" : source.name + ": ") + source.pointer +
               (field.empty() ? "" : "/" + std::string(field));
    if (source.line > 0) return source.name + ":" + std::to_string(source.line);
    return source.name;
}

}  // namespace

std::string Source::text() const {
    return place(*this, {});
}

Row::Row(const model::Entity& type) : entity(&type), values(type.fields.size()) {}
Row::Row(const Row& other) = default;
Row::Row(Row&& other) noexcept = default;
Row& Row::operator=(const Row& other) = default;
Row& Row::operator=(Row&& other) noexcept = default;
Row::~Row() = default;

nlohmann::json& Row::operator[](std::string_view field) {
    return values[field_index(*entity, field)];
}

const nlohmann::json& Row::operator[](std::string_view field) const {
    return values[field_index(*entity, field)];
}

nlohmann::json& Row::when_new(std::string_view field) {
    if_new.resize(values.size());
    return if_new[field_index(*entity, field)];
}

void Row::clear() {
    for (auto& value : values) value = nullptr;
    if_new.clear();
}

std::string row_id(const model::Entity& entity, const std::vector<nlohmann::json>& values) {
    if (entity.kind == model::EntityKind::kSingleton) return "org";
    std::string id;
    for (std::size_t k = 0; k < entity.key.size(); ++k) {
        const nlohmann::json& value = values[field_index(entity, entity.key[k])];
        if (value.is_null()) return {};
        if (k) id += '|';
        if (value.is_string()) {
            const auto& text = value.get_ref<const std::string&>();
            if (text.empty()) return {};
            id += text;
        } else {
            id += value.dump();
        }
    }
    return id;
}

std::string Problem::text() const {
    std::string at = place(source, entity.empty() ? "" : field);
    if (!at.empty()) at += ": ";
    if (entity.empty()) return at + what;
    std::string subject = entity + (id.empty() ? "" : " '" + id + "'");
    if (!field.empty() && source.pointer.empty()) subject += ", field '" + field + "'";
    return at + subject + ": " + what;
}

namespace {

std::string refusal_message(const std::vector<Problem>& problems, std::size_t total,
                            const std::string& nothing_done) {
    std::vector<std::string_view> notes;
    for (const auto& p : problems)
        if (!p.note.empty() && std::find(notes.begin(), notes.end(), p.note) == notes.end())
            notes.push_back(p.note);
    if (total == 1 && problems.size() == 1) {
        std::string message = problems.front().text();
        for (auto n : notes) message += "; " + std::string(n);
        return message + "; " + nothing_done;
    }
    std::string message = std::to_string(total) + " problems; " + nothing_done + ":";
    for (const auto& p : problems) message += "\n  " + p.text();
    if (total > problems.size())
        message += "\n  ... and " + std::to_string(total - problems.size()) + " more";
    for (auto n : notes) message += "\n" + std::string(n);
    return message;
}

}  // namespace

Refused::Refused(std::vector<Problem> problems, std::size_t total, const std::string& nothing_done)
    : Error(ErrorCode::kInvalidInput, refusal_message(problems, total, nothing_done)),
      problems_(std::move(problems)),
      total_(total) {}

}  // namespace ims::records
