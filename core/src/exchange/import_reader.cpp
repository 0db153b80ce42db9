// Reading import files row by row: CSV files through formats::CsvReader, JSON documents one
// collection element at a time. Each row is handed to the sink as soon as it is read.
#include "exchange/import_reader.hpp"

#include "exchange/import_problems.hpp"
#include "formats/csv.hpp"
#include "formats/json_reader.hpp"
#include "ims/core/error.hpp"
#include "model/cells.hpp"

#include <algorithm>
#include <exception>
#include <optional>

namespace ims::exchange {

namespace fs = std::filesystem;

namespace {

using model::Entity;
using model::EntityKind;
using records::Problem;
using records::Row;
using records::Source;

std::string extension_of(const fs::path& path) {
    auto ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    return ext;
}

// The folder evidence paths of a file's rows are relative to ("" is the current folder).
std::string folder_of(const fs::path& path) {
    return path.parent_path().string();
}

std::size_t field_index(const Entity& entity, const model::Field& field) {
    return static_cast<std::size_t>(&field - entity.fields.data());
}

// Reads one CSV file of the collection its name gives.
class CsvFile {
public:
    CsvFile(const fs::path& path, RowSink& sink) : path_(path), file_(path.string()), sink_(sink) {}

    void read(formats::CsvReader& reader) {
        Importable found = importable(path_.stem().string());
        if (!found.entity)
            return sink_.problem(
                {{file_, 0, {}}, {}, {}, {}, "the file name " + found.problem, found.note});
        const Entity& entity = *found.entity;
        formats::CsvRecord record;
        if (!next(reader, record) || !read_header(entity, record)) return;
        Row row(entity);
        row.source.name = file_;
        row.files_inside = folder_of(path_);
        while (next(reader, record)) read_row(row, record);
    }

private:
    // The next record, or false at the end or at a problem with the file (reported); what the
    // sink throws (a full disk, say) goes on as it is.
    bool next(formats::CsvReader& reader, formats::CsvRecord& record) {
        try {
            return reader.next(record);
        } catch (const Error& e) {
            sink_.problem({{}, {}, {}, {}, e.what()});
            return false;
        }
    }

    bool read_header(const Entity& entity, const formats::CsvRecord& header) {
        bool ok = true;
        for (const auto& name : header.cells) {
            const model::Field* field = entity.field(name);
            const Source at{file_, header.line, {}};
            if (!field) {
                sink_.problem({at,
                               {},
                               {},
                               {},
                               "column '" + name + "': " + std::string(entity.name) +
                                   " has no such field; its fields are: " + field_list(entity)});
                ok = false;
            } else if (std::find(columns_.begin(), columns_.end(), field) != columns_.end()) {
                sink_.problem({at, {}, {}, {}, "column '" + name + "' appears twice"});
                ok = false;
            }
            columns_.push_back(field);
        }
        return ok;
    }

    void read_row(Row& row, const formats::CsvRecord& record) {
        const Entity& entity = *row.entity;
        row.clear();
        row.source.line = record.line;
        if (record.cells.size() != columns_.size()) {
            sink_.problem({row.source,
                           {},
                           {},
                           {},
                           "this row has " + std::to_string(record.cells.size()) +
                               " cells; the header has " + std::to_string(columns_.size()) +
                               " (a cell holding a comma must be quoted)"});
            return;
        }
        bad_.clear();
        for (std::size_t c = 0; c < columns_.size(); ++c) {
            auto cell = model::parse_cell(*columns_[c], record.cells[c]);
            row.values[field_index(entity, *columns_[c])] = std::move(cell.value);
            if (cell.problem) bad_.emplace_back(c, std::move(*cell.problem));
        }
        if (bad_.empty()) return sink_.row(row);
        const std::string id = records::row_id(entity, row.values);
        for (auto& [c, what] : bad_)
            sink_.problem({row.source, std::string(entity.name), id, std::string(columns_[c]->name),
                           std::move(what)});
        sink_.refused(row);
    }

    const fs::path& path_;
    const std::string file_;
    RowSink& sink_;
    std::vector<const model::Field*> columns_;
    std::vector<std::pair<std::size_t, std::string>> bad_;
};

// Reads one JSON document, {"format": "ims-import/1", "people": [...], "organisation": {...}},
// element by element as the parser completes them (formats::stream_json_object).
class JsonDocument : public formats::JsonObjectStream {
public:
    JsonDocument(const fs::path& path, RowSink& sink)
        : path_(path), file_(path.string()), sink_(sink) {}

    // Reads the document from `read` (a text or a file), reporting a problem with its text as
    // the file's; what the sink throws (a full disk, say) goes on as it is.
    template <class Read>
    void read(Read&& read) {
        try {
            read(*this);
        } catch (const Stopped&) {
            std::rethrow_exception(sink_error_);
        } catch (const Error& e) {
            sink_.problem({{}, {}, {}, {}, e.what()});
        }
    }

    bool array(const std::string& key) override {
        const std::string pointer = "/" + key;
        if (key == "format") return problem(pointer, "expected \"ims-import/1\", got an array");
        Importable found = importable(key);
        if (!found.entity) return problem(pointer, found.problem, found.note);
        if (found.entity->kind == EntityKind::kSingleton)
            return problem(
                pointer, "expected a " + std::string(found.entity->name) + " object, got an array");
        row_.emplace(*found.entity);
        row_->source.name = file_;
        row_->files_inside = folder_of(path_);
        return true;
    }

    void element(const std::string& key, std::size_t index, nlohmann::json item) override {
        add(*row_, "/" + key + "/" + std::to_string(index), item);
    }

    void member(const std::string& key, nlohmann::json value) override {
        const std::string pointer = "/" + key;
        if (key == "format") {
            if (value != "ims-import/1")
                problem(pointer, "expected \"ims-import/1\", got " + value.dump());
            return;
        }
        Importable found = importable(key);
        if (!found.entity) {
            problem(pointer, found.problem, found.note);
        } else if (found.entity->kind != EntityKind::kSingleton) {
            problem(pointer, "expected an array of " + std::string(found.entity->name) +
                                 " objects, got " + formats::json_type_name(value));
        } else {
            Row row(*found.entity);
            row.source.name = file_;
            row.files_inside = folder_of(path_);
            add(row, pointer, value);
        }
    }

    void not_an_object(nlohmann::json value) override {
        problem("", "expected a JSON object with one array per collection, got " +
                        formats::json_type_name(value));
    }

private:
    struct Stopped {};  // the sink threw: the parse stops and its error goes on

    bool problem(const std::string& pointer, std::string what, std::string note = {}) {
        sink_.problem({{file_, 0, pointer}, {}, {}, {}, std::move(what), std::move(note)});
        return false;
    }

    void add(Row& row, const std::string& pointer, const nlohmann::json& item) {
        const Entity& entity = *row.entity;
        if (!item.is_object()) {
            problem(pointer, "expected a " + std::string(entity.name) + " object, got " +
                                 formats::json_type_name(item));
            return;
        }
        row.clear();
        row.source.pointer = pointer;
        for (const auto& [name, value] : item.items()) {
            const model::Field* field = entity.field(name);
            if (!field) {
                problem(pointer + "/" + name, std::string(entity.name) + " has no field '" + name +
                                                  "'; its fields are: " + field_list(entity));
                continue;
            }
            row.values[field_index(entity, *field)] = value;
        }
        try {
            sink_.row(row);
        } catch (...) {
            sink_error_ = std::current_exception();
            throw Stopped{};
        }
    }

    const fs::path& path_;
    const std::string file_;
    RowSink& sink_;
    std::optional<Row> row_;  // the rows of the array being read, reused element by element
    std::exception_ptr sink_error_;
};

}  // namespace

bool is_import_file(const fs::path& path) {
    const auto ext = extension_of(path);
    return ext == ".json" || ext == ".csv";
}

bool is_json_file(const fs::path& path) {
    return extension_of(path) == ".json";
}

void read_import_text(std::string_view text, const fs::path& path, RowSink& sink) {
    if (is_json_file(path)) {
        const std::string file = path.string();
        return JsonDocument(path, sink).read([&](formats::JsonObjectStream& document) {
            formats::stream_json_object(text, file, document);
        });
    }
    formats::CsvReader reader(text, path.string());
    CsvFile(path, sink).read(reader);
}

void read_import_file(const fs::path& path, RowSink& sink) {
    if (!is_import_file(path))
        return sink.problem(
            {{},
             {},
             {},
             {},
             path.string() + ": expected a .json or .csv file, or a folder of them"});
    const std::string file = path.string();
    // Only opening and reading the file are the file's problems: what the sink throws (a full
    // disk, say) goes on as it is.
    if (is_json_file(path))
        return JsonDocument(path, sink).read([&](formats::JsonObjectStream& document) {
            formats::stream_json_object_file(file, document);
        });
    std::optional<formats::CsvReader> reader;
    try {
        reader.emplace(formats::CsvReader::open_file(file));
    } catch (const Error& e) {
        return sink.problem({{}, {}, {}, {}, e.what()});
    }
    CsvFile(path, sink).read(*reader);
}

}  // namespace ims::exchange
