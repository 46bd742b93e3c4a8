// A fact's "frequency": the consultation asks first what most likely settles
// the advice, and the advice itself never changes.

#include <closecoach/engine.hpp>
#include <closecoach/playbook.hpp>

#include <gtest/gtest.h>

#include <string>

#include "support/test_support.hpp"

using namespace closecoach;
using closecoach::testing::engine_error;
using closecoach::testing::engine_from_text;
using closecoach::testing::facts_from;
using nlohmann::json;

namespace {

// Either "no budget" or "a rival already won" ends the deal; which to ask
// first depends only on which is more likely.
const char* const k_playbook = R"({
  "languages": ["en"],
  "facts": [
    {"id": "budget", "type": "bool", "question": {"en": "Budget?"}},
    {"id": "rival", "type": "bool", "question": {"en": "Rival won?"}},
    {"id": "mood", "type": "enum", "values": ["calm", "angry"], "question": {"en": "Mood?"}},
    {"id": "tries", "type": "integer", "minimum": 0, "question": {"en": "Tries?"}}
  ],
  "techniques": [
    {"id": "wait", "name": {"en": "Wait"}, "summary": {"en": "Hold."}, "say": {"en": ["Later."]}},
    {"id": "leave", "name": {"en": "Leave"}, "summary": {"en": "Go."}, "say": {"en": ["Bye."]}}
  ],
  "rules": [
    {"id": "no_budget", "when": "budget == false", "priority": 100, "recommend": ["leave"], "because": {"en": "No budget."}},
    {"id": "lost", "when": "rival", "priority": 90, "recommend": ["leave"], "because": {"en": "Lost."}},
    {"id": "angry", "when": "mood == 'angry' and tries >= 2", "priority": 50, "recommend": ["leave"], "because": {"en": "Enough."}},
    {"id": "default", "when": true, "priority": 0, "recommend": ["wait"], "because": {"en": "Nothing better."}}
  ]
})";

std::string with(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

const std::string k_budget = R"("id": "budget", "type": "bool",)";
const std::string k_rival = R"("id": "rival", "type": "bool",)";
const std::string k_mood = R"("values": ["calm", "angry"],)";

// Budget is nearly always there; a rival has won three deals in ten.
std::string weighted_playbook() {
  return with(with(k_playbook, k_budget, k_budget + R"( "frequency": {"true": 9, "false": 1},)"),
              k_rival, k_rival + R"( "frequency": {"true": 3, "false": 7},)");
}

std::string first_question(const Engine& engine) {
  const Advice advice = engine.advise(engine.blank_facts());
  return engine.schema().spec(advice.next_question).id;
}

}  // namespace

TEST(QuestionOrder, WithoutFrequenciesEqualChancesGoInPlaybookOrder) {
  EXPECT_EQ(first_question(engine_from_text(k_playbook)), "budget");
}

TEST(QuestionOrder, AsksFirstTheFactMostLikelyToSettleTheAdvice) {
  const Engine engine = engine_from_text(weighted_playbook());
  EXPECT_EQ(first_question(engine), "rival");
  // Once the rival is ruled out, only the budget can still end the deal.
  const Advice advice = engine.advise(facts_from(engine, {{"rival", false}}));
  EXPECT_EQ(engine.schema().spec(advice.next_question).id, "budget");
}

TEST(QuestionOrder, FrequenciesNeverChangeTheAdviceOrWhereTheConsultationEnds) {
  const Engine plain = engine_from_text(k_playbook);
  const Engine weighted = engine_from_text(weighted_playbook());
  for (const bool budget : {false, true})
    for (const bool rival : {false, true})
      for (const char* mood : {"calm", "angry"})
        for (const int tries : {0, 3}) {
          const json answers = {
              {"budget", budget}, {"rival", rival}, {"mood", mood}, {"tries", tries}};
          std::vector<Value> truth = plain.blank_facts();
          ASSERT_TRUE(plain.read_answers(answers, truth).ok());
          const json expected = plain.to_json(plain.advise(truth), "en")["moves"];
          EXPECT_EQ(weighted.to_json(weighted.advise(truth), "en")["moves"], expected) << answers;
          std::vector<Value> facts = weighted.blank_facts();
          Advice advice = weighted.advise(facts);
          for (int asked = 0; !advice.settled && asked < 4; ++asked) {
            const auto slot = static_cast<std::size_t>(advice.next_question);
            facts[slot] = truth[slot];
            advice = weighted.advise(facts);
          }
          EXPECT_TRUE(advice.settled) << answers;
          EXPECT_EQ(weighted.to_json(advice, "en")["moves"][0]["technique"],
                    expected[0]["technique"])
              << answers;
        }
}

TEST(QuestionOrder, AFrequencyThatDoesNotFitTheFactStopsTheEngine) {
  const auto mood = [](const std::string& frequency) {
    return engine_error(with(k_playbook, k_mood, k_mood + R"( "frequency": )" + frequency + ","));
  };
  EXPECT_EQ(mood(R"({"calm": 3, "angry": 1})"), "compiled");
  EXPECT_EQ(mood(R"({"calm": 3, "furious": 1})"),
            "/facts/2/frequency: fact 'mood': 'frequency' names 'furious', which is not one of "
            "its values (calm, angry)");
  EXPECT_EQ(
      mood(R"({"calm": 3})"),
      "/facts/2/frequency: fact 'mood': 'frequency' lacks 'angry': give every value a weight");
  EXPECT_EQ(mood(R"({"calm": -1, "angry": 1})"),
            "/facts/2/frequency: fact 'mood': the weight of 'calm' must be a number, 0 or more");
  EXPECT_EQ(mood(R"({"calm": 0, "angry": 0})"),
            "/facts/2/frequency: fact 'mood': 'frequency' weighs every value 0");
  const std::string tries = R"("id": "tries", "type": "integer",)";
  EXPECT_EQ(engine_error(with(k_playbook, tries, tries + R"( "frequency": {"0": 1},)")),
            "/facts/3/frequency: fact 'tries': 'frequency' is only for a bool or enum fact that "
            "is asked");
}

TEST(QuestionOrder, AWeightThatIsNotANumberIsAPlaybookError) {
  PlaybookLoad load = load_playbook(
      with(k_playbook, k_mood, k_mood + R"( "frequency": {"calm": "often", "angry": 1},)"),
      "mini.json");
  ASSERT_TRUE(load.has_errors());
  EXPECT_NE(format_diagnostic(load.diagnostics.front()).find("frequency"), std::string::npos)
      << format_diagnostic(load.diagnostics.front());
}
