#include <closecoach/engine.hpp>
#include <closecoach/playbook.hpp>
#include <closecoach/scenarios.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/test_support.hpp"

using namespace closecoach;
using closecoach::testing::default_engine;
using nlohmann::json;

namespace {

const char* const k_playbook = R"({
  "languages": ["en"],
  "facts": [
    {"id": "budget", "type": "bool", "question": {"en": "Budget?"}},
    {"id": "customer_class", "type": "enum", "values": ["A", "D"], "derived": true}
  ],
  "techniques": [
    {"id": "push", "name": {"en": "Push"}, "summary": {"en": "Ask."}, "say": {"en": ["Now?"]}, "warn": ["careful"]},
    {"id": "leave", "name": {"en": "Leave"}, "summary": {"en": "Go."}, "say": {"en": ["Bye."]}}
  ],
  "warnings": [{"id": "careful", "text": {"en": "Mind it."}}],
  "rules": [
    {"id": "class_a", "when": "budget", "set": {"customer_class": "A"}},
    {"id": "class_d", "when": "budget == false", "set": {"customer_class": "D"}},
    {"id": "push_a", "when": "customer_class == 'A'", "priority": 10, "recommend": ["push"], "because": {"en": "A."}},
    {"id": "leave_d", "when": "customer_class == 'D'", "priority": 10, "recommend": ["leave"], "because": {"en": "D."}},
    {"id": "no_push_d", "when": "customer_class == 'D'", "avoid": ["push"], "because": {"en": "No."}}
  ]
})";

Engine make_engine() { return closecoach::testing::engine_from_text(k_playbook); }

std::vector<Scenario> scenarios_from(const std::string& text) {
  auto scenarios = read_scenarios(text, "t.json");
  EXPECT_TRUE(scenarios.ok()) << (scenarios.ok() ? "" : format_diagnostic(scenarios.error()));
  return scenarios.ok() ? *scenarios : std::vector<Scenario>{};
}

std::string error_of(const std::string& text) {
  auto scenarios = read_scenarios(text, "t.json");
  return scenarios.ok() ? "(no error)" : format_diagnostic(scenarios.error());
}

// The engine of the default playbook, whose signals read notes.
}  // namespace

TEST(ReadScenarios, ReadsEachCaseWithItsPointer) {
  const auto scenarios = scenarios_from(R"({"cases": [
    {"name": "a", "answers": {"budget": true}, "expect": {"top": ["push"]}},
    {"name": "d", "answers": {}}
  ]})");
  ASSERT_EQ(scenarios.size(), 2u);
  EXPECT_EQ(scenarios[0].name, "a");
  EXPECT_EQ(scenarios[0].answers, json::parse(R"({"budget": true})"));
  EXPECT_EQ(scenarios[0].expect, json::parse(R"({"top": ["push"]})"));
  EXPECT_EQ(scenarios[1].pointer, "/cases/1");
  EXPECT_EQ(scenarios[1].expect, json::object());
}

TEST(ReadScenarios, RejectsMalformedCasesWithTheirPlace) {
  EXPECT_EQ(error_of("{\"cases\": [\n  {\"answers\": {}}\n]}"),
            "t.json:2:3: error: a case needs a string 'name' (/cases/0)");
  EXPECT_EQ(error_of(R"({"cases": [{"name": "x", "answers": []}]})"),
            "t.json:1:12: error: case 'x' needs an 'answers' object (or 'notes') (/cases/0)");
  EXPECT_EQ(error_of(R"({"cases": [{"name": "x", "answers": {}, "expect": {"best": ["push"]}}]})"),
            "t.json:1:52: error: case 'x': unknown expect key 'best' (known: top, not_top, "
            "moves_include, avoid, warnings, no_warnings, class, read, not_read) "
            "(/cases/0/expect/best)");
  EXPECT_EQ(
      error_of(R"({"cases": [{"name": "x", "answers": {}, "expect": {"top": "push"}}]})"),
      "t.json:1:52: error: case 'x': expect 'top' must be an array of ids (/cases/0/expect/top)");
  EXPECT_EQ(error_of(R"({"tests": []})"),
            "t.json:1:1: error: scenario tests must be an object with a 'cases' array");
  EXPECT_EQ(error_of("{\"cases\": [}"),
            "t.json:1:12: error: invalid JSON: syntax error while parsing value - unexpected '}'; "
            "expected '[', '{', or a literal");
}

TEST(RunScenario, PassesWhenEveryExpectationHolds) {
  const Engine engine = make_engine();
  const auto scenarios = scenarios_from(R"({"cases": [
    {"name": "a", "answers": {"budget": true},
     "expect": {"top": ["push"], "moves_include": ["push"], "warnings": ["careful"], "class": "A"}},
    {"name": "d", "answers": {"budget": false},
     "expect": {"top": ["leave"], "not_top": ["push"], "avoid": ["push"], "no_warnings": ["careful"], "class": "D"}}
  ]})");
  ASSERT_EQ(scenarios.size(), 2u);
  for (const auto& scenario : scenarios) {
    const ScenarioOutcome outcome = run_scenario(engine, scenario);
    EXPECT_TRUE(outcome.passed) << scenario.name;
    EXPECT_EQ(outcome.failures, std::vector<std::string>{}) << scenario.name;
  }
  EXPECT_EQ(run_scenario(engine, scenarios[1]).fired_rules, (std::vector<int>{1, 3, 4}));
}

TEST(RunScenario, SaysWhichExpectationFailed) {
  const Engine engine = make_engine();
  const auto scenarios = scenarios_from(R"({"cases": [
    {"name": "wrong", "answers": {"budget": false},
     "expect": {"top": ["push"], "not_top": ["leave"], "moves_include": ["push"], "avoid": ["leave"],
                "warnings": ["careful"], "class": "A"}},
    {"name": "no move", "answers": {}, "expect": {"top": ["push"], "class": "A"}}
  ]})");
  ASSERT_EQ(scenarios.size(), 2u);
  const ScenarioOutcome wrong = run_scenario(engine, scenarios[0]);
  EXPECT_FALSE(wrong.passed);
  EXPECT_EQ(wrong.failures, (std::vector<std::string>{
                                "top: expected one of [push], got leave",
                                "not_top: expected none of [leave], got leave",
                                "moves_include: expected push in [leave]",
                                "avoid: expected leave in [push]",
                                "warnings: expected careful in []",
                                "class: expected \"A\", got \"D\"",
                            }));
  EXPECT_EQ(run_scenario(engine, scenarios[1]).failures,
            (std::vector<std::string>{"top: expected one of [push], got no move",
                                      "class: expected \"A\", got null"}));
}

TEST(RunScenario, FailsOnAnswersTheEngineRejects) {
  const Engine engine = make_engine();
  const auto scenarios = scenarios_from(R"({"cases": [
    {"name": "bad", "answers": {"budget": "perhaps"}},
    {"name": "derived", "answers": {"customer_class": "A"}}
  ]})");
  ASSERT_EQ(scenarios.size(), 2u);
  EXPECT_EQ(
      run_scenario(engine, scenarios[0]).failures,
      std::vector<std::string>{"answers: fact 'budget' must be true or false, not 'perhaps'"});
  const ScenarioOutcome derived = run_scenario(engine, scenarios[1]);
  EXPECT_FALSE(derived.passed);
  EXPECT_EQ(
      derived.failures,
      std::vector<std::string>{
          "answers: fact 'customer_class' is derived from other answers and cannot be given"});
}

TEST(ReadScenarios, ReadsNotesAsOneTextOrAListWithoutAnswers) {
  const auto scenarios = scenarios_from(R"({"cases": [
    {"name": "one", "notes": "they have money again"},
    {"name": "two", "answers": {"budget": true}, "notes": ["no budget", "they have money again"]}
  ]})");
  ASSERT_EQ(scenarios.size(), 2u);
  EXPECT_EQ(scenarios[0].notes, "they have money again");
  EXPECT_EQ(scenarios[0].answers, json::object());
  EXPECT_EQ(scenarios[1].notes, "no budget\nthey have money again");
}

TEST(ReadScenarios, RejectsNotesAndReadExpectationsOfTheWrongShape) {
  EXPECT_EQ(error_of(R"({"cases": [{"name": "x", "notes": ["ok", 3]}]})"),
            "t.json:1:26: error: case 'x': 'notes' must be a string or a list of strings "
            "(/cases/0/notes)");
  EXPECT_EQ(
      error_of(R"({"cases": [{"name": "x", "notes": "n", "expect": {"read": ["can_pay"]}}]})"),
      "t.json:1:51: error: case 'x': expect 'read' must be an object of fact to value "
      "(/cases/0/expect/read)");
  EXPECT_EQ(
      error_of(R"({"cases": [{"name": "x", "notes": "n", "expect": {"not_read": "can_pay"}}]})"),
      "t.json:1:51: error: case 'x': expect 'not_read' must be an array of ids "
      "(/cases/0/expect/not_read)");
}

TEST(RunScenario, ANegatedNoteReadsAsTheCustomerCanPay) {
  const Engine& engine = default_engine();
  const auto scenarios = scenarios_from(R"({"cases": [
    {"name": "en", "notes": "the budget freeze is over, they have money again",
     "expect": {"read": {"can_pay": true}, "not_read": ["has_need"]}},
    {"name": "zh", "notes": "客户说没有预算问题，下周签",
     "expect": {"read": {"can_pay": true, "last_response": "ready_to_buy"}}},
    {"name": "ru", "notes": "Бюджет есть, давайте оформлять", "expect": {"read": {"can_pay": true}}},
    {"name": "plan", "notes": "next call: ask if they are ready to sign",
     "expect": {"not_read": ["last_response"]}}
  ]})");
  ASSERT_EQ(scenarios.size(), 4u);
  for (const auto& scenario : scenarios)
    EXPECT_EQ(run_scenario(engine, scenario).failures, std::vector<std::string>{}) << scenario.name;
}

TEST(RunScenario, SaysWhatTheNotesReadWhenItIsNotExpected) {
  const Engine& engine = default_engine();
  const auto scenarios = scenarios_from(R"({"cases": [
    {"name": "wrong", "notes": "the budget freeze is over, they have money again",
     "expect": {"read": {"can_pay": false, "has_need": true, "budget": true}, "not_read": ["can_pay"]}}
  ]})");
  ASSERT_EQ(scenarios.size(), 1u);
  const ScenarioOutcome wrong = run_scenario(engine, scenarios[0]);
  EXPECT_FALSE(wrong.passed);
  EXPECT_EQ(wrong.failures,
            (std::vector<std::string>{
                "read: unknown fact 'budget'",
                "read: expected can_pay = false, got true from \"they have money again\"",
                "read: expected has_need = true, got nothing",
                "not_read: expected nothing of can_pay, got true from \"they have money again\"",
            }));
}

TEST(RunScenario, AnAnswerWinsOverTheNotes) {
  const Engine& engine = default_engine();
  const auto scenarios = scenarios_from(R"({"cases": [
    {"name": "answered", "answers": {"can_pay": false},
     "notes": "the budget freeze is over, they have money again",
     "expect": {"class": "D", "not_read": ["can_pay"]}}
  ]})");
  ASSERT_EQ(scenarios.size(), 1u);
  EXPECT_EQ(run_scenario(engine, scenarios[0]).failures, std::vector<std::string>{});
}
