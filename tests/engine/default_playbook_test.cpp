#include <closecoach/engine.hpp>
#include <closecoach/playbook.hpp>
#include <closecoach/scenarios.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "support/test_support.hpp"

using namespace closecoach;
using nlohmann::json;

namespace {

Engine default_engine() {
  PlaybookLoad load = load_playbook(default_playbook_text(), "data/playbook.json");
  for (const auto& diagnostic : load.diagnostics) ADD_FAILURE() << format_diagnostic(diagnostic);
  auto engine = Engine::create(std::move(*load.playbook));
  if (!engine.ok()) ADD_FAILURE() << format_diagnostic(engine.error());
  return std::move(engine.value());
}

std::vector<Scenario> scenarios_from(const std::string& path) {
  const std::string text = closecoach::testing::read_file(path);
  auto scenarios = read_scenarios(text, path);
  EXPECT_TRUE(scenarios.ok()) << (scenarios.ok() ? "" : format_diagnostic(scenarios.error()));
  return scenarios.ok() ? scenarios.value() : std::vector<Scenario>{};
}

void expect_all_pass(const Engine& engine, const std::vector<Scenario>& scenarios) {
  for (const auto& scenario : scenarios) {
    const ScenarioOutcome outcome = run_scenario(engine, scenario);
    for (const auto& failure : outcome.failures) ADD_FAILURE() << scenario.name << ": " << failure;
  }
}

std::string top_of(const Engine& engine, const Advice& advice) {
  if (advice.moves.empty()) return "no move";
  return engine.playbook().techniques[static_cast<std::size_t>(advice.moves.front().technique)].id;
}

// Follows next_question, answering from `truth`, until settled; returns the
// number of questions asked and the advice then.
std::pair<int, Advice> consult(const Engine& engine, const std::vector<Value>& truth) {
  std::vector<Value> facts = engine.blank_facts();
  int asked = 0;
  Advice advice = engine.advise(facts);
  while (!advice.settled) {
    const int slot = advice.next_question;
    if (slot < 0 || facts[static_cast<std::size_t>(slot)].known()) {
      ADD_FAILURE() << "unsettled advice without a new question";
      break;
    }
    facts[static_cast<std::size_t>(slot)] = truth[static_cast<std::size_t>(slot)];
    ++asked;
    advice = engine.advise(facts);
  }
  return {asked, advice};
}

std::size_t input_fact_count(const Engine& engine) {
  std::size_t count = 0;
  for (const auto& spec : engine.schema().facts()) count += spec.derived ? 0 : 1;
  return count;
}

}  // namespace

TEST(DefaultPlaybook, LoadsWithoutAnyDiagnostic) {
  PlaybookLoad load = load_playbook(default_playbook_text(), "data/playbook.json");
  EXPECT_TRUE(load.diagnostics.empty()) << format_diagnostic(load.diagnostics.front());
}

TEST(DefaultPlaybook, PassesTheContractExamples) {
  if (!std::filesystem::exists(CLOSECOACH_EXAMPLES))
    GTEST_SKIP() << "no examples at " << CLOSECOACH_EXAMPLES;
  const auto scenarios = scenarios_from(CLOSECOACH_EXAMPLES);
  EXPECT_GE(scenarios.size(), 10u);
  expect_all_pass(default_engine(), scenarios);
}

TEST(DefaultPlaybook, PassesItsOwnScenariosAndTheyFireEveryRule) {
  const Engine engine = default_engine();
  const auto scenarios =
      scenarios_from(std::string(CLOSECOACH_SOURCE_DIR) + "/data/playbook.tests.json");
  expect_all_pass(engine, scenarios);
  std::vector<bool> fired(engine.playbook().rules.size());
  for (const auto& scenario : scenarios)
    for (const int rule : run_scenario(engine, scenario).fired_rules)
      fired[static_cast<std::size_t>(rule)] = true;
  for (std::size_t rule = 0; rule < fired.size(); ++rule)
    EXPECT_TRUE(fired[rule]) << "no scenario fires rule " << engine.playbook().rules[rule].id;
}

TEST(DefaultPlaybook, ConsultationEndsAtTheSameMoveAsAnsweringEverything) {
  const Engine engine = default_engine();
  std::mt19937 random(20261123);
  for (int round = 0; round < 3000; ++round) {
    std::vector<Value> truth = engine.blank_facts();
    for (std::size_t slot = 0; slot < truth.size(); ++slot) {
      const FactSpec& spec = engine.schema().spec(static_cast<int>(slot));
      if (spec.derived) continue;
      if (spec.type == FactType::boolean)
        truth[slot] = Value::of(random() % 2 == 0);
      else if (spec.type == FactType::enumeration)
        truth[slot] = *engine.schema().value_from_json(static_cast<int>(slot),
                                                       spec.values[random() % spec.values.size()]);
      else
        truth[slot] = Value::of(static_cast<double>(random() % 25));
    }
    const std::string expected = top_of(engine, engine.advise(truth, false));
    const auto [asked, advice] = consult(engine, truth);
    ASSERT_EQ(top_of(engine, advice), expected)
        << "round " << round << " after " << asked << " questions";
  }
}

TEST(DefaultPlaybook, ConsultationAsksAtMostHalfTheFactsOnTheExamples) {
  if (!std::filesystem::exists(CLOSECOACH_EXAMPLES))
    GTEST_SKIP() << "no examples at " << CLOSECOACH_EXAMPLES;
  const Engine engine = default_engine();
  const auto scenarios = scenarios_from(CLOSECOACH_EXAMPLES);
  double share_sum = 0;
  for (const auto& scenario : scenarios) {
    std::vector<Value> truth = engine.blank_facts();
    ASSERT_TRUE(engine.read_answers(scenario.answers, truth).ok());
    const auto [asked, advice] = consult(engine, truth);
    EXPECT_EQ(top_of(engine, advice), top_of(engine, engine.advise(truth, false))) << scenario.name;
    const double share = asked / static_cast<double>(input_fact_count(engine));
    std::printf("  %-45s %2d questions (%.0f%%)\n", scenario.name.c_str(), asked, share * 100);
    share_sum += share;
  }
  const double average = share_sum / static_cast<double>(scenarios.size());
  std::printf("  average share of facts asked: %.1f%%\n", average * 100);
  EXPECT_LE(average, 0.5);
}
