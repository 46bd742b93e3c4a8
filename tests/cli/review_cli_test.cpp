#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "bench/deal_generator.hpp"
#include "support/test_support.hpp"

using closecoach::testing::run_cli;
using nlohmann::json;

namespace {

const std::string k_data = std::string(CLOSECOACH_TEST_DATA) + "/review/";

std::vector<json> results_of(const std::string& out) {
  std::vector<json> results;
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) results.push_back(json::parse(line));
  return results;
}

json signal_for(const json& result, const std::string& fact) {
  for (const auto& signal : result["signals"])
    if (signal["fact"] == fact) return signal;
  return nullptr;
}

}  // namespace

TEST(ReviewCli, WritesOneResultPerRecordInTheContractsShape) {
  const auto run = run_cli({"review", "-"}, closecoach::bench::synthetic_deal(0) + "\n" +
                                                closecoach::bench::synthetic_deal(1) + "\n");
  EXPECT_EQ(run.status, 0) << run.err;
  const auto results = results_of(run.out);
  ASSERT_EQ(results.size(), 2u);
  for (const char* key : {"id", "line", "class", "moves", "avoid", "warnings", "signals", "error"})
    EXPECT_TRUE(results[0].contains(key)) << key;
  EXPECT_EQ(results[0]["id"], "D-0000000");
  EXPECT_EQ(results[1]["line"], 2);
  EXPECT_EQ(results[0]["error"], nullptr);
  EXPECT_FALSE(results[0]["moves"].empty());
}

TEST(ReviewCli, ReadsSignalsFromNotesInThreeLanguages) {
  const auto run = run_cli({"review", k_data + "notes.jsonl"});
  EXPECT_EQ(run.status, 0) << run.err;
  const auto results = results_of(run.out);
  ASSERT_EQ(results.size(), 5u);
  for (std::size_t i = 0; i < 4; ++i) {
    const json signal = signal_for(results[i], "last_response");
    ASSERT_TRUE(signal.is_object()) << results[i].dump();
    EXPECT_EQ(signal["value"], "think_about_it") << results[i]["id"];
    EXPECT_FALSE(signal["evidence"].get<std::string>().empty());
  }
  // Evidence is quoted as the note has it, with its place in the note.
  const json think = signal_for(results[0], "last_response");
  EXPECT_EQ(think["evidence"], "Let me think it OVER and get back to you");
  EXPECT_EQ(think["start"], 0);
  EXPECT_EQ(think["end"], 40);
}

TEST(ReviewCli, LetsExplicitFactsWinOverSignals) {
  const auto run = run_cli({"review", "--explain", k_data + "notes.jsonl"});
  const auto results = results_of(run.out);
  ASSERT_EQ(results.size(), 5u);
  const json signal = signal_for(results[4], "last_response");
  ASSERT_TRUE(signal.is_object());
  EXPECT_EQ(signal["overridden"], true);
}

TEST(ReviewCli, ReportsBadRecordsAndGoesOn) {
  const auto run = run_cli({"review", k_data + "broken.jsonl"});
  EXPECT_EQ(run.status, 1);
  const auto results = results_of(run.out);
  ASSERT_EQ(results.size(), 7u) << "records in = records out (the blank line is no record)";
  EXPECT_EQ(results[0]["error"], nullptr);
  EXPECT_EQ(results[1]["id"], nullptr);
  EXPECT_EQ(results[1]["line"], 2);
  EXPECT_EQ(results[1]["error"].get<std::string>().rfind("column ", 0), 0u) << results[1]["error"];
  EXPECT_EQ(results[2]["error"], "a record must be a JSON object");
  EXPECT_EQ(results[3]["line"], 5);
  EXPECT_EQ(results[3]["id"], "bad-fact");
  EXPECT_EQ(
      results[3]["error"].get<std::string>().rfind("unknown fact 'budget_ok' (known facts: ", 0),
      0u);
  EXPECT_EQ(results[4]["error"],
            "fact 'stage' cannot be 'closing' (allowed: discovery, presentation, negotiation, "
            "final_20_min, follow_up)");
  EXPECT_EQ(results[5]["error"], "\"notes\" must be a string or an array of strings");
  EXPECT_EQ(results[6]["error"], nullptr);
  EXPECT_EQ(results[6]["class"], "D");
  EXPECT_NE(run.err.find("closecoach: " + k_data +
                         "broken.jsonl:6: error: fact 'stage' cannot be 'closing'"),
            std::string::npos)
      << run.err;
}

TEST(ReviewCli, TurnsAnOversizedRecordIntoAnErrorRecord) {
  const std::string huge = R"({"id": "huge", "notes": ")" + std::string(5000, 'x') + "\"}";
  const auto run =
      run_cli({"review", "--max-record-bytes", "1000", "-"}, huge + "\n{\"id\": \"next\"}\n");
  EXPECT_EQ(run.status, 1);
  const auto results = results_of(run.out);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0]["error"], "record is 5027 bytes, over the limit of 1000 bytes");
  EXPECT_EQ(results[1]["id"], "next");
}

TEST(ReviewCli, ReadsACrmCsvWithBomCrlfQuotedLineBreaksAndFooter) {
  const auto run = run_cli({"review", "--map", "Deal ID=id", k_data + "salesforce.csv"});
  EXPECT_EQ(run.status, 0) << run.err;
  const auto results = results_of(run.out);
  ASSERT_EQ(results.size(), 3u) << run.out;
  EXPECT_EQ(results[0]["id"], "D-1");
  EXPECT_EQ(results[0]["line"], 2);
  EXPECT_EQ(results[0]["class"], "A");
  EXPECT_EQ(signal_for(results[0], "last_response")["value"], "think_about_it");
  EXPECT_EQ(results[1]["id"], "D-2");
  EXPECT_EQ(results[1]["class"], "C");
  EXPECT_EQ(results[2]["id"], "D-3");
  EXPECT_EQ(results[2]["line"], 6);
  EXPECT_EQ(results[2]["class"], "D");
  EXPECT_NE(run.err.find(":5: note: skipped a blank row"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find(":7: warning: skipped the report footer 'Grand Totals (3 records)'"),
            std::string::npos)
      << run.err;
}

TEST(ReviewCli, SniffsSemicolonsMapsColumnsAndStripsHtml) {
  const auto run =
      run_cli({"review", "--map", "Deal Name=id", "--map", "Decision Maker=contact_role", "--map",
               "Need=has_need", "--map", "Budget OK=can_pay", "--map", "Value=sees_value", "--map",
               "Deal Stage=stage", k_data + "hubspot.csv"});
  EXPECT_EQ(run.status, 0) << run.err;
  const auto results = results_of(run.out);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0]["id"], "Acme");
  EXPECT_EQ(results[0]["class"], "D");
  EXPECT_EQ(signal_for(results[0], "last_response")["value"], "think_about_it");
  // Quoted from the HTML as exported, so that it can be found in the CRM.
  EXPECT_EQ(signal_for(results[0], "last_response")["evidence"],
            "Клиент хочет <b>подумать</b>&nbsp;до пятницы");
  EXPECT_EQ(results[1]["class"], "A");
  EXPECT_EQ(signal_for(results[1], "last_response")["value"], "think_about_it");
}

TEST(ReviewCli, GivesTheSameBytesWhateverTheThreadCount) {
  std::string input;
  for (std::size_t i = 0; i < 5000; ++i) input += closecoach::bench::synthetic_deal(i) + "\n";
  input += "{broken\n";
  const auto one = run_cli({"review", "-j", "1", "-"}, input);
  const auto four = run_cli({"review", "-j", "4", "-"}, input);
  EXPECT_EQ(one.status, 1);
  EXPECT_EQ(four.status, 1);
  EXPECT_EQ(results_of(one.out).size(), 5001u);
  EXPECT_TRUE(one.out == four.out) << "-j 4 output differs from -j 1";
  EXPECT_EQ(one.err, four.err);
}

TEST(ReviewCli, WritesCsvAndTableOutput) {
  const auto csv = run_cli({"review", "--output", "csv", k_data + "notes.jsonl"});
  EXPECT_EQ(csv.out.substr(0, csv.out.find('\n')),
            "id,line,class,next_move,moves,avoid,warnings,signals,error,name,owner,closed");
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 6);
  const auto table = run_cli({"review", "--output", "table", k_data + "notes.jsonl"});
  EXPECT_EQ(table.out.rfind("  LINE  ID", 0), 0u) << table.out;
}

TEST(ReviewCli, SummarisesOnStderr) {
  const auto run = run_cli({"review", "--summary", k_data + "broken.jsonl"});
  EXPECT_NE(run.err.find("closecoach: reviewed 7 deals, 5 with errors\n"), std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("by class:"), std::string::npos);
}

TEST(ReviewCli, RejectsAnUnreadableInputFile) {
  const auto run = run_cli({"review", "/nonexistent/deals.jsonl"});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err,
            "closecoach: error: cannot read /nonexistent/deals.jsonl: No such file or directory\n");
}
