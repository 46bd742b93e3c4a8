#pragma once
// Scenario tests for playbooks, in the format of the contract's
// examples.json: {"cases": [{"name", "answers", "expect"}]}. The expect keys:
// top, not_top, moves_include, avoid, warnings, no_warnings, class.

#include <closecoach/diagnostic.hpp>
#include <closecoach/engine.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace closecoach {

struct Scenario {
  std::string name;
  nlohmann::json answers;
  nlohmann::json expect;
  std::string pointer;  // "/cases/3"
};

struct ScenarioOutcome {
  bool passed = true;
  // One line per unmet expectation: "top: expected one of [hard_close], got trial_close".
  std::vector<std::string> failures;
  std::vector<int> fired_rules;  // indices into Playbook::rules
};

// Reads scenario cases from JSON text. Fails on malformed JSON (located), on
// a case without a name or answers object, and on an unknown expect key (the
// message lists the known ones).
Result<std::vector<Scenario>> read_scenarios(std::string_view text, std::string_view file_name);

// Runs one case against `engine`. Answers the engine rejects fail the case.
ScenarioOutcome run_scenario(const Engine& engine, const Scenario& scenario);

}  // namespace closecoach
