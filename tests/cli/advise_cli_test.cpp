#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>

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
  // The first question is whether they only want to beat you (of the answers
  // that end the deal at once, the likeliest); yes settles it: leave gracefully.
  const auto run = run_cli({"advise", "--interactive"}, "1\n");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out.rfind("\n1. ", 0), 0u) << run.out;
  EXPECT_EQ(run.out.find("\n2. "), std::string::npos) << "asked a second question:\n" << run.out;
  EXPECT_NE(run.out.find("Next move: "), std::string::npos) << run.out;
}

TEST(AdviseCli, ConsultationGoesBackAndShowsHelp) {
  const auto run = run_cli({"advise", "--interactive", "--format", "text"}, "?\n2\nb\n2\n");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("\n2. "), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("Next move: "), std::string::npos) << run.out;
}

TEST(AdviseCli, ConsultationStopsAtEndOfInput) {
  const auto run = run_cli({"advise", "--interactive"}, "2\n");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("Stopped before the advice was settled."), std::string::npos) << run.out;
}

TEST(AdviseCli, WritesChineseLabelsWithFullWidthColons) {
  const auto run = run_cli({"advise", "--answers", k_example, "--lang", "zh"});
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out.rfind("下一步：", 0), 0u) << run.out;
  EXPECT_NE(run.out.find("\n可以这样说：\n  > "), std::string::npos) << run.out;
}

TEST(AdviseCli, TheReadmeExampleAssumesANormalRelationshipAndSaysWhatToAnswerNext) {
  const auto run = run_cli({"advise", "-a", "contact_role=first_kp", "-a", "has_need=true", "-a",
                            "can_pay=true", "-a", "sees_value=yes", "-a", "stage=negotiation", "-a",
                            "last_response=think_about_it", "-a", "soft_closes_tried=3"});
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(
      run.out,
      "Next move: Hard close\n"
      "  Ask plainly for the decision, or ask what really stands in the way.\n"
      "\n"
      "Say:\n"
      "  > From what you've told me, this solves the problem you came with. Shall we get you "
      "started today?\n"
      "  > Is there anything left we need to settle so you can go ahead today?\n"
      "  > Can I ask you straight: what's keeping you from deciding today?\n"
      "\n"
      "Why:\n"
      "  - You've tried soft closes and they still want to “think about it”, which is usually a "
      "stall. Ask plainly for the decision, or for the real objection.\n"
      "\n"
      "Avoid:\n"
      "  x Pain driver: There is no honest reason to hurry, and an invented deadline costs you "
      "their trust.\n"
      "\n"
      "Watch out:\n"
      "  ! A hard close burns bridges: if they still say no, only 1 or 2 in 100 come back. Use it "
      "once, late, after soft closes, and where the relationship is worth a lot, lead with a "
      "helpful close.\n"
      "\n"
      "Also possible:\n"
      "  2. Trial close: Ask a light question that shows how close they are to yes.\n"
      "  3. Assumptive close: Talk as if the decision is made and move to the next step.\n"
      "  4. Motivation driver: Make the gain bigger and clearer: what the product does for them, "
      "your company's and your own credibility, a plan modelled on a similar customer's success.\n"
      "\n"
      "Customer class: A\n"
      "\n"
      "Assumed until you answer:\n"
      "  ~ Have you already asked them straight out to buy? No, not yet\n"
      "      If Yes, I asked directly → Trial close\n"
      "  ~ Is there an honest reason to decide now, such as a real deadline or limited stock? No "
      "real reason\n"
      "  ~ How much repeat business and how many referrals ride on this customer? Normal\n"
      "      If High: repeat business and referrals at stake → Helpful close\n"
      "  ~ To them, is a good deal only one where they beat you? No, they want a fair deal\n"
      "\n"
      "Answer next: To them, is a good deal only one where they beat you?\n"
      "  If Yes, they only want to win → Graceful exit\n"
      "  If No, they want a fair deal → Hard close\n");
}

TEST(AdviseCli, SaysInEachLanguageWhatEachAnswerToTheNextQuestionWouldChange) {
  const std::vector<std::string> answers{
      "advise", "--answers", k_example, "-a", "relationship_value=", "-a", "real_urgency="};
  const std::map<std::string, std::string> expected{
      {"en",
       "Answer next: How much repeat business and how many referrals ride on this customer?\n"
       "  If Low: a one-off deal → Hard close\n"
       "  If Normal → Hard close\n"
       "  If High: repeat business and referrals at stake → Helpful close\n"},
      {"zh",
       "接下来请回答：这个客户后续的复购和转介绍有多重要？\n"
       "  如果低：一次性买卖 → 硬成交\n"
       "  如果一般 → 硬成交\n"
       "  如果高：关系到复购和转介绍 → 帮助式成交\n"},
      {"ru",
       "Ответьте дальше: Насколько важны повторные покупки и рекомендации этого клиента?\n"
       "  Если Низкая: разовая сделка → Жёсткое закрытие\n"
       "  Если Обычная → Жёсткое закрытие\n"
       "  Если Высокая: на кону повторные заказы и рекомендации → Закрытие через пользу\n"}};
  for (const auto& [language, tail] : expected) {
    std::vector<std::string> args = answers;
    args.insert(args.end(), {"--lang", language});
    const auto run = run_cli(args);
    EXPECT_EQ(run.status, 0) << run.err;
    EXPECT_TRUE(run.out.ends_with("\n\n" + tail)) << language << ":\n" << run.out;
  }
}

TEST(AdviseCli, SaysWhichNumbersLeadWhere) {
  const auto run = run_cli({"advise", "--answers", k_example, "-a", "soft_closes_tried="});
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_TRUE(run.out.ends_with(
      "\n\nAssumed until you answer:\n"
      "  ~ How many times have you gently asked for the business so far? 0\n"
      "\nAnswer next: How many times have you gently asked for the business so far?\n"
      "  If 1 or fewer → Trial close\n"
      "  If 2 or more → Hard close\n"))
      << run.out;
}

TEST(AdviseCli, NamesTheAssumptionsAndBranchesInJson) {
  const json advice = advise_json({"--answers", k_example, "-a", "relationship_value="});
  EXPECT_EQ(advice["moves"][0]["technique"], "hard_close");
  EXPECT_EQ(advice["settled"], false);
  EXPECT_EQ(advice["assumed"], json::parse(R"({"relationship_value": "normal"})"));
  EXPECT_EQ(advice["next_question"]["fact"], "relationship_value");
  EXPECT_EQ(advice["next_question"]["branches"],
            json::parse(R"([{"value": "low", "top": "hard_close"},
                            {"value": "normal", "top": "hard_close"},
                            {"value": "high", "top": "helpful_close"}])"));
  EXPECT_EQ(advise_json({"--answers", k_example})["assumed"], json::object());
}

TEST(AdviseCli, MarksAssumedValuesInWhyNot) {
  const auto run = run_cli({"advise", "--answers", k_example, "-a",
                            "relationship_value=", "--why-not", "helpful_close"});
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("    fails relationship_value == 'high'  [relationship_value = normal "
                         "(Normal) (assumed)]\n"),
            std::string::npos)
      << run.out;
}

TEST(AdviseCli, GroupsWhatToAvoidByReason) {
  const auto run = run_cli({"advise", "--answers", k_example, "-a", "win_lose_negotiator=true"});
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("\nAvoid:\n  x Hard close, Assumptive close, Trial close, Helpful close, "
                         "Pain driver, Isolate the objection: To them a deal is only good when "
                         "they beat you. Every close you try becomes one more round they have to "
                         "win.\n\n"),
            std::string::npos)
      << run.out;
}
