// `ims import`: the files named, in an order that lets references point backwards (documents,
// then CSV files in model order), read row by row into one records::Batch.
#include "exchange/import_reader.hpp"
#include "ims/core/error.hpp"
#include "ims/core/exchange.hpp"

#include <algorithm>
#include <map>

namespace ims::exchange {
namespace {

namespace fs = std::filesystem;

// The rank of a file in the import's order: JSON documents first, then CSV files in the order of
// the model (people before the evidence they own), so that most references point to rows already
// written and need not wait for the end of the batch.
std::size_t rank_of(const fs::path& path) {
    if (is_json_file(path)) return 0;
    const auto* entity = model::entity_by_collection(path.stem().string());
    return entity ? 1 + static_cast<std::size_t>(entity - model::entities().data())
                  : model::entities().size() + 1;
}

// The files to read, in order; a folder gives the import files at its top level.
std::vector<fs::path> files_of(const std::vector<std::string>& paths, records::Batch& batch) {
    std::vector<fs::path> files;
    for (const auto& given : paths) {
        const fs::path path(given);
        if (!fs::exists(path))
            throw Error(ErrorCode::kNotFound, given + ": no such file or folder");
        if (!fs::is_directory(path)) {
            files.push_back(path);
            continue;
        }
        std::size_t found = 0;
        for (const auto& entry : fs::directory_iterator(path))
            if (entry.is_regular_file() && is_import_file(entry.path())) {
                files.push_back(entry.path());
                ++found;
            }
        if (found == 0)
            batch.report({{}, {}, {}, {}, given + ": the folder holds no .json or .csv files"});
    }
    std::stable_sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
        const auto ra = rank_of(a), rb = rank_of(b);
        return ra != rb ? ra < rb : a < b;
    });
    return files;
}

class BatchSink : public RowSink {
public:
    explicit BatchSink(records::Batch& batch) : batch_(batch) {}
    void row(const records::Row& row) override { batch_.add(row); }
    void refused(const records::Row& row) override { batch_.refused(row); }
    void problem(records::Problem problem) override { batch_.report(std::move(problem)); }

private:
    records::Batch& batch_;
};

// Reads the files again to find where each of `keys` ("entity|id") was given first: a batch
// keeps no row's source, so that an import of any size needs the same memory.
class FirstSources : public RowSink {
public:
    explicit FirstSources(const std::vector<std::string>& keys) {
        for (std::size_t i = 0; i < keys.size(); ++i) wanted_.emplace(keys[i], i);
        found_.resize(keys.size());
    }
    void row(const records::Row& row) override {
        auto it = wanted_.find(std::string(row.entity->name) + "|" +
                               records::row_id(*row.entity, row.values));
        if (it != wanted_.end() && !found_[it->second]) found_[it->second] = row.source;
    }
    void refused(const records::Row&) override {}
    void problem(records::Problem) override {}
    std::vector<std::optional<records::Source>> take() { return std::move(found_); }

private:
    std::map<std::string, std::size_t> wanted_;
    std::vector<std::optional<records::Source>> found_;
};

records::Options options_for(const catalog::Library& installed,
                             const std::function<void(const records::Change&)>& on_change) {
    records::Options options;
    options.installed = &installed;
    options.noun = "import";
    options.on_change = on_change;
    return options;
}

}  // namespace

records::Changes import_files(store::WriteTxn& txn, const std::vector<std::string>& paths,
                              const catalog::Library& installed,
                              const std::function<void(const records::Change&)>& on_change) {
    records::Options options = options_for(installed, on_change);
    std::vector<fs::path> files;
    options.first_sources = [&files](const std::vector<std::string>& keys) {
        FirstSources sources(keys);
        for (const auto& file : files) read_import_file(file, sources);
        return sources.take();
    };
    records::Batch batch(txn, std::move(options));
    files = files_of(paths, batch);
    BatchSink sink(batch);
    for (const auto& file : files) read_import_file(file, sink);
    return batch.finish();
}

records::Changes import_text(store::WriteTxn& txn, std::string_view text, const std::string& path,
                             const catalog::Library& installed) {
    records::Options options = options_for(installed, {});
    options.first_sources = [&](const std::vector<std::string>& keys) {
        FirstSources sources(keys);
        read_import_text(text, path, sources);
        return sources.take();
    };
    records::Batch batch(txn, std::move(options));
    BatchSink sink(batch);
    read_import_text(text, path, sink);
    return batch.finish();
}

}  // namespace ims::exchange
