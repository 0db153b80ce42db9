// The records API without any front end: rows added, updated field by field, refused with where
// they came from (nothing written), references to rows given later, and adoption kept on re-adopt.
#include "ims/core/records.hpp"
#include "ims/core/store.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <fstream>

using ims::records::Batch;
using ims::records::Changes;
using ims::records::Mode;
using ims::records::Options;
using ims::records::Refused;
using ims::records::Row;
using ims::store::Store;
using ims::store::WriteTxn;

namespace {

class RecordsBatch : public ::testing::Test {
protected:
    RecordsBatch() : store_(Store::create(dir_.file("a.ims"), "Acme", "test")) {}

    static Row person(const std::string& id, const std::string& name) {
        Row row(ims::model::entity("person"));
        row["id"] = id;
        row["name"] = name;
        return row;
    }
    static Row control(const std::string& id, const std::string& owner) {
        Row row(ims::model::entity("control"));
        row["id"] = id;
        row["title"] = "Backups";
        row["status"] = "planned";
        row["owner_id"] = owner;
        row.source = {"controls form", 0, "/controls/0"};
        return row;
    }
    // Adds `rows` in one batch and one write; returns what changed, or rethrows the refusal.
    Changes write(const std::vector<std::pair<Row, Mode>>& rows, Options options = {}) {
        Changes changes;
        store_.write("test", [&](WriteTxn& txn) {
            Batch batch(txn, std::move(options));
            for (const auto& [row, mode] : rows) batch.add(row, mode);
            changes = batch.finish();
        });
        return changes;
    }
    int64_t log_entries() const { return store_.verify().log_entries; }

    ims::test::TempDir dir_;
    Store store_;
};

TEST_F(RecordsBatch, AddWritesTheRowLogsItAndSaysItWasAdded) {
    Changes changes = write({{person("P-1", "Ann"), Mode::kReplace}});
    ASSERT_EQ(changes.entities.size(), 1u);
    EXPECT_EQ(changes.entities[0].entity, "person");
    EXPECT_EQ(changes.entities[0].added, 1u);
    EXPECT_EQ(store_.get("person", "P-1"), nlohmann::json({{"id", "P-1"}, {"name", "Ann"}}));
    EXPECT_EQ(log_entries(), 2);  // the organisation, the person
    EXPECT_TRUE(store_.verify().ok());
}

TEST_F(RecordsBatch, UpdateChangesOnlyTheFieldsGiven) {
    Row first = person("P-1", "Ann");
    first["email"] = "ann@acme.example";
    first["role"] = "Engineer";
    write({{first, Mode::kReplace}});
    Row rename(ims::model::entity("person"));
    rename["id"] = "P-1";
    rename["name"] = "Ann Other";
    std::vector<std::string> fields;
    Options options;
    options.on_change = [&](const ims::records::Change& c) {
        fields.assign(c.fields.begin(), c.fields.end());
    };
    Changes changes = write({{rename, Mode::kUpdate}}, std::move(options));
    EXPECT_EQ(changes.entities[0].changed, 1u);
    EXPECT_EQ(fields, std::vector<std::string>{"name"});
    EXPECT_EQ(store_.get("person", "P-1"), nlohmann::json({{"id", "P-1"},
                                                           {"name", "Ann Other"},
                                                           {"email", "ann@acme.example"},
                                                           {"role", "Engineer"}}));
    // The same row replacing the record leaves out what it does not give.
    write({{rename, Mode::kReplace}});
    EXPECT_EQ(store_.get("person", "P-1"), nlohmann::json({{"id", "P-1"}, {"name", "Ann Other"}}));
    EXPECT_TRUE(store_.verify().ok());
}

TEST_F(RecordsBatch, UnresolvedReferenceIsRefusedWithItsSourceAndNothingIsWritten) {
    const int64_t before = log_entries();
    try {
        write({{person("P-1", "Ann"), Mode::kReplace}, {control("C-1", "P-404"), Mode::kReplace}});
        FAIL() << "expected a refusal";
    } catch (const Refused& refused) {
        EXPECT_EQ(refused.code(), ims::ErrorCode::kInvalidInput);
        ASSERT_EQ(refused.problems().size(), 1u);
        const auto& problem = refused.problems()[0];
        EXPECT_EQ(problem.field, "owner_id");
        EXPECT_EQ(problem.text(),
                  "controls form: /controls/0/owner_id: control 'C-1': no person 'P-404' in the "
                  "store");
        EXPECT_EQ(std::string(refused.what()), problem.text() + "; nothing was written");
    }
    EXPECT_EQ(log_entries(), before);
    EXPECT_TRUE(store_.get("person", "P-1").is_null());
}

TEST_F(RecordsBatch, EveryProblemIsReportedAtOnce) {
    Row bad = person("P|1", "Ann");
    bad["started_on"] = "2026-02-30";
    try {
        write({{bad, Mode::kReplace}, {control("C-1", "P-404"), Mode::kReplace}});
        FAIL() << "expected a refusal";
    } catch (const Refused& refused) {
        EXPECT_EQ(refused.total(), 3u);
        EXPECT_EQ(std::string(refused.what()),
                  "3 problems; nothing was written:\n"
                  "  person 'P|1', field 'id': must not contain '|', which joins the parts of "
                  "link ids\n"
                  "  person 'P|1', field 'started_on': expected a date YYYY-MM-DD, got the "
                  "string '2026-02-30'\n"
                  "  controls form: /controls/0/owner_id: control 'C-1': no person 'P-404' in "
                  "the store");
    }
}

TEST_F(RecordsBatch, ReferenceToARowGivenLaterInTheBatchResolves) {
    Changes changes =
        write({{control("C-1", "P-1"), Mode::kReplace}, {person("P-1", "Ann"), Mode::kReplace}});
    EXPECT_EQ(changes.entities.size(), 2u);
    EXPECT_EQ(store_.get("control", "C-1")["owner_id"], "P-1");
    EXPECT_TRUE(store_.verify().ok());
}

TEST_F(RecordsBatch, IdGivenTwiceIsRefused) {
    try {
        write({{person("P-1", "Ann"), Mode::kReplace}, {person("P-1", "Bob"), Mode::kReplace}});
        FAIL() << "expected a refusal";
    } catch (const Refused& refused) {
        EXPECT_EQ(std::string(refused.what()),
                  "person 'P-1': the same person is also defined earlier in this batch; each id "
                  "may appear once in a batch; nothing was written");
    }
    EXPECT_TRUE(store_.get("person", "P-1").is_null());
}

TEST_F(RecordsBatch, ReadoptingKeepsTheDateAndScopeUnlessGiven) {
    ims::plugins::PluginHost host({IMS_BUILD_PLUGIN_DIR});
    ims::catalog::Library library(host);
    auto adopt = [&](std::optional<std::string> on, std::optional<std::string> scope) {
        store_.write("test", [&](WriteTxn& txn) {
            Options options;
            options.installed = &library;
            Batch batch(txn, std::move(options));
            batch.adopt("iso27001:2022", on, scope);
            batch.finish();
        });
        return store_.get("adopted_standard", "iso27001:2022");
    };
    EXPECT_EQ(
        adopt("2024-03-01", "HQ"),
        nlohmann::json({{"id", "iso27001:2022"}, {"adopted_on", "2024-03-01"}, {"scope", "HQ"}}));
    EXPECT_EQ(
        adopt({}, {}),
        nlohmann::json({{"id", "iso27001:2022"}, {"adopted_on", "2024-03-01"}, {"scope", "HQ"}}));
    EXPECT_EQ(adopt({}, "HQ and branches"), nlohmann::json({{"id", "iso27001:2022"},
                                                            {"adopted_on", "2024-03-01"},
                                                            {"scope", "HQ and branches"}}));
    EXPECT_FALSE(store_.get("requirement", "iso27001:2022/A.8.13").is_null());
    EXPECT_TRUE(store_.verify().ok());
}

TEST_F(RecordsBatch, FirstAdoptionWithoutADateIsDatedToday) {
    ims::plugins::PluginHost host({IMS_BUILD_PLUGIN_DIR});
    ims::catalog::Library library(host);
    store_.write("test", [&](WriteTxn& txn) {
        Options options;
        options.installed = &library;
        Batch batch(txn, std::move(options));
        batch.adopt("gdpr", {}, {});
        batch.finish();
    });
    EXPECT_EQ(store_.get("adopted_standard", "gdpr")["adopted_on"],
              ims::store::utc_now().substr(0, 10));
}

TEST_F(RecordsBatch, EvidenceFileGoesToTheVaultAndAnUpdateKeepsWhatItIsNotGiven) {
    std::ofstream(dir_.file("restore.txt")) << "restore test passed";
    Row evidence(ims::model::entity("evidence"));
    evidence["id"] = "EV-1";
    evidence["title"] = "Restore test";
    evidence["collected_on"] = "2026-10-01";
    evidence["file"] = dir_.file("restore.txt");
    evidence.when_new("kind") = "document";
    Changes changes = write({{evidence, Mode::kUpdate}});
    EXPECT_EQ(changes.files_stored, 1u);
    auto stored = store_.get("evidence", "EV-1");
    EXPECT_EQ(stored["kind"], "document");
    EXPECT_EQ(stored["file_name"], "restore.txt");
    EXPECT_EQ(stored["sha256"].get<std::string>().size(), 64u);

    Row later(ims::model::entity("evidence"));
    later["id"] = "EV-1";
    later["valid_until"] = "2026-09-30";
    try {
        write({{later, Mode::kUpdate}});
        FAIL() << "expected a refusal";
    } catch (const Refused& refused) {
        EXPECT_EQ(refused.problems()[0].text(),
                  "evidence 'EV-1', field 'valid_until': is 2026-09-30, before collected_on "
                  "2026-10-01");
    }
    later["valid_until"] = "2027-09-30";
    write({{later, Mode::kUpdate}});
    stored["valid_until"] = "2027-09-30";
    EXPECT_EQ(store_.get("evidence", "EV-1"), stored);
    EXPECT_TRUE(store_.verify().ok());
}

}  // namespace
