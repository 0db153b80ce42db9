#include "exchange/import_problems.hpp"

#include "ims/core/error.hpp"

#include <algorithm>

namespace ims::exchange {
namespace {

constexpr std::size_t kMaxProblems = 100;

}  // namespace

void Problems::add(std::string problem) {
    if (problems_.size() < kMaxProblems)
        problems_.push_back(std::move(problem));
    else
        ++dropped_;
}

void Problems::note(std::string sentence) {
    if (std::find(notes_.begin(), notes_.end(), sentence) == notes_.end())
        notes_.push_back(std::move(sentence));
}

void Problems::throw_if_any() const {
    if (problems_.empty()) return;
    if (problems_.size() == 1) {
        std::string message = problems_.front();
        for (const auto& n : notes_) message += "; " + n;
        throw Error(ErrorCode::kInvalidInput, message + "; nothing was imported");
    }
    std::string message =
        std::to_string(problems_.size() + dropped_) + " problems; nothing was imported:";
    for (const auto& p : problems_) message += "\n  " + p;
    if (dropped_) message += "\n  ... and " + std::to_string(dropped_) + " more";
    for (const auto& n : notes_) message += "\n" + n;
    throw Error(ErrorCode::kInvalidInput, message);
}

std::string row_id(const SourceRow& row) {
    if (row.entity->kind == model::EntityKind::kSingleton) return "org";
    std::string id;
    for (std::size_t i = 0; i < row.entity->key.size(); ++i) {
        auto it = row.values.find(std::string(row.entity->key[i]));
        if (it == row.values.end() || it->is_null()) return {};
        std::string part = it->is_string() ? it->get<std::string>() : it->dump();
        if (part.empty()) return {};
        id += (i ? "|" : "") + part;
    }
    return id;
}

std::string place(const SourceRow& row, std::string_view field) {
    if (row.pointer.empty() && row.line > 0) return row.source->path + ":" + std::to_string(row.line);
    return row.source->path + ": " + row.pointer + (field.empty() ? "" : "/" + std::string(field));
}

std::string locate(const SourceRow& row, std::string_view field) {
    std::string id = row_id(row);
    std::string subject = std::string(row.entity->name) + (id.empty() ? "" : " '" + id + "'");
    bool csv = row.pointer.empty() && row.line > 0;
    std::string field_part = csv && !field.empty() ? ", field '" + std::string(field) + "'" : "";
    return place(row, field) + ": " + subject + field_part + ": ";
}

}  // namespace ims::exchange
