#include <closecoach/engine.hpp>
#include <closecoach/playbook.hpp>

#include <gtest/gtest.h>

#include <string>

#include "support/test_support.hpp"

using namespace closecoach;
using nlohmann::json;

namespace {

// Two facts with an assumption that rules read, one that no rule reads.
const char* const k_playbook = R"({
  "languages": ["en"],
  "facts": [
    {"id": "budget", "type": "bool", "question": {"en": "Budget?"}},
    {"id": "mood", "type": "enum", "values": ["calm", "angry"], "assume": "calm", "question": {"en": "Mood?"}},
    {"id": "tries", "type": "integer", "minimum": 0, "assume": 0, "question": {"en": "Tries?"}},
    {"id": "spare", "type": "bool", "assume": false, "question": {"en": "Spare?"}}
  ],
  "techniques": [
    {"id": "push", "name": {"en": "Push"}, "summary": {"en": "Ask now."}, "say": {"en": ["Shall we?"]}},
    {"id": "wait", "name": {"en": "Wait"}, "summary": {"en": "Hold."}, "say": {"en": ["Later."]}},
    {"id": "leave", "name": {"en": "Leave"}, "summary": {"en": "Go."}, "say": {"en": ["Bye."]}}
  ],
  "rules": [
    {"id": "no_budget", "when": "budget == false", "priority": 100, "recommend": ["leave"], "because": {"en": "No budget."}},
    {"id": "angry", "when": "mood == 'angry'", "priority": 60, "recommend": ["wait"], "because": {"en": "Let it cool."}},
    {"id": "tried", "when": "tries >= 2", "priority": 50, "recommend": ["push"], "because": {"en": "Ready."}},
    {"id": "default", "when": true, "priority": 0, "recommend": ["wait"], "because": {"en": "Nothing better."}}
  ]
})";

Engine make_engine() { return closecoach::testing::engine_from_text(k_playbook); }

Advice advise(const Engine& engine, const json& answers) {
  std::vector<Value> facts = engine.blank_facts();
  auto read = engine.read_answers(answers, facts);
  EXPECT_TRUE(read.ok()) << (read.ok() ? "" : read.error().message);
  return engine.advise(facts);
}

std::string compile_error(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return closecoach::testing::engine_error(text);
}

}  // namespace

TEST(Assumptions, StandInForUnansweredFactsAndTheAdviceNamesThoseItRead) {
  const Engine engine = make_engine();
  const json advice = engine.to_json(advise(engine, {{"budget", true}}), "en");
  EXPECT_EQ(advice["moves"][0]["technique"], "wait");
  EXPECT_EQ(advice["moves"][0]["because"], json::array({"Nothing better."}));
  EXPECT_EQ(advice["assumed"], json::parse(R"({"mood": "calm", "tries": 0})"));
}

TEST(Assumptions, GiveWayToAnAnswer) {
  const Engine engine = make_engine();
  const json advice = engine.to_json(advise(engine, {{"budget", true}, {"tries", 3}}), "en");
  EXPECT_EQ(advice["moves"][0]["technique"], "push");
  EXPECT_EQ(advice["assumed"], json::parse(R"({"mood": "calm"})"));
}

TEST(Assumptions, AreNamedWhereverARuleReadThem) {
  const Engine engine = make_engine();
  const json advice = engine.to_json(advise(engine, {{"budget", false}}), "en");
  EXPECT_EQ(advice["moves"][0]["technique"], "leave");
  EXPECT_EQ(advice["settled"], true);
  // "angry" and "tried" still rank the runner-up moves, so both were read.
  EXPECT_EQ(advice["assumed"], json::parse(R"({"mood": "calm", "tries": 0})"));
  const json answered = engine.to_json(
      advise(engine, {{"budget", false}, {"mood", "calm"}, {"tries", 0}, {"spare", true}}), "en");
  EXPECT_EQ(answered["assumed"], json::object());
}

TEST(Assumptions, NeverSettleAdviceAndTheNextQuestionCarriesItsBranches) {
  const Engine engine = make_engine();
  const Advice advice = advise(engine, {{"budget", true}, {"tries", 3}});
  EXPECT_FALSE(advice.settled);
  const json out = engine.to_json(advice, "en");
  EXPECT_EQ(out["next_question"]["fact"], "mood");
  EXPECT_EQ(out["next_question"]["branches"], json::parse(R"([{"value": "calm", "top": "push"},
                                                              {"value": "angry", "top": "wait"}])"));
}

TEST(Assumptions, BranchesOfANumberAreItsValuesWorthTrying) {
  const Engine engine = make_engine();
  const Advice advice = advise(engine, {{"budget", true}, {"mood", "calm"}});
  const json out = engine.to_json(advice, "en");
  EXPECT_EQ(out["next_question"]["fact"], "tries");
  EXPECT_EQ(out["next_question"]["branches"],
            json::parse(R"([{"value": 0, "top": "wait"}, {"value": 1, "top": "wait"},
                            {"value": 2, "top": "push"}, {"value": 3, "top": "push"}])"));
}

TEST(Assumptions, SettledAdviceHasNoQuestionAndNoBranches) {
  const Engine engine = make_engine();
  const json out = engine.to_json(advise(engine, {{"budget", false}}), "en");
  EXPECT_EQ(out["next_question"], nullptr);
}

TEST(Assumptions, AValueTheFactCannotTakeStopsTheEngine) {
  EXPECT_EQ(compile_error(k_playbook, R"("assume": "calm")", R"("assume": "furious")"),
            "/facts/1/assume: 'assume': fact 'mood' cannot be 'furious' (allowed: calm, angry)");
  EXPECT_EQ(compile_error(k_playbook, R"("assume": 0)", R"("assume": -1)"),
            "/facts/2/assume: 'assume': fact 'tries' must be a whole number >= 0, not -1");
  EXPECT_EQ(compile_error(k_playbook, R"("assume": false)", R"("assume": null)"),
            "/facts/3/assume: 'assume': fact 'spare' must be true or false, not null");
}
