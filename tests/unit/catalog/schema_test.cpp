// Every shipped manifest, catalog and mapping file validates against the JSON Schemas that the
// SDK publishes for plugin authors (sdk/schema/v1), so the schemas and the host agree.
#include "ims/core/model.hpp"
#include "formats/json_reader.hpp"

#include <gtest/gtest.h>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {

class PublishedSchema {
public:
    explicit PublishedSchema(const std::string& name)
        : document_(ims::formats::read_json_file(std::string(IMS_SOURCE_DIR) + "/sdk/schema/v1/" + name)) {
        valijson::SchemaParser parser;
        valijson::adapters::NlohmannJsonAdapter adapter(document_);
        parser.populateSchema(adapter, schema_);
    }

    // Empty when `file` is valid, else every error with its JSON pointer-ish context.
    std::string errors(const std::string& file) const {
        nlohmann::json doc = ims::formats::read_json_file(file);
        valijson::Validator validator;
        valijson::ValidationResults results;
        valijson::adapters::NlohmannJsonAdapter adapter(doc);
        if (validator.validate(schema_, adapter, &results)) return "";
        std::string out;
        valijson::ValidationResults::Error error;
        while (results.popError(error)) {
            std::string where;
            for (const auto& part : error.context) where += part;
            out += file + ": " + where + ": " + error.description + "\n";
        }
        return out;
    }

private:
    nlohmann::json document_;
    valijson::Schema schema_;
};

std::vector<std::string> plugin_dirs() {
    std::vector<std::string> dirs;
    for (const auto& entry : fs::directory_iterator(IMS_BUILD_PLUGIN_DIR))
        if (fs::exists(entry.path() / "plugin.json")) dirs.push_back(entry.path().string());
    dirs.push_back(std::string(IMS_FIXTURE_PLUGIN_DIR) + "/acme-sec");
    return dirs;
}

TEST(PublishedSchemas, ShippedFilesValidate) {
    PublishedSchema manifest("plugin.schema.json"), catalog("catalog.schema.json"), mapping("mapping.schema.json");
    int files = 0;
    for (const auto& dir : plugin_dirs()) {
        EXPECT_EQ(manifest.errors(dir + "/plugin.json"), "");
        auto m = ims::formats::read_json_file(dir + "/plugin.json");
        for (const auto& f : m.value("catalogs", nlohmann::json::array())) {
            EXPECT_EQ(catalog.errors(dir + "/" + f.get<std::string>()), "");
            ++files;
        }
        for (const auto& f : m.value("mappings", nlohmann::json::array())) {
            EXPECT_EQ(mapping.errors(dir + "/" + f.get<std::string>()), "");
            ++files;
        }
    }
    EXPECT_GE(files, 20);
}

TEST(PublishedSchemas, RejectAManifestTheHostRejects) {
    PublishedSchema manifest("plugin.schema.json");
    auto path = fs::temp_directory_path() / "ims-schema-test-plugin.json";
    std::ofstream(path) << R"({"format": "ims-plugin/1", "id": "x", "name": "X", "version": "1.0.0", "sdk_abi": "1.0.0"})";
    EXPECT_NE(manifest.errors(path.string()), "");
    fs::remove(path);
}

// The published import schema is the model's own (`make schema` writes it), and it accepts the
// import files that ims accepts and rejects what ims rejects.
TEST(PublishedSchemas, ImportSchemaIsGeneratedFromTheModel) {
    const std::string path = std::string(IMS_SOURCE_DIR) + "/sdk/schema/v1/import.schema.json";
    const std::string generated = ims::model::import_schema().dump(2) + "\n";
    std::ifstream in(path, std::ios::binary);
    std::string published((std::istreambuf_iterator<char>(in)), {});
    EXPECT_EQ(published, generated) << "sdk/schema/v1/import.schema.json is stale; run `make schema`";
}

TEST(PublishedSchemas, ImportSchemaAcceptsTheFixtureAndRejectsBadRows) {
    PublishedSchema schema("import.schema.json");
    EXPECT_EQ(schema.errors(std::string(IMS_SOURCE_DIR) + "/tests/fixtures/import/mini/acme.json"), "");
    EXPECT_EQ(schema.errors(std::string(IMS_SOURCE_DIR) + "/examples/acme/acme.json"), "");
    auto path = fs::temp_directory_path() / "ims-schema-test-import.json";
    for (const char* bad : {R"({"people": [{"id": "P-1"}]})", R"({"risks": [{"id": "R", "title": "t", "likelihood": 9, "impact": 1, "status": "open"}]})",
                            R"({"peeple": []})", R"({"people": [{"id": "P-1", "name": "A", "started_on": "1 May"}]})"}) {
        std::ofstream(path) << bad;
        EXPECT_NE(schema.errors(path.string()), "") << bad;
    }
    fs::remove(path);
}

}  // namespace
