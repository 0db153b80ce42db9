// The manifest gate on data-only plugins written by the test.
#include "ims/core/plugins.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace {

std::string make_plugin(const ims::test::TempDir& dir, const std::string& name, const std::string& manifest) {
    std::string folder = dir.file(name);
    std::filesystem::create_directories(folder);
    std::ofstream(folder + "/plugin.json") << manifest;
    return folder;
}

TEST(ManifestGate, NamesTheFileLineAndColumnOfMalformedJson) {
    ims::test::TempDir dir;
    std::string folder = make_plugin(dir, "broken", "{\n  \"id\": \"broken\",\n  \"name\" \"x\"\n}\n");
    ims::plugins::Manifest m;
    auto refusal = ims::plugins::check_manifest(folder, m);
    ASSERT_TRUE(refusal);
    EXPECT_EQ(refusal->rfind("plugin at " + folder + " has an invalid manifest: " + folder +
                                 "/plugin.json:3:12: malformed JSON: syntax error", 0),
              0u)
        << *refusal;
}

TEST(ManifestGate, NamesThePointerOfAWrongField) {
    ims::test::TempDir dir;
    std::string folder = make_plugin(dir, "p", R"({"format": "ims-plugin/1", "id": "p", "name": "P",
        "version": "1.0.0", "sdk_abi": "1.0", "requires": [{"id": "core", "version": 3}]})");
    ims::plugins::Manifest m;
    auto refusal = ims::plugins::check_manifest(folder, m);
    ASSERT_TRUE(refusal);
    EXPECT_EQ(*refusal, "plugin at " + folder + " has an invalid manifest: " + folder +
                            "/plugin.json: /requires/0/version: expected a string, got a number");
}

TEST(ManifestGate, RefusesAMissingDataFile) {
    ims::test::TempDir dir;
    std::string folder = make_plugin(dir, "p", R"({"format": "ims-plugin/1", "id": "p", "name": "P",
        "version": "1.0.0", "sdk_abi": "1.0", "catalogs": ["catalog.json"]})");
    ims::plugins::Manifest m;
    auto refusal = ims::plugins::check_manifest(folder, m);
    ASSERT_TRUE(refusal);
    EXPECT_EQ(*refusal, "plugin 'p': data file 'catalog.json' listed in plugin.json is missing from " + folder);
}

TEST(Dependencies, RefusesAPluginWhoseRequirementIsMissingOrTooOld) {
    ims::test::TempDir dir;
    make_plugin(dir, "a", R"({"format": "ims-plugin/1", "id": "a", "name": "A", "version": "1.0.0",
        "sdk_abi": "1.0", "requires": [{"id": "nowhere", "version": ">=1.0.0"}]})");
    make_plugin(dir, "b", R"({"format": "ims-plugin/1", "id": "b", "name": "B", "version": "1.0.0",
        "sdk_abi": "1.0", "requires": [{"id": "c", "version": ">=2.0.0"}]})");
    make_plugin(dir, "c", R"({"format": "ims-plugin/1", "id": "c", "name": "C", "version": "1.5.0",
        "sdk_abi": "1.0"})");
    ims::plugins::PluginHost host({dir.path()});
    EXPECT_EQ(host.find("a")->error, "plugin 'a' needs plugin 'nowhere' >=1.0.0, which is not installed");
    EXPECT_EQ(host.find("b")->error, "plugin 'b' needs plugin 'c' >=2.0.0; this host has 'c' 1.5.0");
    EXPECT_TRUE(host.find("c")->loaded());
}

}  // namespace

namespace {

TEST(Dependencies, SaysRefusedWhenTheRequiredPluginWasRefused) {
    ims::test::TempDir dir;
    make_plugin(dir, "base", R"({"format": "ims-plugin/1", "id": "base", "name": "B", "version": "1.0.0",
        "sdk_abi": "9.0"})");
    make_plugin(dir, "user", R"({"format": "ims-plugin/1", "id": "user", "name": "U", "version": "1.0.0",
        "sdk_abi": "1.0", "requires": [{"id": "base", "version": "^1.0"}]})");
    ims::plugins::PluginHost host({dir.path()});
    EXPECT_EQ(host.find("base")->error, "plugin 'base' needs SDK ABI 9.0; this host provides 1.0");
    EXPECT_EQ(host.find("user")->error, "plugin 'user' needs plugin 'base' ^1.0, which was refused");
}

TEST(ManifestGate, SdkAbiIsMajorDotMinorOnly) {
    ims::test::TempDir dir;
    std::string folder = make_plugin(dir, "p", R"({"format": "ims-plugin/1", "id": "p", "name": "P",
        "version": "1.0.0", "sdk_abi": "1.0.0"})");
    ims::plugins::Manifest m;
    auto refusal = ims::plugins::check_manifest(folder, m);
    ASSERT_TRUE(refusal);
    EXPECT_EQ(*refusal, "plugin 'p' declares sdk_abi \"1.0.0\", which is not MAJOR.MINOR; this host provides 1.0");
}

}  // namespace
