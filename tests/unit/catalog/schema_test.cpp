// Every shipped manifest, catalog, mapping and check file validates against the JSON Schemas that
// the SDK publishes for plugin authors (sdk/schema/v1), so the schemas and the host agree.
#include "formats/json_reader.hpp"
#include "ims/core/checks.hpp"
#include "ims/core/error.hpp"
#include "ims/core/model.hpp"
#include "published_schema.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace {

using ims::test::PublishedSchema;

std::vector<std::string> plugin_dirs() {
    std::vector<std::string> dirs;
    for (const auto& entry : fs::directory_iterator(IMS_BUILD_PLUGIN_DIR))
        if (fs::exists(entry.path() / "plugin.json")) dirs.push_back(entry.path().string());
    dirs.push_back(std::string(IMS_FIXTURE_PLUGIN_DIR) + "/acme-sec");
    dirs.push_back(std::string(IMS_FIXTURE_PLUGIN_DIR) + "/engine-checks");
    return dirs;
}

TEST(PublishedSchemas, ShippedFilesValidate) {
    PublishedSchema manifest("plugin.schema.json"), catalog("catalog.schema.json"),
        mapping("mapping.schema.json"), check("check.schema.json");
    int files = 0, checks = 0;
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
        for (const auto& f : m.value("checks", nlohmann::json::array())) {
            EXPECT_EQ(check.errors(dir + "/" + f.get<std::string>()), "");
            ++checks;
        }
    }
    EXPECT_GE(files, 20);
    EXPECT_GE(checks, 6) << "the engine's fixture plugin alone has six check files";
}

TEST(PublishedSchemas, RejectAManifestTheHostRejects) {
    PublishedSchema manifest("plugin.schema.json");
    auto path = fs::temp_directory_path() / "ims-schema-test-plugin.json";
    std::ofstream(path)
        << R"({"format": "ims-plugin/1", "id": "x", "name": "X", "version": "1.0.0", "sdk_abi": "1.0.0"})";
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
    EXPECT_EQ(published, generated)
        << "sdk/schema/v1/import.schema.json is stale; run `make schema`";
}

TEST(PublishedSchemas, ImportSchemaAcceptsTheFixtureAndRejectsBadRows) {
    PublishedSchema schema("import.schema.json");
    EXPECT_EQ(schema.errors(std::string(IMS_SOURCE_DIR) + "/tests/fixtures/import/mini/acme.json"),
              "");
    EXPECT_EQ(schema.errors(std::string(IMS_SOURCE_DIR) + "/examples/acme/acme.json"), "");
    auto path = fs::temp_directory_path() / "ims-schema-test-import.json";
    for (
        const char* bad :
        {R"({"people": [{"id": "P-1"}]})",
         R"({"risks": [{"id": "R", "title": "t", "likelihood": 9, "impact": 1, "status": "open"}]})",
         R"({"peeple": []})",
         R"({"people": [{"id": "P-1", "name": "A", "started_on": "1 May"}]})"}) {
        std::ofstream(path) << bad;
        EXPECT_NE(schema.errors(path.string()), "") << bad;
    }
    fs::remove(path);
}

}  // namespace

namespace {

// A check file the host and the published schema both accept, and variations both refuse.
const nlohmann::json kGoodCheck = {
    {"format", "ims-check/1"},
    {"id", "acme/overdue"},
    {"title", "Actions are done in time"},
    {"summary", "Open actions past their due date."},
    {"severity", "minor"},
    {"requirements", {"hs/10.nc"}},
    {"subject_type", "corrective_action"},
    {"parameters", {{"grace_days", {{"type", "integer"}, {"default", 0}, {"summary", "days"}}}}},
    {"remedy", "Close them."},
    {"native", "acme.overdue"}};

TEST(PublishedSchemas, CheckSchemaAndHostRefuseTheSameCheckFiles) {
    PublishedSchema schema("check.schema.json");
    EXPECT_EQ(schema.errors_of(kGoodCheck, "good"), "");
    EXPECT_NO_THROW(ims::checks::parse_definition(kGoodCheck.dump(), "good.json", "acme"));
    const std::vector<std::pair<std::string, nlohmann::json>> bad = {
        {"/format", {{"format", "ims-checks/1"}}},
        {"/id", {{"id", "acme/Overdue"}}},
        {"/severity", {{"severity", "critical"}}},
        {"/requirements", {{"requirements", nlohmann::json::array()}}},
        {"/requirements/0", {{"requirements", {"10.nc"}}}},
        {"/subject_type", {{"subject_type", "Corrective action"}}},
        {"/parameters/grace_days/default",
         {{"parameters",
           {{"grace_days", {{"type", "integer"}, {"default", "0"}, {"summary", "d"}}}}}}},
        {"/parameters/as_of",
         {{"parameters",
           {{"as_of", {{"type", "date"}, {"default", "2026-01-01"}, {"summary", "d"}}}}}}},
        {"/remedy", {{"remedy", ""}}},
        {"/query", {{"query", "overdue.sql"}}},  // beside "native": both given
        {"/colour", {{"colour", "red"}}},
    };
    for (const auto& [pointer, change] : bad) {
        nlohmann::json doc = kGoodCheck;
        doc.merge_patch(change);
        EXPECT_NE(schema.errors_of(doc, pointer), "") << pointer;
        try {
            ims::checks::parse_definition(doc.dump(), "bad.json", "acme");
            ADD_FAILURE() << "the host accepted " << pointer;
        } catch (const ims::Error& e) {
            EXPECT_EQ(std::string(e.what()).rfind("bad.json: " + pointer + ": ", 0), 0u)
                << e.what();
        }
    }
}

TEST(CheckParameters, ReadTypedValuesAndRefuseOthers) {
    using ims::checks::ParameterType;
    using ims::checks::parse_parameter;
    EXPECT_EQ(parse_parameter(ParameterType::kInteger, "-12"), "-12");
    EXPECT_EQ(parse_parameter(ParameterType::kInteger, "1.5"), std::nullopt);
    EXPECT_EQ(parse_parameter(ParameterType::kInteger, "six"), std::nullopt);
    EXPECT_EQ(parse_parameter(ParameterType::kNumber, "0.05"), "0.05");
    EXPECT_EQ(parse_parameter(ParameterType::kNumber, "007.50"), "7.5");
    EXPECT_EQ(parse_parameter(ParameterType::kInteger, "007"), "7");
    EXPECT_EQ(parse_parameter(ParameterType::kNumber, "5%"), std::nullopt);
    EXPECT_EQ(parse_parameter(ParameterType::kBoolean, "true"), "true");
    EXPECT_EQ(parse_parameter(ParameterType::kBoolean, "yes"), std::nullopt);
    EXPECT_EQ(parse_parameter(ParameterType::kDate, "2026-02-29"), std::nullopt);
    EXPECT_EQ(parse_parameter(ParameterType::kDate, "2028-02-29"), "2028-02-29");
    EXPECT_EQ(parse_parameter(ParameterType::kText, ""), "");
}

}  // namespace
