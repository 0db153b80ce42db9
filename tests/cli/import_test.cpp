// `ims import` and `ims export`: round trips that give the same bytes, re-imports that change
// nothing, dry runs, and one test per kind of bad input (the store must stay unchanged).
#include "ims/core/error.hpp"
#include "ims/core/model.hpp"
#include "ims/core/store.hpp"
#include "test_support.hpp"
#include "util/sha256.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <stdio.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

using ims::test::read_all;
using ims::test::run_ims;
using ims::test::read_all;
using ims::test::write_file;
namespace fs = std::filesystem;

namespace {

const std::string kMini = std::string(IMS_FIXTURES) + "/import/mini";

class ImportStore : public ::testing::Test {
protected:
    std::string new_store(const std::string& name) {
        std::string path = dir_.file(name);
        EXPECT_EQ(run_ims({"init", path, "--org", "Placeholder"}).exit_code, 0);
        return path;
    }
    int log_entries(const std::string& store) {
        return run_ims({"verify", store, "--format", "json"}).json()["change_log_entries"];
    }
    // Imports `files` into a store that already holds the mini fixture; the import must fail with
    // exit 2, name every `expected` fragment, and leave the store exactly as it was.
    void expect_refused(const std::vector<std::string>& files, const std::vector<std::string>& expected) {
        std::string store = new_store("refuse-" + std::to_string(++refusals_) + ".ims");
        ASSERT_EQ(run_ims({"import", store, kMini}).exit_code, 0);
        int before = log_entries(store);
        std::string export_before = run_ims({"export", store}).out;
        std::vector<std::string> args = {"import", store};
        args.insert(args.end(), files.begin(), files.end());
        auto run = run_ims(args);
        EXPECT_EQ(run.exit_code, 2) << run.err;
        for (const auto& fragment : expected) EXPECT_NE(run.err.find(fragment), std::string::npos) << run.err;
        EXPECT_NE(run.err.find("nothing was imported"), std::string::npos) << run.err;
        EXPECT_EQ(log_entries(store), before);
        EXPECT_EQ(run_ims({"export", store}).out, export_before);
    }

    ims::test::TempDir dir_;
    int refusals_ = 0;
};

TEST_F(ImportStore, JsonExportImportsIntoAnEmptyStoreAndExportsToTheSameBytes) {
    std::string a = new_store("a.ims"), b = new_store("b.ims");
    auto first = run_ims({"import", a, kMini});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    ASSERT_EQ(run_ims({"export", a, "--output", "json:" + dir_.file("one/acme.json")}).exit_code, 0);
    auto second = run_ims({"import", b, dir_.file("one/acme.json")});
    ASSERT_EQ(second.exit_code, 0) << second.err;
    ASSERT_EQ(run_ims({"export", b, "--output", "json:" + dir_.file("two/acme.json")}).exit_code, 0);

    std::string one = read_all(dir_.file("one/acme.json"));
    EXPECT_EQ(one, read_all(dir_.file("two/acme.json")));
    auto doc = nlohmann::json::parse(one);
    EXPECT_EQ(doc["organisation"]["name"], "Mini Ltd");
    EXPECT_EQ(doc["processing_activities"][0]["purposes"][1], "Tax; UIF returns");
    std::string file = doc["evidence"][0]["file"];
    EXPECT_EQ(file, "files/" + doc["evidence"][0]["sha256"].get<std::string>());
    EXPECT_EQ(read_all(dir_.file("two/" + file)), read_all(kMini + "/files/restore-2026-q3.txt"));
}

TEST_F(ImportStore, CsvExportImportsIntoAnEmptyStoreAndExportsToTheSameFiles) {
    std::string a = new_store("a.ims"), b = new_store("b.ims");
    ASSERT_EQ(run_ims({"import", a, kMini}).exit_code, 0);
    ASSERT_EQ(run_ims({"export", a, "--output", "csv:" + dir_.file("one")}).exit_code, 0);
    auto second = run_ims({"import", b, dir_.file("one")});
    ASSERT_EQ(second.exit_code, 0) << second.err;
    ASSERT_EQ(run_ims({"export", b, "--output", "csv:" + dir_.file("two")}).exit_code, 0);
    int files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(dir_.file("one"))) {
        if (!entry.is_regular_file()) continue;
        auto relative = fs::relative(entry.path(), dir_.file("one")).string();
        EXPECT_EQ(read_all(entry.path()), read_all(dir_.file("two/" + relative))) << relative;
        ++files;
    }
    EXPECT_EQ(files, 12);  // 11 collections and one evidence file
    EXPECT_NE(read_all(dir_.file("one/processing_activities.csv")).find("Pay salaries;Tax\\; UIF returns"),
              std::string::npos);
    EXPECT_EQ(run_ims({"export", a, "--output", "csv:" + dir_.file("one")}).exit_code, 2);
    EXPECT_EQ(run_ims({"export", a, "--output", "csv:" + dir_.file("one"), "--force"}).exit_code, 0);
}

TEST_F(ImportStore, ReimportingTheSameFilesWritesNoChangeLogEntries) {
    std::string store = new_store("a.ims");
    ASSERT_EQ(run_ims({"import", store, kMini}).exit_code, 0);
    int before = log_entries(store);
    auto again = run_ims({"import", store, kMini, "--format", "json"});
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_EQ(log_entries(store), before);
    const nlohmann::json report = again.json();
    ASSERT_FALSE(report["entities"].empty());
    for (const auto& e : report["entities"]) {
        EXPECT_TRUE(e["added"].empty()) << e;
        EXPECT_TRUE(e["changed"].empty()) << e;
    }
    EXPECT_EQ(run_ims({"verify", store}).exit_code, 0);
}

TEST_F(ImportStore, DryRunListsAddedAndChangedRowsAndWritesNothing) {
    std::string store = new_store("a.ims");
    ASSERT_EQ(run_ims({"import", store, kMini}).exit_code, 0);
    write_file(dir_.file("more/people.csv"),
               "id,name,email,department_id,role,started_on\n"
               "P-2,Sam Botha,sam.botha@mini.example,D-IT,Engineer,2023-08-14\n"
               "P-4,Ayesha Patel,ayesha@mini.example,D-HR,Recruiter,2026-11-02\n");
    int before = log_entries(store);
    auto dry = run_ims({"import", store, dir_.file("more"), "--dry-run"});
    ASSERT_EQ(dry.exit_code, 0) << dry.err;
    EXPECT_EQ(dry.out,
              "person: 1 to add, 1 to change, 0 unchanged\n"
              "  + P-4\n"
              "  ~ P-2: email\n"
              "would add 1, change 1, leave 0 unchanged\n");
    EXPECT_EQ(log_entries(store), before);
    ASSERT_EQ(run_ims({"import", store, dir_.file("more")}).exit_code, 0);
    EXPECT_EQ(log_entries(store), before + 2);
}

// The example organisation (examples/acme) imports, re-imports without change, and survives
// JSON and CSV round trips byte for byte.
TEST_F(ImportStore, ExampleOrganisationImportsAndRoundTrips) {
    const std::string example = std::string(IMS_SOURCE_DIR) + "/examples/acme";
    std::string a = new_store("a.ims"), b = new_store("b.ims"), c = new_store("c.ims");
    auto first = run_ims({"import", a, example, "--format", "json"});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    std::set<std::string> entities;
    const nlohmann::json report = first.json();
    for (const auto& e : report["entities"])
        if (!e["added"].empty()) entities.insert(e["entity"].get<std::string>());
    for (const auto& e : ims::model::entities()) {
        if (e.kind == ims::model::EntityKind::kRecord) {
            EXPECT_TRUE(entities.count(std::string(e.name))) << e.name;
        }
    }

    int before = log_entries(a);
    ASSERT_EQ(run_ims({"import", a, example}).exit_code, 0);
    EXPECT_EQ(log_entries(a), before);

    ASSERT_EQ(run_ims({"export", a, "--output", "json:" + dir_.file("one/acme.json"), "--output", "csv:" + dir_.file("csv1")}).exit_code, 0);
    ASSERT_EQ(run_ims({"import", b, dir_.file("one/acme.json")}).exit_code, 0);
    ASSERT_EQ(run_ims({"export", b, "--output", "json:" + dir_.file("two/acme.json")}).exit_code, 0);
    EXPECT_EQ(read_all(dir_.file("one/acme.json")), read_all(dir_.file("two/acme.json")));
    ASSERT_EQ(run_ims({"import", c, dir_.file("csv1")}).exit_code, 0);
    ASSERT_EQ(run_ims({"export", c, "--output", "json:" + dir_.file("three/acme.json")}).exit_code, 0);
    EXPECT_EQ(read_all(dir_.file("one/acme.json")), read_all(dir_.file("three/acme.json")));
    EXPECT_EQ(run_ims({"verify", c}).exit_code, 0);
}

TEST_F(ImportStore, MalformedJsonNamesTheLineAndColumn) {
    write_file(dir_.file("bad.json"), "{\n  \"people\": [\n    {\"id\": \"P-9\", \"name\": \"X\",}\n  ]\n}\n");
    expect_refused({dir_.file("bad.json")}, {dir_.file("bad.json") + ":3:"});
}

TEST_F(ImportStore, CsvRowWithTheWrongNumberOfCellsNamesTheLine) {
    write_file(dir_.file("people.csv"), "id,name,email\nP-9,Ann Other,ann@mini.example\nP-10,Smith, John,john@mini.example\n");
    expect_refused({dir_.file("people.csv")},
                   {dir_.file("people.csv") + ":3: this row has 4 cells; the header has 3"});
}

TEST_F(ImportStore, WrongTypeNamesThePointerAndWhatWasExpected) {
    write_file(dir_.file("risks.json"),
               R"({"risks": [{"id": "R-9", "title": "Flood", "likelihood": "high", "impact": 9, "status": "open"}]})");
    expect_refused({dir_.file("risks.json")},
                   {dir_.file("risks.json") + ": /risks/0/likelihood: risk 'R-9': expected an integer from 1 to 5, got the string 'high'",
                    dir_.file("risks.json") + ": /risks/0/impact: risk 'R-9': expected an integer from 1 to 5, got the number 9",
                    "2 problems"});
}

TEST_F(ImportStore, BadDateNamesTheFileLineAndField) {
    write_file(dir_.file("people.csv"), "id,name,started_on\nP-9,Ann Other,2026-02-30\n");
    expect_refused({dir_.file("people.csv")},
                   {dir_.file("people.csv") + ":2: person 'P-9', field 'started_on': expected a date YYYY-MM-DD, got '2026-02-30'"});
}

TEST_F(ImportStore, DateTimeWithoutATimeZoneIsRefused) {
    write_file(dir_.file("incidents.csv"),
               "id,title,detected_at,severity,personal_data_breach\nINC-9,Lost phone,2026-05-01T10:00:00,low,no\n");
    expect_refused({dir_.file("incidents.csv")},
                   {"field 'detected_at': expected a date and time with a time zone"});
}

TEST_F(ImportStore, UnknownReferenceNamesTheFieldAndTheMissingRow) {
    write_file(dir_.file("controls.csv"), "id,title,status,owner_id\nCTRL-9,Clean desk,planned,P-999\n");
    expect_refused({dir_.file("controls.csv")},
                   {dir_.file("controls.csv") + ":2: control 'CTRL-9', field 'owner_id': no person 'P-999' in the store or in this import"});
}

TEST_F(ImportStore, RequirementOfAStandardNotAdoptedIsRefused) {
    write_file(dir_.file("control_requirements.csv"),
               "control_id,requirement_id,coverage\nCTRL-BK,iso22301:2019/8.4.4,partial\nCTRL-BK,iso27001:2022/A.99,full\n");
    expect_refused({dir_.file("control_requirements.csv")},
                   {"requirement 'iso22301:2019/8.4.4' belongs to iso22301:2019, which is not adopted",
                    "no requirement 'iso27001:2022/A.99' in the adopted standards (iso27001:2022)"});
}

TEST_F(ImportStore, DuplicateIdNamesBothPlaces) {
    write_file(dir_.file("dup/people.csv"), "id,name\nP-9,Ann Other\n");
    write_file(dir_.file("dup/more.json"), R"({"people": [{"id": "P-9", "name": "Ann Again"}]})");
    expect_refused({dir_.file("dup")},
                   {dir_.file("dup/people.csv") + ":2: person 'P-9': the same person is also defined at " +
                    dir_.file("dup/more.json") + ": /people/0"});
}

TEST_F(ImportStore, UnknownCollectionFieldAndMissingRequiredFieldAreRefused) {
    write_file(dir_.file("x.json"), R"({"peeple": [], "people": [{"id": "P-9", "nmae": "Typo"}]})");
    expect_refused({dir_.file("x.json")},
                   {"/peeple: 'peeple' is not an entity collection", "/people/0/nmae: person has no field 'nmae'",
                    "/people/0/name: person 'P-9': is required (a non-empty string)"});
}

TEST_F(ImportStore, CollectionNamedInTheSingularSuggestsThePluralWithoutListingEveryName) {
    write_file(dir_.file("singular/control.csv"), "id,title,status\nCTRL-9,Backups,planned\n");
    expect_refused({dir_.file("singular/control.csv")},
                   {dir_.file("singular/control.csv") +
                    ": the file name 'control' is not an entity collection (did you mean "
                    "'controls'?)"});
    std::string store = new_store("singular.ims");
    auto run = run_ims({"import", store, dir_.file("singular/control.csv")});
    EXPECT_EQ(run.err.find("awareness_activities"), std::string::npos) << run.err;
}

TEST_F(ImportStore, UnknownCollectionsListTheCollectionNamesOnceAtMost) {
    write_file(dir_.file("many.json"),
               R"({"control": [], "person": [], "frobs": [], "widgets": []})");
    std::string store = new_store("many.ims");
    auto run = run_ims({"import", store, dir_.file("many.json")});
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_NE(
        run.err.find("/control: 'control' is not an entity collection (did you mean 'controls'?)"),
        std::string::npos)
        << run.err;
    EXPECT_NE(run.err.find("/person: 'person' is not an entity collection (did you mean 'people'?)"),
              std::string::npos)
        << run.err;
    EXPECT_NE(run.err.find("/frobs: 'frobs' is not an entity collection\n"), std::string::npos)
        << run.err;
    std::size_t lists = 0;
    for (auto at = run.err.find("awareness_activities"); at != std::string::npos;
         at = run.err.find("awareness_activities", at + 1))
        ++lists;
    EXPECT_EQ(lists, 1u) << run.err;
}

TEST_F(ImportStore, DryRunJsonCountsFilesToStoreNotFilesStored) {
    std::string store = new_store("a.ims");
    auto dry = run_ims({"import", store, kMini, "--dry-run", "--format", "json"});
    ASSERT_EQ(dry.exit_code, 0) << dry.err;
    EXPECT_EQ(dry.json()["files_to_store"], 1) << dry.out;
    EXPECT_FALSE(dry.json().contains("files_stored")) << dry.out;
    auto real = run_ims({"import", store, kMini, "--format", "json"});
    ASSERT_EQ(real.exit_code, 0) << real.err;
    EXPECT_EQ(real.json()["files_stored"], 1) << real.out;
    EXPECT_FALSE(real.json().contains("files_to_store")) << real.out;
}

TEST_F(ImportStore, EvidenceFileThatChangedSinceExportIsRefused) {
    std::string store = new_store("a.ims");
    ASSERT_EQ(run_ims({"import", store, kMini}).exit_code, 0);
    ASSERT_EQ(run_ims({"export", store, "--output", "json:" + dir_.file("out/acme.json")}).exit_code, 0);
    auto doc = nlohmann::json::parse(read_all(dir_.file("out/acme.json")));
    write_file(dir_.file("out/" + doc["evidence"][0]["file"].get<std::string>()), "altered\n");
    expect_refused({dir_.file("out/acme.json")}, {"/evidence/0/sha256: evidence 'EV-1': the file", "it changed since it was exported"});
}

TEST_F(ImportStore, RepeatedJsonKeyIsRefusedNotSilentlyDropped) {
    write_file(dir_.file("dup.json"), R"({"people": [{"id": "P-8", "name": "A"}, {"id": "P-9", "name": "B", "id": "P-10"}]})");
    expect_refused({dir_.file("dup.json")}, {dir_.file("dup.json") + ":1:68: /people/1/id: this key appears twice in one object"});
}

TEST_F(ImportStore, DeeplyNestedJsonIsRefusedWithItsPlaceNotACrash) {
    const std::size_t depth = 200'000;
    write_file(dir_.file("deep.json"), "{\"people\": [{\"id\": \"P-9\", \"name\":\n" +
                                           std::string(depth, '[') + std::string(depth, ']') + "}]}");
    expect_refused({dir_.file("deep.json")},
                   {dir_.file("deep.json") + ":2:254: JSON nested deeper than 256 levels at /people/0/name/0/0/"});
}

TEST_F(ImportStore, CsvThatIsNotUtf8NamesTheLine) {
    write_file(dir_.file("people.csv"), "id,name\r\nP-8,Ann\r\nP-9,Caf\xe9\r\n");
    expect_refused({dir_.file("people.csv")}, {dir_.file("people.csv") + ":3: this line is not UTF-8 text"});
}

// Byte sequences that a check of lead and continuation bytes alone lets through, and the plain
// malformed ones: each must be refused where it is read, never reach the store.
const std::vector<std::pair<std::string, std::string>> kNotUtf8 = {
    {"overlong", "\xC0\xAF"},          {"overlong three-byte", "\xE0\x80\xAF"},
    {"surrogate", "\xED\xA0\x80"},    {"above U+10FFFF", "\xF4\x90\x80\x80"},
    {"truncated", "\xE2\x82"},         {"stray continuation byte", "\x80"},
    {"overlong four-byte", "\xF0\x80\x80\xAF"}};

TEST_F(ImportStore, CsvWithAnyMalformedUtf8IsRefusedWithFileAndLine) {
    std::string store = new_store("a.ims");
    for (const auto& [what, bytes] : kNotUtf8) {
        write_file(dir_.file("people.csv"), "id,name\r\nP-8,Ann\r\nP-9,Jo" + bytes + "e\r\n");
        auto run = run_ims({"import", store, dir_.file("people.csv")});
        EXPECT_EQ(run.exit_code, 2) << what << ": " << run.err;
        EXPECT_NE(run.err.find(dir_.file("people.csv") + ":3: this line is not UTF-8 text"),
                  std::string::npos)
            << what << ": " << run.err;
    }
    EXPECT_EQ(log_entries(store), 1);
}

TEST_F(ImportStore, JsonWithAnyMalformedUtf8IsRefusedWithFileAndLine) {
    std::string store = new_store("a.ims");
    for (const auto& [what, bytes] : kNotUtf8) {
        write_file(dir_.file("x.json"), "{\"people\": [\n  {\"id\": \"P-9\", \"name\": \"Jo" + bytes + "e\"}]}");
        auto run = run_ims({"import", store, dir_.file("x.json")});
        EXPECT_EQ(run.exit_code, 2) << what << ": " << run.err;
        EXPECT_NE(run.err.find(dir_.file("x.json") + ":2:28: not UTF-8 text"), std::string::npos)
            << what << ": " << run.err;
    }
    EXPECT_EQ(log_entries(store), 1);
}

TEST_F(ImportStore, EvidenceFilesOutsideTheImportFolderAreRefused) {
    write_file(dir_.file("secret.txt"), "not for the vault\n");
    write_file(dir_.file("in/evidence.csv"),
               "id,title,kind,file\nEV-8,Up,record,../secret.txt\nEV-9,Abs,record," + dir_.file("secret.txt") + "\n");
    expect_refused({dir_.file("in/evidence.csv")},
                   {"field 'file': '../secret.txt' leads outside the import file's folder",
                    "field 'file': '" + dir_.file("secret.txt") + "' is an absolute path"});
}

TEST_F(ImportStore, EvidencePathsThroughSymbolicLinksAreRefused) {
    write_file(dir_.file("secret.txt"), "not for the vault\n");
    write_file(dir_.file("in/files/real.txt"), "inside\n");
    fs::create_directory_symlink(dir_.file("in/files"), dir_.file("in/linked"));
    fs::create_symlink(dir_.file("secret.txt"), dir_.file("in/files/out.txt"));
    write_file(
        dir_.file("in/evidence.csv"),
        "id,title,kind,file\nEV-8,Dir,record,linked/real.txt\nEV-9,File,record,files/out.txt\n");
    expect_refused(
        {dir_.file("in/evidence.csv")},
        {"field 'file': 'linked/real.txt': 'linked' is a symbolic link; evidence files must be",
         "field 'file': 'files/out.txt': 'out.txt' is a symbolic link"});
}

// Item 7 of the integrity issue: the containment check and the copy opened the path separately,
// so a path swapped for a link between them stored a file from outside the import folder. Here a
// thread keeps exchanging a file inside the folder with a link to a secret outside it (and a
// folder with a link to a folder outside) while imports run; the secret must never be stored.
TEST_F(ImportStore, EvidencePathSwappedForALinkDuringImportsNeverStoresTheFileOutside) {
    const std::string secret = "the secret outside the import folder\n";
    write_file(dir_.file("secret.txt"), secret);
    write_file(dir_.file("outside/e.txt"), secret);
    write_file(dir_.file("in/files/e.txt"), "inside\n");
    write_file(dir_.file("in/sub/e.txt"), "inside too\n");
    fs::create_symlink(dir_.file("secret.txt"), dir_.file("in/files/e-link"));
    fs::create_directory_symlink(dir_.file("outside"), dir_.file("in/sub-link"));
    std::string csv = "id,title,kind,file\n";
    for (int i = 0; i < 10; ++i)
        csv += "EV-F" + std::to_string(i) + ",Swapped file,record,files/e.txt\nEV-D" +
               std::to_string(i) + ",Swapped folder,record,sub/e.txt\n";
    write_file(dir_.file("in/evidence.csv"), csv);
    std::string store = new_store("race.ims");

    std::atomic<bool> stop{false};
    std::atomic<long> swaps{0};
    std::thread swapper([&] {
        const std::pair<std::string, std::string> pairs[] = {
            {dir_.file("in/files/e.txt"), dir_.file("in/files/e-link")},
            {dir_.file("in/sub"), dir_.file("in/sub-link")}};
        while (!stop)
            for (const auto& [a, b] : pairs)
                if (renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0)
                    ++swaps;
    });
    int imported = 0, refused = 0;
    for (int i = 0; i < 30; ++i) {
        auto run = run_ims({"import", store, dir_.file("in/evidence.csv")});
        (run.exit_code == 0 ? imported : refused)++;
        EXPECT_TRUE(run.exit_code == 0 || run.exit_code == 2) << run.err;
    }
    stop = true;
    swapper.join();
    ASSERT_GT(swaps, 0) << "the file system cannot exchange paths atomically";

    auto vault = ims::store::Store::open(store, ims::store::Store::Mode::kReadOnly);
    EXPECT_THROW(vault.read_blob(ims::util::sha256_hex(secret), dir_.file("leaked"), ims::io::Existing::kRefuse), ims::Error)
        << "the secret outside the import folder was stored (" << imported << " imports, "
        << refused << " refused)";
}

TEST_F(ImportStore, LinkKeyPartsMayNotHoldTheIdSeparator) {
    write_file(dir_.file("acknowledgements.csv"), "document_id,version,person_id,acknowledged_on\nDOC-1,1|P-1,P-2,2026-01-05\n");
    expect_refused({dir_.file("acknowledgements.csv")}, {"field 'version': must not contain '|'"});
}

TEST_F(ImportStore, StandardReferencesMustBeAdopted) {
    write_file(dir_.file("certificates.csv"),
               "id,standard_id,certification_body,issued_on,expires_on\nCERT-9,iso22301:2019,CB,2025-01-01,2028-01-01\n");
    expect_refused({dir_.file("certificates.csv")}, {"field 'standard_id': standard 'iso22301:2019' is not adopted"});
}

TEST_F(ImportStore, EmptyJsonStringMeansAbsent) {
    std::string store = new_store("a.ims");
    write_file(dir_.file("p.json"), R"({"people": [{"id": "P-8", "name": "Ann", "email": ""}]})");
    auto run = run_ims({"import", store, dir_.file("p.json")});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(nlohmann::json::parse(run_ims({"export", store}).out)["people"][0],
              nlohmann::json({{"id", "P-8"}, {"name", "Ann"}}));
}

TEST_F(ImportStore, ForcedCsvExportReplacesOnlyAnEarlierExport) {
    std::string store = new_store("a.ims");
    ASSERT_EQ(run_ims({"import", store, kMini}).exit_code, 0);
    ASSERT_EQ(run_ims({"export", store, "--output", "csv:" + dir_.file("out/")}).exit_code, 0);
    EXPECT_TRUE(fs::exists(dir_.file("out/people.csv")));
    EXPECT_EQ(run_ims({"export", store, "--output", "csv:" + dir_.file("out/"), "--force"}).exit_code, 0);
    auto refused = run_ims({"export", store, "--output", "csv:" + dir_.path(), "--force"});
    EXPECT_EQ(refused.exit_code, 2);
    EXPECT_NE(refused.err.find("which is not part of an ims export"), std::string::npos) << refused.err;
    EXPECT_TRUE(fs::exists(store));
}

}  // namespace
