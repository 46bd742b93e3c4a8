#pragma once
// What Engine keeps after compiling a playbook; shared by the engine's files.

#include <closecoach/engine.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace closecoach {

struct DerivedRule {
  int rule = -1;
  Value value;  // what the rule sets the derived fact to
};

struct Engine::Compiled {
  Playbook playbook;
  FactSchema schema;
  std::vector<Condition> conditions;          // per rule
  std::vector<std::vector<int>> targets;      // per rule: technique (or warning) indices
  std::vector<int> recommend_order;           // recommend rules, highest priority first
  std::vector<std::vector<int>> avoid_rules;  // per technique
  std::vector<std::vector<int>>
      technique_warnings;  // per technique: warnings it raises when recommended
  std::vector<int> derived_slots;
  std::vector<std::vector<DerivedRule>> derived_rules;  // per slot
  std::vector<std::vector<Value>> domains;              // per input slot: values worth trying
  std::vector<std::vector<double>> weights;  // per input slot: how likely each domain value is
  std::vector<Value> assumptions;  // per slot: the value assumed while unanswered (unknown: none)
};

Result<std::unique_ptr<Engine::Compiled>> compile_engine(Playbook playbook);

// The top-level conjuncts of a condition, so why-not can say which failed.
// Each compiles when the whole did: why-not compiles them when asked, not
// every run.
std::vector<nlohmann::json> conjuncts_of(const nlohmann::json& logic);

// Fills the derived slots of `facts` from their rules, to a fixpoint.
void derive_facts(const Engine::Compiled& compiled, std::vector<Value>& facts);

}  // namespace closecoach
