#include <closecoach/engine.hpp>
#include <closecoach/playbook.hpp>
#include <closecoach/scenarios.hpp>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>

#include "support/test_support.hpp"

using namespace closecoach;
using closecoach::testing::default_engine;
using closecoach::testing::facts_from;
using closecoach::testing::random_answers;
using nlohmann::json;

namespace {

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

std::string top_of_technique(const Engine& engine, int technique) {
  if (technique < 0) return "no move";
  return engine.playbook().techniques[static_cast<std::size_t>(technique)].id;
}

std::string top_of(const Engine& engine, const Advice& advice) {
  return top_of_technique(engine, advice.moves.empty() ? -1 : advice.moves.front().technique);
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

// The README's example: first KP, need, budget, sees value, negotiation,
// "let me think about it", three soft closes; nothing else answered.
const json k_readme_answers = {
    {"contact_role", "first_kp"}, {"has_need", true},       {"can_pay", true},
    {"sees_value", "yes"},        {"stage", "negotiation"}, {"last_response", "think_about_it"},
    {"soft_closes_tried", 3}};

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
  const Engine& engine = default_engine();
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
  const Engine& engine = default_engine();
  std::mt19937 random(20261123);
  for (int round = 0; round < 3000; ++round) {
    const std::vector<Value> truth = random_answers(engine, random);
    const std::string expected = top_of(engine, engine.advise(truth, false));
    const auto [asked, advice] = consult(engine, truth);
    ASSERT_EQ(top_of(engine, advice), expected)
        << "round " << round << " after " << asked << " questions";
  }
}

TEST(DefaultPlaybook, ConsultationAsksAtMost45PercentOfTheFactsOnTheExamples) {
  if (!std::filesystem::exists(CLOSECOACH_EXAMPLES))
    GTEST_SKIP() << "no examples at " << CLOSECOACH_EXAMPLES;
  const Engine& engine = default_engine();
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
  EXPECT_LE(average, 0.45);
}

TEST(DefaultPlaybook, TheReadmeExampleGivesAHardCloseAssumingANormalRelationship) {
  const Engine& engine = default_engine();
  const Advice advice = engine.advise(facts_from(engine, k_readme_answers));
  const json out = engine.to_json(advice, "en");
  EXPECT_EQ(out["moves"][0]["technique"], "hard_close");
  EXPECT_EQ(out["class"], "A");
  EXPECT_EQ(out["settled"], false);
  EXPECT_EQ(out["assumed"], json::parse(R"({"hard_close_tried": false, "real_urgency": false,
                                            "relationship_value": "normal",
                                            "win_lose_negotiator": false})"));
  const int relationship = engine.schema().slot_of("relationship_value");
  std::vector<std::string> tops;
  for (const Branch& branch : engine.branches(advice, relationship))
    tops.push_back(top_of_technique(engine, branch.top));
  EXPECT_EQ(tops, (std::vector<std::string>{"hard_close", "hard_close", "helpful_close"}));
}

TEST(DefaultPlaybook, EachBranchIsTheMoveThatAnswerGives) {
  const Engine& engine = default_engine();
  std::mt19937 random(20261201);
  int checked = 0;
  for (int round = 0; round < 400; ++round) {
    std::vector<Value> facts = random_answers(engine, random);
    for (Value& value : facts)
      if (random() % 3 != 0) value = Value::unknown_value();  // about two in three unanswered
    const Advice advice = engine.advise(facts);
    if (advice.settled) {
      EXPECT_TRUE(advice.branches.empty());
      continue;
    }
    ASSERT_GE(advice.next_question, 0) << "round " << round;
    const auto& spec = engine.schema().spec(advice.next_question);
    if (spec.type == FactType::enumeration) {
      EXPECT_EQ(advice.branches.size(), spec.values.size());
    }
    if (spec.type == FactType::boolean) {
      EXPECT_EQ(advice.branches.size(), 2u);
    }
    for (const Branch& branch : advice.branches) {
      std::vector<Value> answered = facts;
      answered[static_cast<std::size_t>(advice.next_question)] = branch.value;
      EXPECT_EQ(top_of_technique(engine, branch.top),
                top_of(engine, engine.advise(answered, false)))
          << "round " << round << ", " << spec.id << " = "
          << FactSchema::value_to_json(branch.value);
      ++checked;
    }
  }
  EXPECT_GE(checked, 400);
}

// The principles' "Consistent advice", over many random deals, some answers missing.
TEST(DefaultPlaybook, NeverContradictsItself) {
  const Engine& engine = default_engine();
  const auto& playbook = engine.playbook();
  auto id_of = [&](int technique) { return top_of_technique(engine, technique); };
  const std::vector<std::string> closes{"hard_close", "assumptive_close", "trial_close",
                                        "helpful_close", "pain_driver"};
  std::mt19937 random(20261202);
  for (int round = 0; round < 3000; ++round) {
    std::vector<Value> facts = random_answers(engine, random);
    for (Value& value : facts) {
      if (random() % 4 == 0) value = Value::unknown_value();
    }
    const Advice advice = engine.advise(facts, false);
    const json out = engine.to_json(advice, "en");
    if (advice.moves.empty()) continue;
    const std::string trace = fmt::format("round {}: {}", round, out.dump());
    std::vector<std::string> moves;
    for (const Move& move : advice.moves) moves.push_back(id_of(move.technique));
    const auto& top_rules = advice.moves.front().rules;
    const bool exit_by_p1_p3 = std::any_of(top_rules.begin(), top_rules.end(), [&](int rule) {
      const auto& principle = playbook.rules[static_cast<std::size_t>(rule)].principle;
      return principle == "P1" || principle == "P2" || principle == "P3";
    });
    if (moves.front() == "graceful_exit" && exit_by_p1_p3) {
      for (const auto& close : closes) {
        EXPECT_EQ(std::count(moves.begin(), moves.end(), close), 0) << close << " in " << trace;
      }
    }
    for (const Move& move : advice.moves) {
      if (move.rules.size() <= 1) continue;
      for (const int rule : move.rules) {
        EXPECT_NE(playbook.rules[static_cast<std::size_t>(rule)].id, "fallback_test_the_water")
            << trace;
      }
    }
    auto fact = [&](const char* id) {
      return advice.facts[static_cast<std::size_t>(engine.schema().slot_of(id))];
    };
    const Value contact = fact("contact_role");
    const Value customer_class = fact("customer_class");
    const bool below_signer =
        contact.known() && (contact.string == "second_kp" || contact.string == "third_kp");
    const bool no_class_yet = customer_class.kind == Value::Kind::null &&
                              fact("sees_value").known() && fact("sees_value").string == "not_yet";
    const bool b_or_c =
        customer_class.known() && (customer_class.string == "B" || customer_class.string == "C");
    if (below_signer && (no_class_yet || b_or_c)) {
      EXPECT_EQ(std::count(moves.begin(), moves.end(), "reach_decision_maker"), 1) << trace;
    }
  }
}

TEST(DefaultPlaybook, ASecondOrThirdKpIsToldToReachTheSignerWhileValueIsBuilt) {
  const Engine& engine = default_engine();
  for (const char* role : {"second_kp", "third_kp"}) {
    const json out = engine.to_json(engine.advise(facts_from(engine, {{"contact_role", role},
                                                                      {"has_need", true},
                                                                      {"can_pay", true},
                                                                      {"sees_value", "not_yet"},
                                                                      {"stage", "presentation"}})),
                                    "en");
    EXPECT_EQ(out["moves"][0]["technique"], "motivation_driver") << role;
    EXPECT_EQ(out["moves"][1]["technique"], "reach_decision_maker") << role;
  }
}

TEST(DefaultPlaybook, AnAInTheLastTwentyMinutesAfterSoftClosesIsToldToAskForTheDecision) {
  const Engine& engine = default_engine();
  for (const char* response : {"none", "interested", "think_about_it"}) {
    json answers = k_readme_answers;
    answers["stage"] = "final_20_min";
    answers["last_response"] = response;
    const json out = engine.to_json(engine.advise(facts_from(engine, answers)), "en");
    EXPECT_EQ(out["moves"][0]["technique"], "hard_close") << response;
    std::vector<std::string> warnings;
    for (const auto& warning : out["warnings"]) warnings.push_back(warning["id"]);
    EXPECT_EQ(warnings, (std::vector<std::string>{"bridge_burner", "follow_up_odds"})) << response;
  }
}
