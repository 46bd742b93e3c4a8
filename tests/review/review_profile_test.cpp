// review_streams reading CSV exports through CRM profiles: the built-in a
// header picks, --profile, --map on top, owner and closed on each result,
// --keep and --explain's facts, and the note that says what was read.

#include <closecoach/crm_profile.hpp>
#include <closecoach/engine.hpp>
#include <closecoach/playbook.hpp>
#include <closecoach/review.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "support/test_support.hpp"

namespace closecoach {
namespace {

using nlohmann::json;

using testing::default_engine;

// A small Salesforce report: an open deal, a closed-won one, one without owner.
const std::string k_salesforce =
    "\"Opportunity Owner\",\"Opportunity Name\",\"Opportunity ID\",\"Stage\",\"Amount\","
    "\"Created Date\",\"Description\"\n"
    "\"Ann Lee\",\"Acme\",\"006A\",\"Negotiation/Review\",\"USD 1,000.00\",\"10/4/2026\","
    "\"She needs to think it over.\"\n"
    "\"Bo Chen\",\"Beta\",\"006B\",\"Closed Won\",\"USD 2,000.00\",\"3/15/2026\",\"Signed.\"\n"
    "\"\",\"Gamma\",\"006C\",\"Prospecting\",\"\",\"11/2/2026\",\"\"\n";

struct Reviewed {
  std::vector<json> results;
  std::vector<std::string> messages;  // "KIND LINE: TEXT"
  std::string failure;
};

Reviewed review_csv(const std::string& text, ReviewOptions options = {}) {
  options.today = {2026, 11, 3};
  auto reviewer = Reviewer::create(default_engine(), std::move(options));
  EXPECT_TRUE(reviewer.ok());
  std::istringstream input(text);
  Reviewed run;
  ReviewCallbacks callbacks;
  callbacks.message = [&](const ReviewMessage& message) {
    constexpr const char* k_kinds[] = {"error", "note", "info", "warning"};
    run.messages.push_back(std::string(k_kinds[static_cast<int>(message.kind)]) + " " +
                           std::to_string(message.line) + ": " + message.text);
  };
  std::ostringstream out;
  auto tally = review_streams(*reviewer, {{&input, "deals.csv", true}}, {}, out, callbacks);
  if (!tally.ok()) run.failure = tally.error().message;
  std::istringstream lines(out.str());
  for (std::string line; std::getline(lines, line);) run.results.push_back(json::parse(line));
  return run;
}

CrmProfile builtin(const std::string& name) {
  ProfileLoad load = find_profile(name, default_engine().schema());
  EXPECT_TRUE(load.diagnostics.empty());
  return std::move(*load.profile);
}

TEST(ReviewProfiles, AHeaderLikeSalesforcesIsReadWithItsProfile) {
  const Reviewed run = review_csv(k_salesforce);
  ASSERT_EQ(run.results.size(), 3u);
  EXPECT_EQ(run.results[0]["id"], "006A");
  EXPECT_EQ(run.results[0]["name"], "Acme");
  EXPECT_EQ(run.results[0]["owner"], "Ann Lee");
  EXPECT_EQ(run.results[0]["closed"], nullptr);
  EXPECT_FALSE(run.results[0]["moves"].empty());
  EXPECT_EQ(run.results[2]["owner"], nullptr) << "a blank owner cell is no owner";
  ASSERT_FALSE(run.messages.empty());
  EXPECT_EQ(run.messages[0].rfind("note 1: read as a salesforce export (profile salesforce): "
                                  "id 'Opportunity ID', name 'Opportunity Name'",
                                  0),
            0u)
      << run.messages[0];
  EXPECT_NE(run.messages[0].find("kept and ignored: Amount"), std::string::npos);
}

TEST(ReviewProfiles, AClosedDealGetsNoAdvice) {
  const Reviewed run = review_csv(k_salesforce);
  ASSERT_EQ(run.results.size(), 3u);
  EXPECT_EQ(run.results[1]["closed"], "won");
  EXPECT_TRUE(run.results[1]["moves"].empty());
  EXPECT_TRUE(run.results[1]["avoid"].empty());
  EXPECT_TRUE(run.results[1]["warnings"].empty());
  EXPECT_EQ(run.results[1]["error"], nullptr);
}

TEST(ReviewProfiles, ExplainListsTheFactsMappedDatedAndReadFromNotes) {
  ReviewOptions options;
  options.explain = true;
  const Reviewed run = review_csv(k_salesforce, options);
  ASSERT_EQ(run.results.size(), 3u);
  const json& facts = run.results[0]["facts"];
  EXPECT_EQ(facts["stage"], "negotiation");
  EXPECT_EQ(facts["days_in_cycle"], 30);
  EXPECT_EQ(facts["last_response"], "think_about_it");
  EXPECT_EQ(run.results[2]["facts"]["days_in_cycle"], 1);
}

TEST(ReviewProfiles, AReportWithoutCreatedDateCountsDaysFromItsAge) {
  ReviewOptions options;
  options.explain = true;
  const Reviewed run = review_csv(
      "\"Opportunity Owner\",\"Opportunity Name\",\"Stage\",\"Age\"\n"
      "\"Ann Lee\",\"Acme\",\"Qualification\",\"41\"\n",
      options);
  ASSERT_EQ(run.results.size(), 1u);
  EXPECT_EQ(run.results[0]["facts"]["days_in_cycle"], 41);
  EXPECT_NE(run.messages.at(0).find("days_in_cycle 'Age'"), std::string::npos) << run.messages[0];
}

TEST(ReviewProfiles, AStageTheProfileDoesNotKnowIsAnErrorOnThatDealOnly) {
  std::string text = k_salesforce;
  text.replace(text.find("Prospecting"), 11, "Legal Review");
  const Reviewed run = review_csv(text);
  ASSERT_EQ(run.results.size(), 3u);
  const std::string error = run.results[2]["error"];
  EXPECT_NE(error.find("column 4 ('Stage'): 'Legal Review' is not a value the salesforce profile "
                       "maps to stage"),
            std::string::npos)
      << error;
  EXPECT_NE(error.find("facts.stage.values"), std::string::npos);
  EXPECT_EQ(run.results[2]["id"], "006C");
  EXPECT_EQ(run.results[0]["error"], nullptr);
}

TEST(ReviewProfiles, MapClaimsAColumnBeforeTheProfile) {
  ReviewOptions options;
  options.column_map = {{"Opportunity Name", "id"}};
  const Reviewed run = review_csv(k_salesforce, options);
  ASSERT_EQ(run.results.size(), 3u);
  EXPECT_EQ(run.results[0]["id"], "Acme") << "--map's id wins over the profile's";
  EXPECT_EQ(run.results[0]["name"], nullptr) << "the profile no longer reads a claimed column";
}

TEST(ReviewProfiles, ProfileNoneReadsTheExportAsPlainCsv) {
  ReviewOptions options;
  options.detect_profile = false;
  const Reviewed run = review_csv(k_salesforce, options);
  ASSERT_EQ(run.results.size(), 3u);
  EXPECT_EQ(run.results[0]["owner"], nullptr);
  EXPECT_NE(run.results[0]["error"], nullptr) << "'Negotiation/Review' is no stage of its own";
}

TEST(ReviewProfiles, ANamedProfileReadsAHeaderItWouldNotDetect) {
  const std::string text =
      "Record ID,Deal Name,Deal Stage,Create Date\n"
      "7,Acme,Contract Sent,2026-10-04 09:15\n";
  ReviewOptions options;
  options.profile = builtin("hubspot");
  options.explain = true;
  const Reviewed run = review_csv(text, options);
  ASSERT_EQ(run.results.size(), 1u);
  EXPECT_EQ(run.results[0]["id"], "7");
  EXPECT_EQ(run.results[0]["facts"]["stage"], "negotiation");
  EXPECT_EQ(run.messages.at(0).rfind("note 1: read with profile hubspot: ", 0), 0u)
      << run.messages[0];
}

TEST(ReviewProfiles, KeepCarriesColumnsUnderFieldsInItsOrder) {
  ReviewOptions options;
  options.keep = {"created date", "Amount"};
  const Reviewed run = review_csv(k_salesforce, options);
  ASSERT_EQ(run.results.size(), 3u);
  EXPECT_EQ(run.results[0]["fields"],
            (json{{"created date", "10/4/2026"}, {"Amount", "USD 1,000.00"}}));
  EXPECT_EQ(run.results[2]["fields"]["Amount"], nullptr) << "a blank cell is null";
  EXPECT_EQ(run.messages[0].find("Amount"), std::string::npos) << "a kept column is not ignored";
  options.keep = {"Region"};
  EXPECT_EQ(review_csv(k_salesforce, options).failure,
            "--keep: no column 'Region' in deals.csv (columns: Opportunity Owner, Opportunity "
            "Name, Opportunity ID, Stage, Amount, Created Date, Description)");
}

TEST(ReviewProfiles, AJsonRecordCarriesItsOwner) {
  auto reviewer = Reviewer::create(default_engine(), {});
  ASSERT_TRUE(reviewer.ok());
  auto scratch = reviewer->make_scratch();
  std::string out;
  ReviewTally tally;
  EXPECT_FALSE(
      reviewer->review_json_line(R"({"id": "a", "owner": "Ann Lee"})", 1, *scratch, out, tally));
  EXPECT_EQ(json::parse(out)["owner"], "Ann Lee");
  out.clear();
  EXPECT_EQ(reviewer->review_json_line(R"({"id": "a", "owner": 7})", 2, *scratch, out, tally),
            "\"owner\" must be a string or null");
}

TEST(ReviewProfiles, TellsCsvFromJsonLinesByTheirStart) {
  EXPECT_TRUE(looks_like_csv("Record ID\tDeal Name\r\n1\tAcme\r\n"));
  EXPECT_TRUE(looks_like_csv("\xEF\xBB\xBF\"Deal - ID\";\"Deal - Title\"\r\n"));
  EXPECT_TRUE(looks_like_csv(std::string_view("\xFF\xFER\0e\0", 6)));
  EXPECT_FALSE(looks_like_csv("{\"id\": \"a\", \"facts\": {}}\n"));
  EXPECT_FALSE(looks_like_csv("\n  {\"id\": 1}"));
  EXPECT_FALSE(looks_like_csv("not a deal\n"));
}

}  // namespace
}  // namespace closecoach
