#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

using closecoach::testing::run_cli;
using nlohmann::json;

namespace {

const std::string k_data = CLOSECOACH_TEST_DATA;
const std::string k_example = std::string(CLOSECOACH_SOURCE_DIR) + "/examples/answers.json";

json advise_json(const std::vector<std::string>& args) {
  std::vector<std::string> all{"advise", "--format", "json"};
  all.insert(all.end(), args.begin(), args.end());
  const auto run = run_cli(all);
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.err, "");
  return json::parse(run.out);
}

}  // namespace

TEST(AdviseCli, PrintsTheContractsJsonShape) {
  const json advice = advise_json({"--answers", k_example});
  EXPECT_EQ(advice["class"], "A");
  EXPECT_EQ(advice["settled"], true);
  EXPECT_EQ(advice["next_question"], nullptr);
  EXPECT_EQ(advice["moves"][0]["technique"], "hard_close");
  for (const char* key : {"technique", "name", "say", "because"})
    EXPECT_TRUE(advice["moves"][0].contains(key)) << key;
  EXPECT_GE(advice["moves"][0]["say"].size(), 2u);
  EXPECT_TRUE(advice["avoid"].is_array());
  bool bridge_burner = false;
  for (const auto& warning : advice["warnings"]) bridge_burner |= warning["id"] == "bridge_burner";
  EXPECT_TRUE(bridge_burner);
}

TEST(AdviseCli, CommandLineAnswersWinOverTheFile) {
  const json advice = advise_json({"--answers", k_example, "-a", "can_pay=false"});
  EXPECT_EQ(advice["class"], "D");
  EXPECT_EQ(advice["moves"][0]["technique"], "graceful_exit");
}

TEST(AdviseCli, AsksTheNextQuestionWhenAnswersAreMissing) {
  const json advice = advise_json({"-a", "contact_role=first_kp"});
  EXPECT_EQ(advice["settled"], false);
  ASSERT_TRUE(advice["next_question"].is_object());
  EXPECT_TRUE(advice["next_question"]["text"].is_string());
  EXPECT_TRUE(advice["next_question"]["choices"].is_array());
}

TEST(AdviseCli, SpeaksChineseAndRussian) {
  const json english = advise_json({"--answers", k_example, "--lang", "en"});
  const json chinese = advise_json({"--answers", k_example, "--lang", "zh"});
  const json russian = advise_json({"--answers", k_example, "--lang", "ru"});
  EXPECT_EQ(chinese["moves"][0]["technique"], english["moves"][0]["technique"]);
  EXPECT_NE(chinese["moves"][0]["name"], english["moves"][0]["name"]);
  EXPECT_NE(russian["moves"][0]["name"], english["moves"][0]["name"]);
  EXPECT_NE(chinese["moves"][0]["say"], english["moves"][0]["say"]);
}

TEST(AdviseCli, ExplainsWhyNotATechnique) {
  const json advice =
      advise_json({"--answers", k_example, "-a", "soft_closes_tried=1", "--why-not", "hard_close"});
  ASSERT_TRUE(advice.contains("why_not"));
  EXPECT_EQ(advice["why_not"]["technique"], "hard_close");
  EXPECT_EQ(advice["why_not"]["recommended"], false);
  bool names_soft_closes = false;
  for (const auto& rule : advice["why_not"]["rules"])
    for (const auto& failed : rule["failed"])
      names_soft_closes |= failed["facts"].contains("soft_closes_tried");
  EXPECT_TRUE(names_soft_closes) << advice["why_not"].dump(2);
  EXPECT_FALSE(advice["why_not"]["avoided_by"].empty());
}

TEST(AdviseCli, RejectsAnUnknownFactOnTheCommandLine) {
  const auto run = run_cli({"advise", "--format", "json", "-a", "budget_ok=true"});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err,
            "closecoach: error: -a budget_ok=true: unknown fact 'budget_ok' (known facts: "
            "contact_role, has_need, "
            "can_pay, sees_value, stage, last_response, soft_closes_tried, hard_close_tried, "
            "on_shortlist, "
            "real_urgency, relationship_value, win_lose_negotiator, days_in_cycle)\n");
}

TEST(AdviseCli, RejectsAValueTheFactCannotTake) {
  const auto run =
      run_cli({"advise", "--format", "json", "--answers", k_data + "/advise/bad_value.json"});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, "closecoach: " + k_data +
                         "/advise/bad_value.json:3:3: error: fact 'stage' cannot be 'closing' "
                         "(allowed: discovery, "
                         "presentation, negotiation, final_20_min, follow_up)\n");
}

TEST(AdviseCli, RejectsAnUnknownFactInTheAnswersFileWithItsLine) {
  const auto run =
      run_cli({"advise", "--format", "json", "--answers", k_data + "/advise/unknown_fact.json"});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err.rfind(
                "closecoach: " + k_data +
                    "/advise/unknown_fact.json:3:3: error: unknown fact 'budget_ok' (known facts: ",
                0),
            0u)
      << run.err;
}

TEST(AdviseCli, RejectsMalformedJsonWithLineAndColumn) {
  const auto run =
      run_cli({"advise", "--format", "json", "--answers", k_data + "/advise/malformed.json"});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(
      run.err,
      "closecoach: " + k_data +
          "/advise/malformed.json:4:11: error: invalid JSON: syntax error while parsing object - "
          "unexpected string literal; expected '}'\n");
}

TEST(AdviseCli, RejectsANumberThatIsNotANumber) {
  const auto run = run_cli({"advise", "--format", "json", "-a", "soft_closes_tried=abc"});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err,
            "closecoach: error: -a soft_closes_tried=abc: fact 'soft_closes_tried' must be a whole "
            "number >= 0, not 'abc'\n");
}

TEST(AdviseCli, RejectsAMissingAnswersFile) {
  const auto run = run_cli({"advise", "--answers", "/nonexistent/answers.json"});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err,
            "closecoach: error: --answers: File does not exist: /nonexistent/answers.json\n");
}

TEST(AdviseCli, PrintsTextForAPerson) {
  const auto run = run_cli({"advise", "--answers", k_example});
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out.rfind("Next move: ", 0), 0u) << run.out;
  EXPECT_NE(run.out.find("\nSay:\n  > "), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("\nWhy:\n  - "), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("\nWatch out:\n  ! "), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("\x1b["), std::string::npos) << "no colour when not a terminal";
}

TEST(AdviseCli, ConsultsInteractivelyAskingOnlyWhatMatters) {
  // has_need = no settles it: a D customer, leave gracefully.
  const auto run = run_cli({"advise", "--interactive"}, "2\n");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out.rfind("\n1. ", 0), 0u) << run.out;
  EXPECT_EQ(run.out.find("\n2. "), std::string::npos) << "asked a second question:\n" << run.out;
  EXPECT_NE(run.out.find("Next move: "), std::string::npos) << run.out;
}

TEST(AdviseCli, ConsultationGoesBackAndShowsHelp) {
  const auto run = run_cli({"advise", "--interactive", "--format", "text"}, "?\n1\nb\n2\n");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("\n2. "), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Next move: "), std::string::npos) << run.out;
}

TEST(AdviseCli, ConsultationStopsAtEndOfInput) {
  const auto run = run_cli({"advise", "--interactive"}, "1\n");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("Stopped before the advice was settled."), std::string::npos) << run.out;
}

TEST(AdviseCli, WritesChineseLabelsWithFullWidthColons) {
  const auto run = run_cli({"advise", "--answers", k_example, "--lang", "zh"});
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out.rfind("下一步：", 0), 0u) << run.out;
  EXPECT_NE(run.out.find("\n可以这样说：\n  > "), std::string::npos) << run.out;
}
