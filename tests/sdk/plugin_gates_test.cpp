// The refusal matrix: real plugin libraries, each failing one gate, loaded beside good plugins.
#include "ims/core/checks.hpp"
#include "ims/core/plugins.hpp"
#include "ims/core/store.hpp"
#include "test_support.hpp"
#include "util/sha256.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>

#include <dlfcn.h>

using ims::plugins::Plugin;
using ims::plugins::PluginHost;

namespace {

class PluginGates : public ::testing::Test {
protected:
    void SetUp() override {
        setenv("IMS_TEST_MARKER_DIR", markers_.path().c_str(), 1);
        host_ = std::make_unique<PluginHost>(
            std::vector<std::string>{IMS_TEST_PLUGIN_DIR, IMS_BUILD_PLUGIN_DIR});
    }
    void TearDown() override { unsetenv("IMS_TEST_MARKER_DIR"); }

    const Plugin& plugin(const std::string& id) {
        const Plugin* p = host_->find(id);
        if (p == nullptr) throw std::runtime_error("fixture " + id + " was not discovered");
        return *p;
    }

    // Refused at discovery (gate 1): no plugin code ran.
    void expect_refused(const std::string& id, const std::string& message) {
        const Plugin& p = plugin(id);
        EXPECT_FALSE(p.loaded()) << id;
        EXPECT_EQ(p.error, message);
        // A refused plugin never stops the others.
        EXPECT_TRUE(plugin("fixture-good").loaded());
        EXPECT_TRUE(plugin("iso27001").loaded());
    }

    // Accepted at discovery, its data usable, but its library refused at gate 2 when loaded.
    void expect_library_refused(const std::string& id, const std::string& message) {
        EXPECT_TRUE(plugin(id).loaded()) << plugin(id).error;
        ims::plugins::NativeLibrary library = host_->load_native(id);
        EXPECT_FALSE(library.loaded()) << id;
        EXPECT_EQ(library.error, message);
        EXPECT_EQ(ims::plugins::probe_native(plugin(id), std::chrono::seconds(10)).error, message);
        EXPECT_TRUE(host_->load_native("fixture-good").loaded());
    }

    // Whether the library of plugin `p` is mapped into this process.
    static bool mapped_here(const Plugin& p) {
        void* handle = dlopen(p.path_of(p.manifest.library->file).c_str(), RTLD_NOW | RTLD_NOLOAD);
        if (handle != nullptr) dlclose(handle);
        return handle != nullptr;
    }

    ims::test::TempDir markers_;
    std::unique_ptr<PluginHost> host_;
};

TEST_F(PluginGates, LoadsAGoodNativePluginBesideFirstPartyOnes) {
    const Plugin& good = plugin("fixture-good");
    ASSERT_TRUE(good.loaded()) << good.error;
    ims::plugins::NativeLibrary library = host_->load_native("fixture-good");
    ASSERT_TRUE(library.loaded()) << library.error;
    EXPECT_EQ(library.descriptor->check_count, 7u);
    EXPECT_EQ(host_->load_native("fixture-good").descriptor, library.descriptor) << "loaded once";
    EXPECT_TRUE(plugin("core").loaded());
}

TEST_F(PluginGates, LoadNativeRefusesDataOnlyRefusedAndUnknownPlugins) {
    EXPECT_EQ(host_->load_native("iso27001").error, "plugin 'iso27001' has no native library");
    EXPECT_EQ(host_->load_native("fixture-abi-major").error, plugin("fixture-abi-major").error);
    EXPECT_EQ(host_->load_native("fixture-nope").error, "plugin 'fixture-nope' is not installed");
}

TEST_F(PluginGates, RefusesAbiMajorTwoWithExactMessage) {
    expect_refused("fixture-abi-major",
                   "plugin 'fixture-abi-major' needs SDK ABI 2.0; this host provides 1.0");
}

TEST_F(PluginGates, RefusesNewerMinorWithExactMessage) {
    expect_refused("fixture-abi-minor",
                   "plugin 'fixture-abi-minor' needs SDK ABI 1.3; this host provides 1.0");
}

TEST_F(PluginGates, RefusesLibraryWithoutEntrySymbolWithExactMessage) {
    expect_library_refused(
        "fixture-no-entry",
        "plugin 'fixture-no-entry': libims_fixture-no-entry.so does not export "
        "ims_plugin_entry_v1; this host provides SDK ABI 1.0 and needs that entry point");
}

TEST_F(PluginGates, RefusesDescriptorWhoseIdDiffersFromManifest) {
    expect_library_refused(
        "fixture-id-mismatch",
        "plugin 'fixture-id-mismatch': its library says it is 'someone-else' 1.0.0 but "
        "its manifest says 'fixture-id-mismatch' 1.0.0");
}

TEST_F(PluginGates, RefusesLibraryWhoseChecksumDiffers) {
    const Plugin& p = plugin("fixture-bad-checksum");
    std::string actual = ims::util::sha256_file(p.dir + "/libims_fixture-bad-checksum.so");
    expect_refused(
        "fixture-bad-checksum",
        "plugin 'fixture-bad-checksum': library libims_fixture-bad-checksum.so has sha256 " +
            actual + " but its manifest expects " + std::string(64, '0') +
            "; the file changed after the plugin was built, so rebuild or reinstall the plugin");
}

TEST_F(PluginGates, DiscoveryRunsNoPluginCode) {
    // Every fixture was discovered, the ones that crash or hang while loading included.
    EXPECT_TRUE(plugin("fixture-marker-ok").loaded());
    EXPECT_TRUE(plugin("fixture-segv-on-load").loaded());
    EXPECT_FALSE(std::filesystem::exists(markers_.file("fixture-marker-ok")));
    for (const Plugin& p : host_->plugins()) {
        if (p.native()) {
            EXPECT_FALSE(mapped_here(p)) << p.manifest.id;
        }
    }
}

TEST_F(PluginGates, LoadingRunsPluginCodeOnlyForPluginsPastTheManifestGate) {
    EXPECT_TRUE(host_->load_native("fixture-marker-ok").loaded());
    EXPECT_TRUE(std::filesystem::exists(markers_.file("fixture-marker-ok")));
    EXPECT_FALSE(host_->load_native("fixture-abi-major").loaded());
    EXPECT_FALSE(std::filesystem::exists(markers_.file("fixture-abi-major")));
}

TEST_F(PluginGates, ProbeLoadsTheLibraryInAChildAndReportsItsChecks) {
    const Plugin& marker = plugin("fixture-marker-ok");
    auto report = ims::plugins::probe_native(marker, std::chrono::seconds(10));
    EXPECT_TRUE(report.ok()) << report.error;
    EXPECT_EQ(report.check_ids.size(), 7u);
    EXPECT_EQ(report.check_ids.front(), "fixture.passes");
    EXPECT_TRUE(std::filesystem::exists(markers_.file("fixture-marker-ok")))
        << "the child loaded it";
    EXPECT_FALSE(mapped_here(marker)) << "the probe must not load the library here";
}

TEST_F(PluginGates, ProbeSurvivesALibraryThatCrashesWhileLoading) {
    auto report =
        ims::plugins::probe_native(plugin("fixture-segv-on-load"), std::chrono::seconds(10));
    EXPECT_EQ(
        report.error,
        "plugin 'fixture-segv-on-load': its library crashed while loading (signal 11, SIGSEGV)");
}

class NativeChecks : public PluginGates {
protected:
    void SetUp() override {
        PluginGates::SetUp();
        store_path_ = dir_.file("acme.ims");
        ims::store::Store::create(store_path_, "Acme", "test");
        store_ = std::make_unique<ims::store::Store>(
            ims::store::Store::open(store_path_, ims::store::Store::Mode::kReadOnly));
        evaluation_.store = store_.get();
        evaluation_.params["as_of"] = "2026-11-25";
    }
    ims::test::TempDir dir_;
    std::string store_path_;
    std::unique_ptr<ims::store::Store> store_;
    ims::checks::Evaluation evaluation_;
};

TEST_F(NativeChecks, PassingCheckQueriesTheViewsAndSeesItsParameters) {
    auto results =
        ims::checks::run_native_check(*host_, "fixture-good", "fixture.passes", evaluation_);
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].status, ims::checks::Status::kPass);
    EXPECT_EQ(results[0].subject_type, "organisation");
    EXPECT_EQ(results[0].subject_id, "org");
    EXPECT_EQ(results[0].message, "organisation Acme as of 2026-11-25");
}

TEST_F(NativeChecks, ThrowingCheckBecomesAnErrorResultAndTheHostSurvives) {
    auto results =
        ims::checks::run_native_check(*host_, "fixture-good", "fixture.throws", evaluation_);
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].status, ims::checks::Status::kError);
    EXPECT_EQ(results[0].message,
              "native check 'fixture.throws' of plugin 'fixture-good' could not be evaluated: "
              "the disk is on fire");
    // The host goes on: the next check of the same plugin still runs.
    auto again =
        ims::checks::run_native_check(*host_, "fixture-good", "fixture.passes", evaluation_);
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(again[0].status, ims::checks::Status::kPass);
}

TEST_F(NativeChecks, CountingRowsOfAViewIsAllowed) {
    auto results =
        ims::checks::run_native_check(*host_, "fixture-good", "fixture.counts", evaluation_);
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].status, ims::checks::Status::kPass) << results[0].message;
    EXPECT_EQ(results[0].message, "0 requirements");
}

TEST_F(NativeChecks, ReadingATableInsteadOfAViewIsAnErrorResult) {
    auto results =
        ims::checks::run_native_check(*host_, "fixture-good", "fixture.reads_a_table", evaluation_);
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].status, ims::checks::Status::kError);
    EXPECT_NE(results[0].message.find("checks may read only the v1_* views"), std::string::npos)
        << results[0].message;
}

// The deadline is a parameter: a small one keeps these tests quick; none asserts a duration.
TEST_F(NativeChecks, QueriesShareOneDeadlineSoManyQuickOnesAreStoppedTogether) {
    evaluation_.time_limit = std::chrono::milliseconds(200);
    auto results =
        ims::checks::run_native_check(*host_, "fixture-good", "fixture.many_queries", evaluation_);
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].status, ims::checks::Status::kError);
    EXPECT_EQ(
        results[0].message,
        "native check 'fixture.many_queries' of plugin 'fixture-good' could not be evaluated: "
        "it ran past its time limit of 200 ms and was stopped");
}

TEST_F(NativeChecks, IsCancelledTurnsTrueAtTheDeadline) {
    evaluation_.time_limit = std::chrono::milliseconds(200);
    auto results = ims::checks::run_native_check(*host_, "fixture-good", "fixture.waits_for_cancel",
                                                 evaluation_);
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].status, ims::checks::Status::kError);
    EXPECT_EQ(
        results[0].message,
        "native check 'fixture.waits_for_cancel' of plugin 'fixture-good' could not be evaluated: "
        "it ran past its time limit of 200 ms and was stopped");
}

TEST_F(NativeChecks, UnknownCheckIsAnErrorResult) {
    auto results =
        ims::checks::run_native_check(*host_, "fixture-good", "fixture.nope", evaluation_);
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].status, ims::checks::Status::kError);
    EXPECT_EQ(results[0].message, "plugin 'fixture-good' has no native check 'fixture.nope'");
}

TEST_F(NativeChecks, CheckOfALibraryRefusedAtLoadIsAnErrorResult) {
    auto results =
        ims::checks::run_native_check(*host_, "fixture-id-mismatch", "fixture.passes", evaluation_);
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].status, ims::checks::Status::kError);
    EXPECT_EQ(
        results[0].message,
        "native check 'fixture.passes' of plugin 'fixture-id-mismatch' could not be evaluated: "
        "plugin 'fixture-id-mismatch': its library says it is 'someone-else' 1.0.0 but its "
        "manifest says 'fixture-id-mismatch' 1.0.0");
}

}  // namespace
