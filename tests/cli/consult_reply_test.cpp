// Replies to the consultation's questions as people type them.

#include <closecoach/engine.hpp>

#include <gtest/gtest.h>

#include "consult.hpp"
#include "support/test_support.hpp"

namespace closecoach::cli {
namespace {

using Kind = ReadReply::Kind;

int slot_of(std::string_view fact) { return testing::default_engine().schema().slot_of(fact); }

ReadReply reply(std::string_view fact, std::string_view typed, std::string_view language = "en") {
  static std::deque<std::string> storage;
  return read_reply(testing::default_engine(), slot_of(fact), typed, language, storage);
}

void expect_answer(const ReadReply& read, const nlohmann::json& value) {
  ASSERT_EQ(read.kind, Kind::answer) << read.problem;
  EXPECT_EQ(FactSchema::value_to_json(read.value), value);
}

TEST(ConsultReply, YesAndNoInEachLanguage) {
  for (const char* yes : {"yes", "Y", "YES", "1", "да", "Да", "是", "对", "ｙｅｓ"})
    expect_answer(reply("has_need", yes), true);
  for (const char* no : {"no", "n", "2", "нет", "否", "不", " No "})
    expect_answer(reply("has_need", no), false);
  EXPECT_EQ(reply("has_need", "maybe").kind, Kind::not_understood);
  EXPECT_EQ(reply("has_need", "maybe").problem, "want_yes_no");
}

TEST(ConsultReply, AChoiceByNumberFullWidthDigitsIdOrLabelInAnyCase) {
  expect_answer(reply("stage", "3"), "negotiation");
  expect_answer(reply("stage", "３"), "negotiation");
  expect_answer(reply("stage", "Negotiation"), "negotiation");
  expect_answer(reply("contact_role", "FIRST_KP"), "first_kp");
  EXPECT_EQ(reply("stage", "9").problem, "want_choice");
  EXPECT_EQ(reply("stage", "soon").problem, "want_choice");
}

TEST(ConsultReply, ANumberQuestionWantsANumber) {
  expect_answer(reply("soft_closes_tried", "3"), 3);
  expect_answer(reply("soft_closes_tried", "１２"), 12);
  EXPECT_EQ(reply("soft_closes_tried", "three").problem, "want_whole_number");
  EXPECT_EQ(reply("soft_closes_tried", "2.5").problem, "want_whole_number");
}

TEST(ConsultReply, HelpSkipAndBack) {
  EXPECT_EQ(reply("stage", "?").kind, Kind::help);
  EXPECT_EQ(reply("stage", "？").kind, Kind::help);
  EXPECT_EQ(reply("stage", "s").kind, Kind::skip);
  EXPECT_EQ(reply("stage", "S").kind, Kind::skip);
  EXPECT_EQ(reply("stage", "b").kind, Kind::back);
  EXPECT_EQ(reply("stage", "Ｂ").kind, Kind::back);
}

TEST(ConsultReply, TheCommandThatRepeatsTheAdviceQuotesWhatTheShellWouldRead) {
  const Engine& engine = testing::default_engine();
  std::vector<Value> facts = engine.blank_facts();
  ASSERT_TRUE(engine.read_assignment("has_need=true", facts).ok());
  ASSERT_TRUE(engine.read_assignment("soft_closes_tried=3", facts).ok());
  const auto words = rerun_words(engine, facts, {"zh", "zh", "my playbook.json"});
  const std::vector<std::string> expected{
      "closecoach", "advise",        "--playbook", "'my playbook.json'", "--lang", "zh",
      "-a",         "has_need=true", "-a",         "soft_closes_tried=3"};
  EXPECT_EQ(words, expected);
}

}  // namespace
}  // namespace closecoach::cli
