// Which questions can still matter: the bound a consultation shows as "at
// most N more".

#include <algorithm>

#include "engine_internal.hpp"

namespace closecoach {

namespace {

// Collects, in order, the unanswered input slots that rules read, directly
// or through derived facts not yet known.
class OpenSlots {
 public:
  OpenSlots(const Engine::Compiled& compiled, const std::vector<Value>& facts)
      : m_compiled(compiled), m_facts(facts), m_seen(facts.size(), false) {}

  void add_reads(int rule, int depth = 0) {
    for (const int slot : m_compiled.conditions[static_cast<std::size_t>(rule)].slots()) {
      const auto index = static_cast<std::size_t>(slot);
      if (m_facts[index].known() || m_seen[index]) continue;
      m_seen[index] = true;
      if (!m_compiled.schema.spec(slot).derived) {
        m_open.push_back(slot);
      } else if (depth < k_max_depth) {  // an unknown derived fact: what its rules read
        for (const auto& derived : m_compiled.derived_rules[index])
          add_reads(derived.rule, depth + 1);
      }
    }
  }

  std::vector<int> take() { return std::move(m_open); }

 private:
  // Derived facts reading derived facts: deeper chains are the validator's
  // cycles, not playbooks.
  static constexpr int k_max_depth = 16;
  const Engine::Compiled& m_compiled;
  const std::vector<Value>& m_facts;
  std::vector<bool> m_seen;
  std::vector<int> m_open;
};

Truth truth_of(const Engine::Compiled& compiled, int rule, const std::vector<Value>& facts) {
  return compiled.conditions[static_cast<std::size_t>(rule)].evaluate(facts);
}

// Adds what the undecided avoid rules of `technique` read; returns whether
// the technique is certainly not avoided.
bool add_avoid_reads(const Engine::Compiled& compiled, int technique,
                     const std::vector<Value>& facts, OpenSlots& open) {
  const auto& avoid_rules = compiled.avoid_rules[static_cast<std::size_t>(technique)];
  if (std::any_of(avoid_rules.begin(), avoid_rules.end(),
                  [&](int avoid) { return truth_of(compiled, avoid, facts) == Truth::yes; }))
    return false;  // avoided whatever else is answered
  bool certain = true;
  for (const int avoid : avoid_rules) {
    if (truth_of(compiled, avoid, facts) != Truth::unknown) continue;
    open.add_reads(avoid);
    certain = false;
  }
  return certain;
}

}  // namespace

// moves[0] is the first target, in ranking order, of a rule that holds and
// that no avoid rule removes. Past the first such target that is already
// certain nothing can change it; before it, an undecided recommend rule, or
// an undecided avoid rule of a target, can. Answers only ever decide rules
// (three-valued logic never takes a truth back), so this set only shrinks
// as answers come in.
std::vector<int> Engine::open_questions(std::vector<Value> answers) const {
  const Compiled& compiled = *m_compiled;
  for (const int slot : compiled.derived_slots)
    answers[static_cast<std::size_t>(slot)] = Value::unknown_value();
  derive_facts(compiled, answers);
  OpenSlots open(compiled, answers);
  for (const int rule : compiled.recommend_order) {
    const Truth truth = truth_of(compiled, rule, answers);
    if (truth == Truth::no) continue;
    if (truth == Truth::unknown) open.add_reads(rule);
    for (const int technique : compiled.targets[static_cast<std::size_t>(rule)]) {
      const bool kept = add_avoid_reads(compiled, technique, answers, open);
      if (truth == Truth::yes && kept) return open.take();  // moves[0] is certain from here on
    }
  }
  return open.take();
}

}  // namespace closecoach
