// `closecoach review` on the CRM exports of tests/data/crm/ as a manager runs
// it: no --profile, --format or --map. Each export (as the CRM wrote it, and as
// Excel re-saved it) must read to the deals in its NAME.expected.jsonl: the
// same ids, names, owners, closed flags, stages and days in cycle, one result
// per deal, footers skipped with a warning.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/test_support.hpp"

using closecoach::testing::read_file;
using closecoach::testing::run_cli;
using nlohmann::json;

namespace {

const std::string k_crm = std::string(CLOSECOACH_TEST_DATA) + "/crm/";

std::vector<json> lines_of(const std::string& text) {
  std::vector<json> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(json::parse(line));
  return lines;
}

// A result as the expected files write a deal.
json as_expected(const json& result) {
  return {{"id", result["id"]},
          {"name", result["name"]},
          {"owner", result["owner"]},
          {"closed", result["closed"]},
          {"stage", result["facts"].value("stage", json())},
          {"days_in_cycle", result["facts"].value("days_in_cycle", json())}};
}

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

struct Export {
  const char* file;
  const char* crm;  // its profile, and the expected file's name
  std::size_t footers;
};

class CrmExport : public ::testing::TestWithParam<Export> {};

TEST_P(CrmExport, ReviewsToTheExpectedDealsWithNoFlags) {
  const Export& exported = GetParam();
  const auto run = run_cli({"review", k_crm + exported.file, "--today", "2026-11-03", "--explain"});
  EXPECT_EQ(run.status, 0) << run.err;
  const std::vector<json> expected = lines_of(read_file(k_crm + exported.crm + ".expected.jsonl"));
  const std::vector<json> results = lines_of(run.out);
  ASSERT_EQ(results.size(), expected.size()) << "records in = records out";
  for (std::size_t i = 0; i < results.size(); ++i) {
    EXPECT_EQ(as_expected(results[i]), expected[i]) << exported.file << " deal " << i + 1;
    EXPECT_EQ(results[i]["error"], nullptr) << results[i]["error"];
    if (!results[i]["closed"].is_null()) {
      EXPECT_TRUE(results[i]["moves"].empty()) << "a closed deal gets no move";
    }
  }
  const std::string note = "note: read as a " + std::string(exported.crm) + " export (profile " +
                           exported.crm + "): id ";
  EXPECT_EQ(count_of(run.err, note), 1u) << run.err;
  EXPECT_EQ(count_of(run.err, "warning: skipped the report footer"), exported.footers) << run.err;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, CrmExport,
                         ::testing::Values(Export{"salesforce.csv", "salesforce", 3},
                                           Export{"salesforce_cp1252.csv", "salesforce", 3},
                                           Export{"salesforce_excel.csv", "salesforce", 3},
                                           Export{"hubspot.csv", "hubspot", 0},
                                           Export{"hubspot_excel.txt", "hubspot", 0},
                                           Export{"pipedrive.csv", "pipedrive", 0},
                                           Export{"pipedrive_excel_de.csv", "pipedrive", 0}),
                         [](const ::testing::TestParamInfo<Export>& fixture) {
                           std::string name = fixture.param.file;
                           std::replace(name.begin(), name.end(), '.', '_');
                           return name;
                         });

TEST(CrmExports, QuietSilencesTheNoteButNotTheFooterWarnings) {
  const auto run = run_cli({"review", "-q", k_crm + "salesforce.csv", "--today", "2026-11-03"});
  EXPECT_EQ(run.status, 0);
  EXPECT_EQ(count_of(run.err, "note:"), 0u) << run.err;
  EXPECT_EQ(count_of(run.err, "warning: skipped the report footer"), 3u);
}

TEST(CrmExports, SummaryCountsClosedDealsApart) {
  const auto run =
      run_cli({"review", "-q", "--summary", k_crm + "pipedrive.csv", "--today", "2026-11-03"});
  EXPECT_EQ(run.status, 0);
  EXPECT_NE(run.err.find("closecoach: reviewed 8 deals, 0 with errors, 2 closed (not advised)\n"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("by move:  trial_close 6"), std::string::npos) << run.err;
}

TEST(CrmExports, KeepAddsColumnsToCsvOutputInTheirOrder) {
  const auto run =
      run_cli({"review", "-q", k_crm + "pipedrive.csv", "--today", "2026-11-03", "--output", "csv",
               "--keep", "Deal - Value", "--keep", "Deal - Expected close date"});
  EXPECT_EQ(run.status, 0) << run.err;
  std::istringstream lines(run.out);
  std::string header, first;
  std::getline(lines, header);
  std::getline(lines, first);
  EXPECT_EQ(header,
            "id,line,class,next_move,moves,avoid,warnings,signals,error,name,owner,closed,"
            "Deal - Value,Deal - Expected close date");
  EXPECT_TRUE(first.starts_with("101,2,")) << first;
  EXPECT_TRUE(first.ends_with(",Acme - 500 seats,Maria Schäfer,,10000,2026-11-25")) << first;
}

TEST(CrmExports, ExplainedTableNamesMovesInTheChosenLanguage) {
  const auto run = run_cli({"review", "-q", k_crm + "hubspot.csv", "--today", "2026-11-03",
                            "--explain", "--lang", "ru", "--output", "table"});
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("Maria Schäfer   Пробное закрытие"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("closed won"), std::string::npos) << run.out;
}

// docs/profiles.md's how-to: copy a built-in, map a custom stage, review with the file.
TEST(CrmExports, AProfileFileMapsACustomStage) {
  const auto dir = std::filesystem::temp_directory_path() / "closecoach_crm_profile_file";
  std::filesystem::create_directories(dir);
  std::string profile = run_cli({"profile", "show", "salesforce"}).out;
  const std::string at = "\"Prospecting\": \"discovery\",";
  ASSERT_NE(profile.find(at), std::string::npos);
  profile.insert(profile.find(at), "\"Legal Review\": \"final_20_min\", ");
  const std::string profile_path = (dir / "my-crm.json").string();
  const std::string export_path = (dir / "opportunities.csv").string();
  std::ofstream(profile_path) << profile;
  std::ofstream(export_path) << "Opportunity Owner,Opportunity Name,Stage\nAnn,Acme,Legal Review\n";
  const auto run = run_cli({"review", export_path, "--explain"});
  EXPECT_EQ(run.status, 1) << "the built-in does not know the stage";
  EXPECT_NE(run.err.find("'Legal Review' is not a value the salesforce profile maps to stage"),
            std::string::npos)
      << run.err;
  const auto mapped = run_cli({"review", export_path, "--explain", "--profile", profile_path});
  EXPECT_EQ(mapped.status, 0) << mapped.err;
  EXPECT_EQ(lines_of(mapped.out).at(0)["facts"]["stage"], "final_20_min");
  EXPECT_NE(mapped.err.find("note: read with profile salesforce (" + profile_path +
                            "): id 'Opportunity Name'"),
            std::string::npos)
      << mapped.err;
  std::filesystem::remove_all(dir);
}

TEST(CrmExports, AnUnknownProfileIsOneLineNamingTheBuiltIns) {
  const auto run = run_cli({"review", k_crm + "hubspot.csv", "--profile", "zoho"});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err,
            "closecoach: error: cannot read zoho: No such file or directory (built-in profiles: "
            "salesforce, hubspot, pipedrive)\n");
  EXPECT_TRUE(run.out.empty());
}

TEST(CrmExports, TodayMustBeADate) {
  const auto run = run_cli({"review", k_crm + "hubspot.csv", "--today", "3/11/2026"});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err, "closecoach: error: --today '3/11/2026': expected a date as YYYY-MM-DD\n");
}

}  // namespace
