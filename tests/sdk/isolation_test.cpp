// Native code runs only when it must, and `plugins verify` runs it in a child process first:
// libraries that crash, abort, exit or hang while they load are refused with one sentence, and
// the commands that only read plugin data never load them. Runs the real `ims` binary.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>

using ims::test::run_ims;

namespace {

const std::string kFixtures = IMS_TEST_PLUGIN_DIR;
const std::string kExample = std::string(IMS_SOURCE_DIR) + "/examples/acme";

struct Misbehaving {
    std::string id;
    std::string refusal;  // what `plugins verify` says
};

void PrintTo(const Misbehaving& m, std::ostream* os) {
    *os << m.id;
}

class MisbehavingLibrary : public ::testing::TestWithParam<Misbehaving> {
protected:
    std::string dir() const { return kFixtures + "/" + GetParam().id; }

    // The output of the data commands with only the shipped plugins, to compare against.
    struct Outputs {
        std::string import, coverage, catalog, map;
    };
    static Outputs run_data_commands(const std::vector<std::string>& extra) {
        ims::test::TempDir dir;
        const std::string store = dir.file("acme.ims");
        Outputs out;
        auto expect_ok = [&](std::vector<std::string> args) {
            if (args[0] != "init") args.insert(args.end(), extra.begin(), extra.end());
            auto run = run_ims(args);
            EXPECT_EQ(run.exit_code, 0) << args[0] << ": " << run.err;
            return run.out;
        };
        expect_ok({"init", store, "--org", "Acme"});
        out.import = expect_ok({"import", store, kExample});
        out.coverage = expect_ok({"coverage", store, "--as-of", "2026-11-25"});
        out.catalog = expect_ok({"catalog", "iso27001:2022"});
        out.map = expect_ok({"map", "iso27001:2022/A.5.15"});
        return out;
    }
};

TEST_P(MisbehavingLibrary, PluginsVerifyRefusesItWithOneSentenceAndExitsOne) {
    auto run = run_ims({"plugins", "verify", dir(), "--timeout", "1", "--format", "json"});
    EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
    auto doc = run.json();
    EXPECT_EQ(doc["state"], "refused");
    EXPECT_EQ(doc["error"], GetParam().refusal);

    auto text = run_ims({"plugins", "verify", dir(), "--timeout", "1"});
    EXPECT_EQ(text.exit_code, 1);
    EXPECT_NE(text.out.find("refused: " + GetParam().refusal), std::string::npos) << text.out;
}

TEST_P(MisbehavingLibrary, DataCommandsBesideItWorkBecauseTheyNeverLoadIt) {
    static const Outputs expected = run_data_commands({});
    Outputs beside = run_data_commands({"--plugin-path", dir()});
    EXPECT_EQ(beside.import, expected.import);
    EXPECT_EQ(beside.coverage, expected.coverage);
    EXPECT_EQ(beside.catalog, expected.catalog);
    EXPECT_EQ(beside.map, expected.map);
    EXPECT_NE(expected.catalog.find("A.5.15"), std::string::npos) << expected.catalog;
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, MisbehavingLibrary,
    ::testing::Values(
        Misbehaving{"fixture-segv-on-load",
                    "plugin 'fixture-segv-on-load': its library crashed while loading (signal 11, "
                    "SIGSEGV)"},
        Misbehaving{"fixture-abort-on-load",
                    "plugin 'fixture-abort-on-load': its library crashed while loading (signal 6, "
                    "SIGABRT)"},
        Misbehaving{"fixture-abort-in-entry",
                    "plugin 'fixture-abort-in-entry': its library crashed while loading (signal "
                    "6, SIGABRT)"},
        Misbehaving{"fixture-exit-on-load",
                    "plugin 'fixture-exit-on-load': its library exited with status 0 before "
                    "finishing loading"},
        Misbehaving{"fixture-hang-on-load",
                    "plugin 'fixture-hang-on-load': its library did not finish loading within 1 "
                    "s"}),
    [](const auto& test) {
        std::string name = test.param.id.substr(std::string("fixture-").size());
        for (auto& c : name)
            if (c == '-') c = '_';
        return name;
    });

// The marker plugin's static constructor writes a file: no command but `plugins verify` and
// `plugins show` (which probe in a child) may run it.
TEST(PluginIsolation, NoDataCommandRunsAnyNativeCode) {
    ims::test::TempDir dir, markers;
    const std::string store = dir.file("acme.ims");
    const std::string marker = markers.file("fixture-marker-ok");
    const std::vector<std::string> env = {"IMS_PLUGIN_PATH=" + kFixtures + "/fixture-marker-ok",
                                          "IMS_TEST_MARKER_DIR=" + markers.path()};
    const std::vector<std::vector<std::string>> commands = {
        {"init", store, "--org", "Acme"},
        {"import", store, kExample},
        {"adopt", store, "iso27001:2022"},
        {"catalog", "iso27001:2022"},
        {"map", "iso27001:2022/A.5.15"},
        {"coverage", store},
        {"gap", store, "--adopt", "iso22301:2019"},
        {"soa", store, "--output", "csv:" + dir.file("soa.csv")},
        {"export", store, "--output", "json:" + dir.file("export.json")},
        {"evidence", "add", store, kExample + "/README.md", "--id", "EV-MARK", "--title", "x"},
        {"evidence", "get", store, "EV-MARK", "--out", dir.file("readme.md")},
        {"verify", store},
        {"plugins", "list"},
        {"plugins", "list", "--format", "json"},
    };
    for (const auto& args : commands) {
        auto run = run_ims(args, env);
        EXPECT_EQ(run.exit_code, 0) << args[0] << ": " << run.err;
        EXPECT_FALSE(std::filesystem::exists(marker)) << args[0] << " ran the plugin's code";
        std::filesystem::remove(marker);
    }
    auto verify = run_ims({"plugins", "verify", kFixtures + "/fixture-marker-ok"}, env);
    EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
    EXPECT_TRUE(std::filesystem::exists(marker)) << "plugins verify must load the library";
}

TEST(PluginIsolation, VerifyAndShowListTheNativeChecksFromTheProbe) {
    auto verify = run_ims({"plugins", "verify", kFixtures + "/fixture-good", "--format", "json"});
    ASSERT_EQ(verify.exit_code, 0) << verify.out << verify.err;
    auto doc = verify.json();
    EXPECT_EQ(doc["state"], "loaded");
    EXPECT_EQ(doc["native_checks"],
              nlohmann::json::array({"fixture.passes", "fixture.counts", "fixture.throws",
                                     "fixture.reads_a_table", "fixture.many_queries",
                                     "fixture.waits_for_cancel", "fixture.reports_error"}));

    auto show = run_ims({"plugins", "show", "fixture-good", "--plugin-path", kFixtures});
    EXPECT_EQ(show.exit_code, 0) << show.err;
    EXPECT_NE(show.out.find("native check fixture.waits_for_cancel"), std::string::npos)
        << show.out;

    // `plugins list` loads nothing, so it names the library instead of its checks.
    auto list = run_ims(
        {"plugins", "list", "--plugin-path", kFixtures + "/fixture-good", "--format", "json"});
    ASSERT_EQ(list.exit_code, 0) << list.err;
    const auto listed = list.json();  // a range-for over a temporary's member would dangle
    for (const auto& p : listed["plugins"]) {
        if (p["id"] != "fixture-good") continue;
        EXPECT_EQ(p["library"], "libims_fixture-good.so");
        EXPECT_FALSE(p.contains("native_checks")) << p.dump();
    }
}

TEST(PluginIsolation, ShowRefusesALibraryThatCrashesWhileLoading) {
    auto show = run_ims({"plugins", "show", "fixture-segv-on-load", "--plugin-path", kFixtures,
                         "--format", "json"});
    EXPECT_EQ(
        show.json()["error"],
        "plugin 'fixture-segv-on-load': its library crashed while loading (signal 11, SIGSEGV)");
}

}  // namespace
