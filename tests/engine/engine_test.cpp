#include <closecoach/engine.hpp>
#include <closecoach/playbook.hpp>

#include <gtest/gtest.h>

#include <string>

#include "support/test_support.hpp"

using namespace closecoach;
using closecoach::testing::facts_from;
using nlohmann::json;

namespace {

// A playbook small enough to reason about by hand.
const char* const k_playbook = R"({
  "languages": ["en"],
  "facts": [
    {"id": "budget", "type": "bool", "question": {"en": "Budget?"}},
    {"id": "stage", "type": "enum", "values": ["early", "late"], "question": {"en": "Stage?"}},
    {"id": "tries", "type": "integer", "minimum": 0, "question": {"en": "Tries?"}},
    {"id": "tier", "type": "enum", "values": ["gold", "lead"], "derived": true}
  ],
  "techniques": [
    {"id": "push", "name": {"en": "Push"}, "summary": {"en": "Ask now."}, "say": {"en": ["Shall we?"]}, "warn": ["careful"]},
    {"id": "wait", "name": {"en": "Wait"}, "summary": {"en": "Hold."}, "say": {"en": ["Later."]}},
    {"id": "leave", "name": {"en": "Leave"}, "summary": {"en": "Go."}, "say": {"en": ["Bye."]}}
  ],
  "warnings": [{"id": "careful", "text": {"en": "Mind the bridge."}}],
  "rules": [
    {"id": "gold_tier", "when": "budget and stage == 'late'", "set": {"tier": "gold"}},
    {"id": "lead_tier", "when": "budget", "set": {"tier": "lead"}},
    {"id": "no_budget", "when": "budget == false", "priority": 100, "recommend": ["leave"], "because": {"en": "No budget."}},
    {"id": "gold_push", "when": "tier == 'gold' and tries >= 2", "priority": 50, "recommend": ["push", "wait"], "because": {"en": "Ready."}},
    {"id": "default", "when": true, "priority": 0, "recommend": ["wait"], "because": {"en": "Nothing better."}},
    {"id": "too_soon", "when": "tries < 3", "avoid": ["push"], "because": {"en": "Too soon."}}
  ]
})";

Engine make_engine() { return closecoach::testing::engine_from_text(k_playbook); }

std::vector<std::string> move_ids(const json& advice) {
  std::vector<std::string> ids;
  for (const auto& move : advice["moves"]) ids.push_back(move["technique"].get<std::string>());
  return ids;
}

}  // namespace

TEST(Engine, DerivesAFactFromTheFirstRuleThatHolds) {
  const Engine engine = make_engine();
  const json advice = engine.to_json(
      engine.advise(facts_from(engine, {{"budget", true}, {"stage", "late"}, {"tries", 5}})), "en");
  EXPECT_EQ(move_ids(advice), (std::vector<std::string>{"push", "wait"}));
}

TEST(Engine, NeverRecommendsAnAvoidedTechnique) {
  const Engine engine = make_engine();
  const json advice = engine.to_json(
      engine.advise(facts_from(engine, {{"budget", true}, {"stage", "late"}, {"tries", 2}})), "en");
  EXPECT_EQ(move_ids(advice), (std::vector<std::string>{"wait"}));
  EXPECT_EQ(advice["avoid"],
            json::parse(R"([{"technique": "push", "because": "Too soon.", "rule": "too_soon"}])"));
  // The catch-all's "Nothing better." never stands beside a specific reason.
  EXPECT_EQ(advice["moves"][0]["because"], json::parse(R"(["Ready."])"));
  EXPECT_EQ(advice["moves"][0]["rules"], json::parse(R"(["gold_push"])"));
}

TEST(Engine, GivesTheCatchAllsReasonWhereNoOtherRuleRecommendsTheMove) {
  const Engine engine = make_engine();
  const json advice = engine.to_json(
      engine.advise(facts_from(engine, {{"budget", true}, {"stage", "early"}, {"tries", 2}})),
      "en");
  EXPECT_EQ(move_ids(advice), (std::vector<std::string>{"wait"}));
  EXPECT_EQ(advice["moves"][0]["because"], json::parse(R"(["Nothing better."])"));
}

TEST(Engine, RaisesATechniquesWarningWheneverItIsRecommended) {
  const Engine engine = make_engine();
  const json advice = engine.to_json(
      engine.advise(facts_from(engine, {{"budget", true}, {"stage", "late"}, {"tries", 3}})), "en");
  EXPECT_EQ(advice["warnings"],
            json::parse(R"([{"id": "careful", "text": "Mind the bridge.", "technique": "push"}])"));
}

TEST(Engine, IsSettledWhenTheMissingAnswersCannotChangeTheTopMove) {
  const Engine engine = make_engine();
  const Advice advice = engine.advise(facts_from(engine, {{"budget", false}}));
  EXPECT_TRUE(advice.settled);
  EXPECT_EQ(advice.next_question, -1);
  EXPECT_EQ(engine.to_json(advice, "en")["moves"][0]["technique"], "leave");
}

TEST(Engine, AsksTheFactThatDecidesTheHighestUndecidedRule) {
  const Engine engine = make_engine();
  const Advice advice = engine.advise(engine.blank_facts());
  EXPECT_FALSE(advice.settled);
  EXPECT_EQ(engine.to_json(advice, "en")["next_question"]["fact"], "budget");
}

TEST(Engine, SettlesByLookingPastUnknownsThatLeadToTheSameMove) {
  const Engine engine = make_engine();
  // Early stage: never gold, so whatever the tries, the move is "wait".
  const Advice advice = engine.advise(facts_from(engine, {{"budget", true}, {"stage", "early"}}));
  EXPECT_TRUE(advice.settled);
}

TEST(Engine, ReportsWhyATechniqueIsNotTheMove) {
  const Engine engine = make_engine();
  const Advice advice =
      engine.advise(facts_from(engine, {{"budget", true}, {"stage", "early"}, {"tries", 1}}));
  const json why_not =
      engine.to_json(engine.why_not(advice, engine.technique_index("push")), advice, "en");
  EXPECT_EQ(why_not, json::parse(R"({
    "technique": "push", "recommended": false,
    "rules": [{"rule": "gold_push", "priority": 50, "fired": "false", "because": "Ready.",
               "failed": [{"condition": "tier == 'gold'", "result": "false", "facts": {"tier": "lead"}},
                          {"condition": "tries >= 2", "result": "false", "facts": {"tries": 1}}]}],
    "avoided_by": [{"rule": "too_soon", "because": "Too soon."}],
    "outranked_by": [{"rule": "default", "because": "Nothing better."}]})"));
}

TEST(Engine, RejectsAnUnknownFactInAnswers) {
  const Engine engine = make_engine();
  std::vector<Value> facts = engine.blank_facts();
  auto read = engine.read_answers({{"budgt", true}}, facts);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().message,
            "unknown fact 'budgt'; did you mean 'budget'? (known facts: budget, stage, tries)");
  EXPECT_EQ(read.error().pointer, "/budgt");
}

TEST(Engine, RejectsAnAnswerForADerivedFact) {
  const Engine engine = make_engine();
  std::vector<Value> facts = engine.blank_facts();
  auto read = engine.read_assignment("tier=gold", facts);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().message, "fact 'tier' is derived from other answers and cannot be given");
}

TEST(Engine, ReportsAConditionNamingAnUnknownFactAtItsRule) {
  std::string text = k_playbook;
  text.replace(text.find("tries >= 2"), 10, "trys >= 2");
  PlaybookLoad load = load_playbook(text, "mini.json");
  ASSERT_FALSE(load.has_errors());
  auto engine = Engine::create(std::move(*load.playbook));
  ASSERT_FALSE(engine.ok());
  EXPECT_EQ(engine.error().message,
            "in rule 'gold_push': unknown fact 'trys'; did you mean 'tries'?");
  EXPECT_EQ(engine.error().pointer.rfind("/rules/3/when", 0), 0u) << engine.error().pointer;
}
