// `ims soa`: the Statement of Applicability, read back from the xlsx the way a spreadsheet does.
#include "ims/core/store.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

using ims::test::run_ims;

namespace {

std::string unzip_member(const std::string& zip, const std::string& member) {
    std::string command = "unzip -p '" + zip + "' '" + member + "'";
    std::string out;
    if (FILE* pipe = popen(command.c_str(), "r")) {
        std::array<char, 65536> buffer{};
        std::size_t n;
        while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), n);
        pclose(pipe);
    }
    return out;
}

std::string unescape_xml(std::string s) {
    const std::pair<const char*, const char*> entities[] = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
    for (const auto& [from, to] : entities)
        for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + 1))
            s.replace(pos, std::strlen(from), to);
    return s;
}

// Sheet rows (1-based) -> column letter -> text, resolving shared strings.
std::map<int, std::map<std::string, std::string>> read_sheet(const std::string& xlsx) {
    std::vector<std::string> shared;
    std::string strings = unzip_member(xlsx, "xl/sharedStrings.xml");
    std::regex si("<si><t[^>]*>([^<]*)</t></si>");
    for (auto it = std::sregex_iterator(strings.begin(), strings.end(), si); it != std::sregex_iterator(); ++it)
        shared.push_back(unescape_xml((*it)[1]));
    std::map<int, std::map<std::string, std::string>> rows;
    std::string sheet = unzip_member(xlsx, "xl/worksheets/sheet1.xml");
    std::regex cell(R"re(<c r="([A-Z]+)([0-9]+)"[^>]*t="s"[^>]*><v>([0-9]+)</v></c>)re");
    for (auto it = std::sregex_iterator(sheet.begin(), sheet.end(), cell); it != std::sregex_iterator(); ++it)
        rows[std::stoi((*it)[2])][(*it)[1]] = shared.at(std::stoul((*it)[3]));
    return rows;
}

class SoaStore : public ::testing::Test {
protected:
    void SetUp() override {
        store_ = dir_.file("acme.ims");
        ASSERT_EQ(run_ims({"init", store_, "--org", "Acme"}).exit_code, 0);
        ASSERT_EQ(run_ims({"adopt", store_, "iso27001:2022"}).exit_code, 0);
        auto s = ims::store::Store::open(store_);
        s.write("test", [&](ims::store::WriteTxn& txn) {
            txn.put("soa_entry", {{"id", "iso27001:2022/A.5.1"}, {"applicable", true},
                                  {"justification", "Policies steer the whole ISMS"},
                                  {"implementation_status", "implemented"}});
            txn.put("soa_entry", {{"id", "iso27001:2022/A.7.1"}, {"applicable", false},
                                  {"justification", "Fully remote company, no premises"}});
            txn.put("control", {{"id", "CTRL-POL"}, {"title", "Policy set, \"reviewed\" yearly"}, {"status", "implemented"}});
            txn.put("control_requirement", {{"id", "CTRL-POL|iso27001:2022/A.5.1"}, {"control_id", "CTRL-POL"},
                                            {"requirement_id", "iso27001:2022/A.5.1"}, {"coverage", "full"}});
        });
    }
    ims::test::TempDir dir_;
    std::string store_;
};

TEST_F(SoaStore, XlsxHasOneRowPerAnnexAControlWithTheStoresDecisions) {
    std::string xlsx = dir_.file("soa.xlsx");
    auto run = run_ims({"soa", store_, "--output", "xlsx:" + xlsx});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_TRUE(run.out.empty());
    EXPECT_NE(run.err.find("91 of 93 controls have no decision recorded"), std::string::npos) << run.err;
    auto rows = read_sheet(xlsx);
    ASSERT_EQ(rows.size(), 94u);  // header + 93 controls
    EXPECT_EQ(rows[1]["A"], "Control");
    EXPECT_EQ(rows[1]["D"], "Applicable");
    std::map<std::string, std::map<std::string, std::string>> by_control;
    for (const auto& [n, cells] : rows)
        if (n > 1) by_control[cells.at("A")] = cells;
    EXPECT_EQ(by_control.size(), 93u);
    EXPECT_EQ(by_control["A.5.1"]["D"], "yes");
    EXPECT_EQ(by_control["A.5.1"]["F"], "implemented");
    EXPECT_EQ(by_control["A.5.1"]["G"], "CTRL-POL Policy set, \"reviewed\" yearly (implemented)");
    EXPECT_EQ(by_control["A.7.1"]["D"], "no");
    EXPECT_EQ(by_control["A.7.1"]["E"], "Fully remote company, no premises");
    EXPECT_EQ(by_control["A.8.34"]["D"], "MISSING: no decision recorded");
}

TEST_F(SoaStore, CsvQuotesFieldsAndRefusesToOverwriteWithoutForce) {
    std::string csv = dir_.file("soa.csv");
    ASSERT_EQ(run_ims({"soa", store_, "--output", "csv:" + csv}).exit_code, 0);
    std::ifstream in(csv);
    std::string header, first;
    std::getline(in, header);
    std::getline(in, first);
    EXPECT_EQ(header, "Control,Title,Theme,Applicable,Justification,Implementation status,Implemented by,Current evidence\r");
    EXPECT_EQ(first, "A.5.1,Policies for information security,A.5 Organizational controls,yes,Policies steer the whole "
                     "ISMS,implemented,\"CTRL-POL Policy set, \"\"reviewed\"\" yearly (implemented)\",\r");
    auto again = run_ims({"soa", store_, "--output", "csv:" + csv});
    EXPECT_EQ(again.exit_code, 2);
    EXPECT_EQ(again.err, "ims soa: " + csv + " already exists; use --force to overwrite it\n");
    EXPECT_EQ(run_ims({"soa", store_, "--output", "csv:" + csv, "--force"}).exit_code, 0);
}

TEST_F(SoaStore, XlsxToStdoutAndTwoStdoutOutputsAreUsageErrors) {
    EXPECT_EQ(run_ims({"soa", store_, "--output", "xlsx"}).err,
              "ims soa: --output xlsx needs a file: --output xlsx:PATH\n");
    EXPECT_EQ(run_ims({"soa", store_, "--output", "md", "--output", "html"}).exit_code, 2);
}

// Issue 10 item 8: a justification beginning with = became a live formula in a spreadsheet.
TEST_F(SoaStore, FormulaLikeTextIsGuardedInCsvAndStaysAStringInXlsx) {
    const std::string hyperlink = R"(=HYPERLINK("http://x","y"))";
    {
        auto s = ims::store::Store::open(store_);
        s.write("test", [&](ims::store::WriteTxn& txn) {
            txn.put("soa_entry", {{"id", "iso27001:2022/A.5.2"},
                                  {"applicable", true},
                                  {"justification", hyperlink}});
            txn.put("soa_entry", {{"id", "iso27001:2022/A.5.3"},
                                  {"applicable", true},
                                  {"justification", "@SUM(A1)"}});
            txn.put("soa_entry", {{"id", "iso27001:2022/A.5.4"},
                                  {"applicable", true},
                                  {"justification", "'quoted"}});
        });
    }
    const std::string csv = dir_.file("soa.csv"), xlsx = dir_.file("soa.xlsx");
    ASSERT_EQ(
        run_ims({"soa", store_, "--output", "csv:" + csv, "--output", "xlsx:" + xlsx}).exit_code,
        0);
    std::ifstream in(csv);
    std::map<std::string, std::string> lines;
    for (std::string line; std::getline(in, line);) lines[line.substr(0, line.find(','))] = line;
    EXPECT_NE(lines["A.5.2"].find(R"c(,"'=HYPERLINK(""http://x"",""y"")",)c"), std::string::npos) << lines["A.5.2"];
    EXPECT_NE(lines["A.5.3"].find(",'@SUM(A1),"), std::string::npos) << lines["A.5.3"];
    EXPECT_NE(lines["A.5.4"].find(",''quoted,"), std::string::npos) << lines["A.5.4"];

    std::map<std::string, std::map<std::string, std::string>> by_control;
    for (const auto& [n, cells] : read_sheet(xlsx))
        if (n > 1) by_control[cells.at("A")] = cells;
    EXPECT_EQ(by_control["A.5.2"]["E"], hyperlink);  // a shared string, read by read_sheet as text
    EXPECT_EQ(by_control["A.5.3"]["E"], "@SUM(A1)");
    EXPECT_EQ(unzip_member(xlsx, "xl/worksheets/sheet1.xml").find("<f>"), std::string::npos) << "a formula cell";
}

TEST_F(SoaStore, MarkdownEscapesHtmlAndLinksInEveryCell) {
    {
        auto s = ims::store::Store::open(store_);
        s.write("test", [&](ims::store::WriteTxn& txn) {
            txn.put(
                "control",
                {{"id", "CTRL-X"}, {"title", "<script>alert(1)</script>"}, {"status", "planned"}});
            txn.put("control_requirement", {{"id", "CTRL-X|iso27001:2022/A.5.2"},
                                            {"control_id", "CTRL-X"},
                                            {"requirement_id", "iso27001:2022/A.5.2"},
                                            {"coverage", "full"}});
            txn.put("soa_entry", {{"id", "iso27001:2022/A.5.2"},
                                  {"applicable", true},
                                  {"justification",
                                   "<img src=x onerror=alert(1)> [click](javascript:alert(1))"}});
        });
    }
    auto run = run_ims({"soa", store_, "--output", "md"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    for (const std::string raw : {"<script>", "<img", "[click]("})
        EXPECT_EQ(run.out.find(raw), std::string::npos) << raw;
    EXPECT_NE(run.out.find("CTRL-X &lt;script&gt;alert(1)&lt;/script&gt; (planned)"),
              std::string::npos)
        << run.out;
    EXPECT_NE(run.out.find(R"(&lt;img src=x onerror=alert(1)&gt; \[click\](javascript:alert(1)))"),
              std::string::npos)
        << run.out;
}

// On the example organisation every Annex A control has a decision, and evidence that supports
// two controls linked to one requirement is listed once.
TEST(SoaExample, EveryControlDecidedAndEvidenceListedOnce) {
    ims::test::TempDir dir;
    std::string store = dir.file("acme.ims");
    ASSERT_EQ(run_ims({"init", store, "--org", "Acme"}).exit_code, 0);
    ASSERT_EQ(run_ims({"import", store, std::string(IMS_SOURCE_DIR) + "/examples/acme"}).exit_code, 0);
    auto run = run_ims({"soa", store, "--output", "md", "--as-of", "2026-11-25"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(run.out.find("MISSING"), std::string::npos);
    int rows_with_evidence = 0;
    std::istringstream lines(run.out);
    for (std::string line; std::getline(lines, line);) {
        std::smatch m;
        if (!std::regex_search(line, m, std::regex(R"(\| ([^|]*) \|$)")) || m[1].str().rfind("EV-", 0) != 0) continue;
        ++rows_with_evidence;
        std::istringstream items(m[1].str());
        std::set<std::string> seen;
        for (std::string item; std::getline(items, item, ';');) {
            item.erase(0, item.find_first_not_of(' '));
            EXPECT_TRUE(seen.insert(item).second) << "listed twice: " << item << " in " << line;
        }
    }
    EXPECT_GT(rows_with_evidence, 20);
}

// `ims soa` refuses a standard the store has not adopted exactly as `ims coverage` does: an
// all-MISSING statement of a standard nobody adopted is no answer.
TEST_F(SoaStore, StandardNotAdoptedIsRefusedAsCoverageRefusesIt) {
    auto soa = run_ims({"soa", store_, "--standard", "iso27701:2025"});
    auto coverage = run_ims({"coverage", store_, "--standard", "iso27701:2025"});
    EXPECT_EQ(soa.exit_code, 2);
    EXPECT_EQ(coverage.exit_code, 2);
    EXPECT_TRUE(soa.out.empty()) << soa.out;
    const std::string message =
        store_ +
        " has not adopted 'iso27701:2025' (adopted: iso27001:2022); adopt it with 'ims adopt " +
        store_ + " iso27701:2025', or see what it would need with 'ims gap " + store_ +
        " --adopt iso27701:2025'\n";
    EXPECT_EQ(soa.err, "ims soa: " + message);
    EXPECT_EQ(coverage.err, "ims coverage: " + message);
}

TEST(CliSoa, StoreThatAdoptedNothingIsRefusedNamingNone) {
    ims::test::TempDir dir;
    const std::string store = dir.file("empty.ims");
    ASSERT_EQ(run_ims({"init", store, "--org", "Empty"}).exit_code, 0);
    auto run = run_ims({"soa", store});
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_NE(
        run.err.find("has not adopted 'iso27001:2022' (adopted: none); adopt it with 'ims adopt " +
                     store + " iso27001:2022'"),
        std::string::npos)
        << run.err;
}

TEST_F(SoaStore, CountOfMissingDecisionsAgreesWithItsNumber) {
    std::vector<std::string> controls;
    const auto catalog = run_ims({"catalog", "iso27001:2022", "--format", "json"}).json();
    for (const auto& r : catalog["requirements"])
        if (r["kind"] == "control") controls.push_back(r["id"]);
    ASSERT_EQ(controls.size(), 93u);
    ASSERT_EQ(controls[0], "iso27001:2022/A.5.1");  // decided by the fixture, as is A.7.1
    auto decide_from = [&](std::size_t first) {
        auto s = ims::store::Store::open(store_);
        s.write("test", [&](ims::store::WriteTxn& txn) {
            for (std::size_t i = first; i < controls.size(); ++i)
                txn.put("soa_entry",
                        {{"id", controls[i]}, {"applicable", true}, {"justification", "needed"}});
        });
    };
    decide_from(3);  // A.5.2 and A.5.3 left
    auto two = run_ims({"soa", store_});
    ASSERT_EQ(two.exit_code, 0) << two.err;
    EXPECT_EQ(two.err,
              "ims soa: 2 of 93 controls have no decision recorded; they are shown as MISSING\n");
    decide_from(2);  // A.5.2 left
    auto one = run_ims({"soa", store_});
    EXPECT_EQ(one.err,
              "ims soa: 1 of 93 controls has no decision recorded; it is shown as MISSING\n");
}

}  // namespace
