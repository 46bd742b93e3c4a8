#pragma once
// Scenario tests for playbooks, in the format of the contract's
// examples.json: {"cases": [{"name", "answers", "notes", "expect"}]}. The
// expect keys: top, not_top, moves_include, avoid, warnings, no_warnings,
// class; and, for the facts read out of the case's notes, read (an object
// of fact to value) and not_read (fact ids the notes must not set).

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
  // The case's notes, joined by line breaks as review joins a record's list
  // of notes; empty when the case gives none.
  std::string notes;
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
// a case without a name or without an answers object or notes, on notes that
// are not a string or a list of strings, and on an unknown expect key (the
// message lists the known ones).
Result<std::vector<Scenario>> read_scenarios(std::string_view text, std::string_view file_name);

// Runs one case against `engine`: its notes fill the facts its answers leave
// unanswered, as in `advise --notes`. Answers the engine rejects, and notes
// the playbook's signals cannot read, fail the case.
ScenarioOutcome run_scenario(const Engine& engine, const Scenario& scenario);

}  // namespace closecoach
