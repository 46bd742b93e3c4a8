// `closecoach report` end to end: review the CRM fixtures, then report on
// what review wrote, as a manager would pipe one into the other.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

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

std::string reviewed(const std::string& file) {
  const auto run =
      run_cli({"review", "-q", k_crm + file, "--today", "2026-11-03", "--output", "jsonl"});
  EXPECT_LE(run.status, 1) << run.err;
  return run.out;
}

// 60 deals of five reps with every fact (tests/data/report/make_deals.py), reviewed.
std::string reviewed_deals() {
  const auto run =
      run_cli({"review", "-q", std::string(CLOSECOACH_TEST_DATA) + "/report/deals.jsonl",
               "--output", "jsonl"});
  EXPECT_EQ(run.status, 0) << run.err;
  return run.out;
}

std::filesystem::path temporary_dir() {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("closecoach-report-" + std::to_string(::getpid()) + "-" +
                    ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

void add_one(json& counts, const std::string& key) {
  json& count = counts[key];
  count = count.is_number() ? count.get<int>() + 1 : 1;
}

// The figures counted from the review lines themselves, as the contract says.
json expected_figures(const std::string& lines) {
  json figures{{"deals", 0}, {"errors", 0}, {"closed", 0}, {"by_owner", json::object()}};
  std::istringstream stream(lines);
  for (std::string line; std::getline(stream, line);) {
    const json deal = json::parse(line);
    const std::string owner = deal["owner"].is_string() ? deal["owner"].get<std::string>() : "";
    add_one(figures, "deals");
    json& mine = figures["by_owner"][owner];
    if (mine.is_null()) mine = json::object();
    add_one(mine, "deals");
    if (!deal["error"].is_null()) {
      add_one(figures, "errors");
      continue;
    }
    if (!deal["closed"].is_null()) {
      add_one(figures, "closed");
      continue;
    }
    const std::string klass = deal["class"].is_null() ? "none" : deal["class"].get<std::string>();
    const std::string move =
        deal["moves"].empty() ? "none" : deal["moves"][0]["technique"].get<std::string>();
    for (json* into : {&figures, &mine}) {
      for (const char* key : {"by_class", "by_move", "by_warning"})
        if (!into->contains(key)) (*into)[key] = json::object();
      add_one((*into)["by_class"], klass);
      add_one((*into)["by_move"], move);
      for (const auto& warning : deal["warnings"])
        add_one((*into)["by_warning"], warning["id"].get<std::string>());
    }
  }
  return figures;
}

// `figures` with the zero classes and empty objects the report always writes.
void expect_same_counts(const json& report, const json& expected) {
  EXPECT_EQ(report["deals"], expected["deals"]);
  EXPECT_EQ(report["errors"], expected["errors"]);
  EXPECT_EQ(report["closed"], expected["closed"]);
  const auto nonzero = [](const json& tally) {
    json out = json::object();
    if (tally.is_object())
      for (const auto& [key, count] : tally.items())
        if (count != 0) out[key] = count;
    return out;
  };
  for (const char* key : {"by_class", "by_move", "by_warning"})
    EXPECT_EQ(nonzero(report[key]), nonzero(expected.value(key, json()))) << key;
  ASSERT_EQ(report["by_owner"].size(), expected["by_owner"].size());
  for (const auto& [owner, figures] : expected["by_owner"].items()) {
    EXPECT_EQ(report["by_owner"][owner]["deals"], figures["deals"]) << owner;
    for (const char* key : {"by_class", "by_move", "by_warning"})
      EXPECT_EQ(nonzero(report["by_owner"][owner][key]), nonzero(figures.value(key, json())))
          << owner << " " << key;
  }
}

TEST(ReportCli, FiguresMatchTheReviewOutputOverallAndPerOwner) {
  const std::string lines = reviewed("salesforce.csv") + reviewed("hubspot.csv") +
                            reviewed("pipedrive.csv") + reviewed_deals();
  const auto run = run_cli({"report", "--format", "json", "-"}, lines);
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.err, "");
  const json figures = json::parse(run.out);
  expect_same_counts(figures, expected_figures(lines));
  EXPECT_EQ(figures["deals"], 84);
  EXPECT_GT(figures["by_warning"].size(), 2U);
  EXPECT_GT(figures["by_class"]["D"], 0);
}

TEST(ReportCli, ShardsGivenTogetherEqualOneRun) {
  const std::string lines = reviewed("salesforce.csv") + reviewed("hubspot.csv");
  const auto dir = temporary_dir();
  write_file(dir / "a.jsonl", reviewed("salesforce.csv"));
  write_file(dir / "b.jsonl", reviewed("hubspot.csv"));
  const auto one = run_cli({"report", "--format", "json", "-"}, lines);
  const auto shards = run_cli(
      {"report", "--format", "json", (dir / "b.jsonl").string(), (dir / "a.jsonl").string()});
  EXPECT_EQ(shards.status, 0) << shards.err;
  EXPECT_EQ(shards.out, one.out);
  std::filesystem::remove_all(dir);
}

TEST(ReportCli, ReportsABadLineWithItsFileAndLineAndGoesOn) {
  const auto dir = temporary_dir();
  const std::string lines = reviewed("salesforce.csv");
  write_file(dir / "r.jsonl", "not json\n" + lines + "{\"id\":\"x\"}\n");
  const auto run = run_cli({"report", "--format", "json", (dir / "r.jsonl").string()});
  EXPECT_EQ(run.status, 1);
  const std::size_t last =
      static_cast<std::size_t>(std::count(lines.begin(), lines.end(), '\n')) + 2;
  const std::string name = (dir / "r.jsonl").string();
  EXPECT_EQ(run.err, name + ":1: warning: not review output: invalid JSON\n" + name + ":" +
                         std::to_string(last) +
                         ": warning: not review output: no \"moves\" and no \"error\"\n");
  const json figures = json::parse(run.out);
  EXPECT_EQ(figures["bad_lines"], 2);
  EXPECT_EQ(figures["deals"], expected_figures(lines)["deals"]);
  std::filesystem::remove_all(dir);
}

TEST(ReportCli, WritesOutputFileAtomicallyAndLeavesNothingBeside) {
  const auto dir = temporary_dir();
  const auto out = dir / "report.html";
  write_file(out, "old");
  const auto run = run_cli({"report", "--format", "html", "--lang", "ru", "--date", "2026-12-01",
                            "-o", out.string(), "-"},
                           reviewed("pipedrive.csv"));
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out, "");
  const std::string page = read_file(out.string());
  EXPECT_TRUE(page.starts_with("<!DOCTYPE html>\n<html lang=\"ru\">")) << page.substr(0, 80);
  EXPECT_NE(page.find("2026-12-01"), std::string::npos);
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1U);
  const auto fresh = dir / "new.md";
  ASSERT_EQ(run_cli({"report", "--format", "markdown", "-o", fresh.string(), "-"},
                    reviewed("pipedrive.csv"))
                .status,
            0);
  struct stat status {};
  ASSERT_EQ(::stat(fresh.c_str(), &status), 0);
  const mode_t mask = ::umask(0);
  ::umask(mask);
  EXPECT_EQ(status.st_mode & 0777, 0666 & ~mask);
  std::filesystem::remove_all(dir);
}

TEST(ReportCli, RefusesWhatItCannotUseWithExitTwo) {
  const auto missing = run_cli({"report", "/nonexistent/review.jsonl"});
  EXPECT_EQ(missing.status, 2);
  EXPECT_EQ(
      missing.err,
      "closecoach: error: cannot read /nonexistent/review.jsonl: No such file or directory\n");
  const auto format = run_cli({"report", "--format", "pdf", "-"}, "");
  EXPECT_EQ(format.status, 2);
  EXPECT_EQ(format.err,
            "closecoach: error: --format: 'pdf' is not one of text, markdown, html, json\n");
  const auto unwritable =
      run_cli({"report", "--format", "json", "-o", "/nonexistent/dir/out.json", "-"}, "");
  EXPECT_EQ(unwritable.status, 2);
  EXPECT_EQ(
      unwritable.err,
      "closecoach: error: cannot write /nonexistent/dir/out.json: No such file or directory\n");
}

TEST(ReportCli, CountsReviewErrorsWithoutFailing) {
  const auto run = run_cli(
      {"report", "--format", "json", "-"},
      R"({"id":"1","line":1,"owner":null,"closed":null,"class":null,"moves":[],"avoid":[],"warnings":[],"error":"line 1: invalid JSON"})"
      "\n");
  EXPECT_EQ(run.status, 0) << run.err;
  const json figures = json::parse(run.out);
  EXPECT_EQ(figures["errors"], 1);
  EXPECT_EQ(figures["by_owner"][""]["deals"], 1);
}

TEST(ReportCli, TextNamesOwnersAndMovesInTheLanguageAsked) {
  const auto run =
      run_cli({"report", "--lang", "zh", "--date", "2026-12-01", "-"}, reviewed("salesforce.csv"));
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("成交复盘报告"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Maria Schäfer"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("日期：2026-12-01"), std::string::npos) << run.out;
}

}  // namespace
