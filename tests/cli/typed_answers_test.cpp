// Answers as people type them: an enum's values in any case, yes/no for a
// bool, wherever answers are read (-a, --answers, JSON Lines facts, CSV cells).

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

using closecoach::testing::run_cli;
using nlohmann::json;

namespace {

const std::string k_data = CLOSECOACH_TEST_DATA;

// The moves and class of `advise --format json ARGS...`.
json advice_of(std::vector<std::string> args) {
  args.insert(args.begin(), {"advise", "--format", "json"});
  const auto run = run_cli(args);
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.err, "");
  const json advice = json::parse(run.out);
  return {{"class", advice["class"]}, {"moves", advice["moves"]}, {"assumed", advice["assumed"]}};
}

const std::vector<std::string> k_as_written{"-a", "contact_role=first_kp",
                                            "-a", "has_need=true",
                                            "-a", "can_pay=true",
                                            "-a", "sees_value=yes",
                                            "-a", "stage=negotiation",
                                            "-a", "last_response=think_about_it",
                                            "-a", "soft_closes_tried=3",
                                            "-a", "hard_close_tried=false",
                                            "-a", "win_lose_negotiator=false",
                                            "-a", "relationship_value=normal"};

}  // namespace

TEST(TypedAnswers, OnTheCommandLineMeanWhatTheyWouldInLowerCase) {
  const json typed = advice_of({"-a", "contact_role=First_KP",
                                "-a", "has_need=yes",
                                "-a", "can_pay=YES",
                                "-a", "sees_value=Yes",
                                "-a", "stage=Negotiation",
                                "-a", "last_response=THINK_ABOUT_IT",
                                "-a", "soft_closes_tried=3",
                                "-a", "hard_close_tried=No",
                                "-a", "win_lose_negotiator=no",
                                "-a", "relationship_value=Normal"});
  EXPECT_EQ(typed, advice_of(k_as_written));
  EXPECT_EQ(typed["moves"][0]["technique"], "hard_close");
}

TEST(TypedAnswers, InAnAnswersFileMeanWhatTheyWouldInLowerCase) {
  EXPECT_EQ(advice_of({"--answers", k_data + "/advise/typed.json"}), advice_of(k_as_written));
}

TEST(TypedAnswers, AWrongValueStillListsTheAllowedOnes) {
  const auto run = run_cli({"advise", "--format", "json", "-a", "stage=Closing"});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err,
            "closecoach: error: -a stage=Closing: fact 'stage' cannot be 'Closing' (allowed: "
            "discovery, presentation, negotiation, final_20_min, follow_up)\n");
  const auto yes_no = run_cli({"advise", "--format", "json", "-a", "has_need=maybe"});
  EXPECT_EQ(yes_no.status, 2);
  EXPECT_EQ(yes_no.err,
            "closecoach: error: -a has_need=maybe: fact 'has_need' must be true or false, not "
            "'maybe'\n");
}

TEST(TypedAnswers, InJsonLinesAndCsvMeanWhatTheyWouldInLowerCase) {
  const std::string jsonl =
      R"({"id": "typed", "facts": {"contact_role": "First_KP", "has_need": "yes", "can_pay": "YES", )"
      R"("sees_value": "Yes", "stage": "Negotiation", "last_response": "Think_About_It", )"
      R"("soft_closes_tried": 3}})"
      "\n"
      R"({"id": "written", "facts": {"contact_role": "first_kp", "has_need": true, "can_pay": true, )"
      R"("sees_value": "yes", "stage": "negotiation", "last_response": "think_about_it", )"
      R"("soft_closes_tried": 3}})"
      "\n";
  const std::string csv =
      "id,contact_role,has_need,can_pay,sees_value,stage,last_response,soft_closes_tried\n"
      "typed,First_KP,Yes,yes,YES,NEGOTIATION,think_About_it,3\n"
      "written,first_kp,true,true,yes,negotiation,think_about_it,3\n";
  for (const auto& [input, format] : {std::pair{jsonl, "jsonl"}, std::pair{csv, "csv"}}) {
    const auto run = run_cli({"review", "-", "--format", format, "--output", "jsonl"}, input);
    EXPECT_EQ(run.status, 0) << format << ": " << run.err;
    const auto newline = run.out.find('\n');
    ASSERT_NE(newline, std::string::npos) << format << ": " << run.out;
    json typed = json::parse(run.out.substr(0, newline));
    json written = json::parse(run.out.substr(newline + 1));
    EXPECT_EQ(typed["error"], nullptr) << format;
    EXPECT_EQ(typed["moves"][0]["technique"], "hard_close") << format;
    for (json* result : {&typed, &written}) {
      result->erase("id");
      result->erase("line");
    }
    EXPECT_EQ(typed, written) << format;
  }
}
