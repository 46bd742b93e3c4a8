#include <closecoach/expression.hpp>

#include <algorithm>
#include <cstdint>

#include "engine_internal.hpp"

namespace closecoach {

namespace {

// Each rule's truth under one set of facts, evaluated at most once: ranking,
// avoiding and deciding all ask about the same rules.
class RuleTruths {
 public:
  RuleTruths(const Engine::Compiled& compiled, const std::vector<Value>& facts)
      : RuleTruths(compiled, facts, m_owned) {}
  // Keeps the truths in `memory` (its previous content is dropped), so that
  // advising deal after deal allocates nothing here.
  RuleTruths(const Engine::Compiled& compiled, const std::vector<Value>& facts,
             std::vector<std::uint8_t>& memory)
      : m_compiled(compiled), m_facts(facts), m_cache(memory) {
    m_cache.assign(compiled.conditions.size(), k_unset);
  }
  RuleTruths(const RuleTruths&) = delete;
  RuleTruths& operator=(const RuleTruths&) = delete;

  Truth of(int rule) {
    auto& cached = m_cache[static_cast<std::size_t>(rule)];
    if (cached == k_unset)
      cached = static_cast<std::uint8_t>(
          m_compiled.conditions[static_cast<std::size_t>(rule)].evaluate(m_facts));
    return static_cast<Truth>(cached);
  }
  const std::vector<Value>& facts() const { return m_facts; }

 private:
  static constexpr std::uint8_t k_unset = 0xFF;
  std::vector<std::uint8_t> m_owned;  // declared first: m_cache may refer to it
  const Engine::Compiled& m_compiled;
  const std::vector<Value>& m_facts;
  std::vector<std::uint8_t>& m_cache;
};

Value derived_value(const Engine::Compiled& compiled, int slot, const std::vector<Value>& facts) {
  for (const auto& derived : compiled.derived_rules[static_cast<std::size_t>(slot)]) {
    switch (compiled.conditions[static_cast<std::size_t>(derived.rule)].evaluate(facts)) {
      case Truth::yes:
        return derived.value;
      case Truth::unknown:
        return Value::unknown_value();  // it might come first
      case Truth::no:
        break;
    }
  }
  return Value::null_value();
}

Truth avoid_status(const Engine::Compiled& compiled, int technique, RuleTruths& truths) {
  Truth status = Truth::no;
  for (const int rule : compiled.avoid_rules[static_cast<std::size_t>(technique)]) {
    const Truth truth = truths.of(rule);
    if (truth == Truth::yes) return Truth::yes;
    if (truth == Truth::unknown) status = Truth::unknown;
  }
  return status;
}

// Input slots behind `condition`'s unknown result, looking through derived facts.
void input_dependencies(const Engine::Compiled& compiled, const Condition& condition,
                        const std::vector<Value>& facts, std::vector<int>& out, int depth = 0) {
  std::vector<int> slots;
  condition.unknown_dependencies(facts, slots);
  for (const int slot : slots) {
    if (!compiled.schema.spec(slot).derived) {
      if (std::find(out.begin(), out.end(), slot) == out.end()) out.push_back(slot);
    } else if (depth < 8) {
      for (const auto& derived : compiled.derived_rules[static_cast<std::size_t>(slot)])
        input_dependencies(compiled, compiled.conditions[static_cast<std::size_t>(derived.rule)],
                           facts, out, depth + 1);
    }
  }
}

// Whether moves[0] is already certain under three-valued logic, and if not,
// the rule or avoidance that stands in the way.
struct Decision {
  bool determined = false;
  int top = -1;               // technique, or -1 for no move at all
  std::vector<int> blocking;  // input slots that could settle the blocking point
  std::size_t stage = 0;      // how far down the ranking the decision got
};

Decision decide(const Engine::Compiled& compiled, RuleTruths& truths) {
  const std::vector<Value>& facts = truths.facts();
  Decision decision;
  for (const int rule : compiled.recommend_order) {
    decision.stage += 2;  // odd while stuck on an avoidance within this rule
    const Condition& condition = compiled.conditions[static_cast<std::size_t>(rule)];
    const Truth truth = truths.of(rule);
    if (truth == Truth::no) continue;
    if (truth == Truth::unknown) {
      input_dependencies(compiled, condition, facts, decision.blocking);
      return decision;
    }
    for (const int technique : compiled.targets[static_cast<std::size_t>(rule)]) {
      const Truth avoided = avoid_status(compiled, technique, truths);
      if (avoided == Truth::yes) continue;
      if (avoided == Truth::unknown) {
        ++decision.stage;
        for (const int avoid : compiled.avoid_rules[static_cast<std::size_t>(technique)])
          input_dependencies(compiled, compiled.conditions[static_cast<std::size_t>(avoid)], facts,
                             decision.blocking);
        return decision;
      }
      decision.determined = true;
      decision.top = technique;
      return decision;
    }
  }
  decision.determined = true;
  return decision;
}

Decision decide(const Engine::Compiled& compiled, const std::vector<Value>& facts) {
  RuleTruths truths(compiled, facts);
  return decide(compiled, truths);
}

constexpr int k_mixed = -2;
constexpr int k_gave_up = -3;
constexpr int k_search_budget = 20000;
constexpr int k_lookahead_budget = 300;

// The one moves[0] every completion of `facts` leads to, k_mixed when two
// completions disagree, or k_gave_up past the budget (treated as unsettled,
// which only costs a question).
int settled_top(const Engine::Compiled& compiled, std::vector<Value>& facts, int& budget) {
  std::vector<Value> derived = facts;
  derive_facts(compiled, derived);
  const Decision decision = decide(compiled, derived);
  if (decision.determined) return decision.top;
  if (--budget < 0 || decision.blocking.empty()) return k_gave_up;
  const int slot = decision.blocking.front();
  int common = k_mixed;
  bool first = true;
  for (const Value& value : compiled.domains[static_cast<std::size_t>(slot)]) {
    facts[static_cast<std::size_t>(slot)] = value;
    const int top = settled_top(compiled, facts, budget);
    if (top == k_gave_up || top == k_mixed || (!first && top != common)) {
      common = top == k_gave_up ? k_gave_up : k_mixed;
      break;
    }
    common = top;
    first = false;
  }
  facts[static_cast<std::size_t>(slot)] = Value::unknown_value();
  return common;
}

// What answering `slot` promises, weighing each of its values by how likely
// the playbook says it is: the chance that the answer settles the advice,
// and how far down the ranking it moves the decision (settling counts as
// reaching the end), so that one answer that rules out several rules wins.
struct Promise {
  double settles = 0;
  double progress = 0;

  bool operator>(const Promise& other) const {
    return settles != other.settles ? settles > other.settles : progress > other.progress;
  }
};

Promise promise_of(const Engine::Compiled& compiled, const std::vector<Value>& facts, int slot,
                   const Decision& before) {
  const auto& domain = compiled.domains[static_cast<std::size_t>(slot)];
  const auto& weights = compiled.weights[static_cast<std::size_t>(slot)];
  const double end = 2.0 * static_cast<double>(compiled.recommend_order.size()) + 2.0;
  Promise promise;
  double total = 0;
  for (std::size_t i = 0; i < domain.size(); ++i) {
    std::vector<Value> trial = facts;
    trial[static_cast<std::size_t>(slot)] = domain[i];
    derive_facts(compiled, trial);
    const Decision after = decide(compiled, trial);
    int budget = k_lookahead_budget;
    const bool settles = after.determined || settled_top(compiled, trial, budget) >= -1;
    promise.settles += settles ? weights[i] : 0;
    promise.progress += weights[i] * (settles ? end - static_cast<double>(before.stage)
                                              : static_cast<double>(after.stage) -
                                                    static_cast<double>(before.stage));
    total += weights[i];
  }
  if (total > 0) {
    promise.settles /= total;
    promise.progress /= total;
  }
  return promise;
}

// The question most likely to settle the advice, and among those the one
// that gets furthest; the first in playbook order on a tie.
int choose_question(const Engine::Compiled& compiled, const std::vector<Value>& facts) {
  const Decision decision = decide(compiled, facts);
  // Beyond the facts that block the ranking, any unanswered fact whose answer
  // alone could settle the advice is worth considering.
  std::vector<int> candidates = decision.blocking;
  for (std::size_t slot = 0; slot < facts.size(); ++slot)
    if (!facts[slot].known() && !compiled.schema.spec(static_cast<int>(slot)).derived &&
        std::find(candidates.begin(), candidates.end(), static_cast<int>(slot)) == candidates.end())
      candidates.push_back(static_cast<int>(slot));
  int best = -1;
  Promise best_promise{-1, -1};
  for (const int slot : candidates) {
    const Promise promise = promise_of(compiled, facts, slot, decision);
    if (promise > best_promise || (!(best_promise > promise) && slot < best)) {
      best = slot;
      best_promise = promise;
    }
  }
  if (best >= 0) return best;
  for (std::size_t slot = 0; slot < facts.size(); ++slot)  // the search gave up: ask in order
    if (!facts[slot].known() && !compiled.schema.spec(static_cast<int>(slot)).derived)
      return static_cast<int>(slot);
  return -1;
}

// A rule that reads no fact and fired: a catch-all, whose reason ("nothing
// more specific applies") is shown only where no other rule gives one.
bool catch_all(const Engine::Compiled& compiled, int rule) {
  return compiled.conditions[static_cast<std::size_t>(rule)].slots().empty();
}

// Ranks the moves into advice.moves, whose earlier elements (and their rule
// lists' memory) are reused.
void rank_moves(const Engine::Compiled& compiled, RuleTruths& truths, Advice& advice) {
  std::size_t used = 0;
  for (const int rule : compiled.recommend_order) {
    if (truths.of(rule) != Truth::yes) continue;
    for (const int technique : compiled.targets[static_cast<std::size_t>(rule)]) {
      if (avoid_status(compiled, technique, truths) == Truth::yes) continue;
      const auto end = advice.moves.begin() + static_cast<std::ptrdiff_t>(used);
      auto move = std::find_if(advice.moves.begin(), end,
                               [&](const Move& m) { return m.technique == technique; });
      if (move != end) {
        move->rules.push_back(rule);
      } else if (used < advice.moves.size()) {
        advice.moves[used].technique = technique;
        advice.moves[used].rules.assign(1, rule);
        ++used;
      } else {
        advice.moves.push_back({technique, {rule}});
        ++used;
      }
    }
  }
  advice.moves.resize(used);
  for (Move& move : advice.moves)
    if (std::any_of(move.rules.begin(), move.rules.end(),
                    [&](int rule) { return !catch_all(compiled, rule); }))
      std::erase_if(move.rules, [&](int rule) { return catch_all(compiled, rule); });
}

void collect_avoid_and_warnings(const Engine::Compiled& compiled, RuleTruths& truths,
                                Advice& advice) {
  const auto& playbook = compiled.playbook;
  for (std::size_t r = 0; r < playbook.rules.size(); ++r) {
    const Rule& rule = playbook.rules[r];
    if (rule.effect != RuleEffect::avoid && rule.effect != RuleEffect::warn) continue;
    if (truths.of(static_cast<int>(r)) != Truth::yes) continue;
    for (const int target : compiled.targets[r]) {
      if (rule.effect == RuleEffect::avoid) {
        if (std::none_of(advice.avoid.begin(), advice.avoid.end(),
                         [&](const Avoidance& a) { return a.technique == target; }))
          advice.avoid.push_back({target, static_cast<int>(r)});
      } else {
        advice.warnings.push_back({target, static_cast<int>(r), -1});
      }
    }
  }
  for (const Move& move : advice.moves)
    for (const int warning : compiled.technique_warnings[static_cast<std::size_t>(move.technique)])
      advice.warnings.push_back({warning, -1, move.technique});
  std::stable_sort(
      advice.warnings.begin(), advice.warnings.end(),
      [](const RaisedWarning& a, const RaisedWarning& b) { return a.warning < b.warning; });
  advice.warnings.erase(std::unique(advice.warnings.begin(), advice.warnings.end(),
                                    [](const RaisedWarning& a, const RaisedWarning& b) {
                                      return a.warning == b.warning;
                                    }),
                        advice.warnings.end());
}

// Fills each unanswered input slot that has an assumption; returns those slots.
std::vector<int> assume_unanswered(const Engine::Compiled& compiled, std::vector<Value>& facts) {
  std::vector<int> filled;
  for (std::size_t slot = 0; slot < facts.size(); ++slot) {
    const Value& assumption = compiled.assumptions[slot];
    if (facts[slot].known() || !assumption.known()) continue;
    facts[slot] = assumption;
    filled.push_back(static_cast<int>(slot));
  }
  return filled;
}

// The filled slots that the advice read: without the assumption, some
// recommend, avoid or warn rule would no longer be certain.
std::vector<int> assumptions_read(const Engine::Compiled& compiled, const std::vector<int>& filled,
                                  const std::vector<Value>& facts, RuleTruths& truths) {
  std::vector<int> read;
  for (const int slot : filled) {
    std::vector<Value> without = facts;
    without[static_cast<std::size_t>(slot)] = Value::unknown_value();
    for (const int derived : compiled.derived_slots)
      without[static_cast<std::size_t>(derived)] = Value::unknown_value();
    derive_facts(compiled, without);
    for (std::size_t rule = 0; rule < compiled.conditions.size(); ++rule) {
      if (compiled.playbook.rules[rule].effect == RuleEffect::set) continue;
      if (compiled.conditions[rule].evaluate(without) != truths.of(static_cast<int>(rule))) {
        read.push_back(slot);
        break;
      }
    }
  }
  return read;
}

// moves, avoid and warnings for `advice.facts` (derived slots unknown):
// assumptions fill what is unanswered, then the derived facts follow.
void advise_on(const Engine::Compiled& compiled, Advice& advice,
               std::vector<std::uint8_t>& truth_memory) {
  const std::vector<int> filled = assume_unanswered(compiled, advice.facts);
  derive_facts(compiled, advice.facts);
  RuleTruths truths(compiled, advice.facts, truth_memory);
  rank_moves(compiled, truths, advice);
  collect_avoid_and_warnings(compiled, truths, advice);
  advice.assumed = assumptions_read(compiled, filled, advice.facts, truths);
}

int top_move(const Engine::Compiled& compiled, std::vector<Value> facts) {
  for (const int slot : compiled.derived_slots)
    facts[static_cast<std::size_t>(slot)] = Value::unknown_value();
  assume_unanswered(compiled, facts);
  derive_facts(compiled, facts);
  RuleTruths truths(compiled, facts);
  Advice advice;
  rank_moves(compiled, truths, advice);
  return advice.moves.empty() ? -1 : advice.moves.front().technique;
}

}  // namespace

void derive_facts(const Engine::Compiled& compiled, std::vector<Value>& facts) {
  // Derived facts may read each other; a cycle is the validator's to report.
  for (std::size_t round = 0; round <= compiled.derived_slots.size(); ++round) {
    bool changed = false;
    for (const int slot : compiled.derived_slots) {
      const Value value = derived_value(compiled, slot, facts);
      Value& current = facts[static_cast<std::size_t>(slot)];
      if (!same_value(current, value)) {
        current = value;
        changed = true;
      }
    }
    if (!changed) return;
  }
}

std::vector<Value> Engine::derive(std::vector<Value> answers) const {
  for (const int slot : m_compiled->derived_slots)
    answers[static_cast<std::size_t>(slot)] = Value::unknown_value();
  derive_facts(*m_compiled, answers);
  return answers;
}

Advice Engine::advise(std::vector<Value> facts, bool consult) const {
  const Compiled& compiled = *m_compiled;
  for (const int slot : compiled.derived_slots)
    facts[static_cast<std::size_t>(slot)] = Value::unknown_value();
  Advice advice;
  advice.facts = facts;
  std::vector<std::uint8_t> truth_memory;
  advise_on(compiled, advice, truth_memory);
  // Whether the advice is settled, and what to ask, concern the answers only.
  std::vector<Value> answered = facts;
  derive_facts(compiled, answered);
  if (!consult) {
    advice.settled = decide(compiled, answered).determined;
    return advice;
  }
  int budget = k_search_budget;
  const int top = settled_top(compiled, facts, budget);
  advice.settled = top != k_mixed && top != k_gave_up;
  if (!advice.settled) {
    advice.next_question = choose_question(compiled, answered);
    if (advice.next_question >= 0) advice.branches = branches(advice, advice.next_question);
  }
  return advice;
}

void Engine::advise_moves(FactValues facts, Advice& out) const {
  const Compiled& compiled = *m_compiled;
  out.facts.assign(facts.begin(), facts.end());
  for (const int slot : compiled.derived_slots)
    out.facts[static_cast<std::size_t>(slot)] = Value::unknown_value();
  out.avoid.clear();
  out.warnings.clear();
  out.settled = false;
  out.next_question = -1;
  out.branches.clear();
  // Per thread: advise_moves may run on several threads at once.
  thread_local std::vector<std::uint8_t> truth_memory;
  advise_on(compiled, out, truth_memory);
}

std::vector<Branch> Engine::branches(const Advice& advice, int slot) const {
  const Compiled& compiled = *m_compiled;
  const FactSpec& spec = compiled.schema.spec(slot);
  std::vector<Branch> out;
  if (spec.derived || spec.type == FactType::string) return out;
  // A bool's answers in the order questions offer them: true, then false.
  const std::vector<Value> values = spec.type == FactType::boolean
                                        ? std::vector<Value>{Value::of(true), Value::of(false)}
                                        : compiled.domains[static_cast<std::size_t>(slot)];
  for (const Value& value : values) {
    std::vector<Value> trial = advice.facts;
    trial[static_cast<std::size_t>(slot)] = value;
    out.push_back({value, top_move(compiled, std::move(trial))});
  }
  return out;
}

std::vector<int> Engine::fired_rules(const Advice& advice) const {
  std::vector<int> fired;
  for (std::size_t rule = 0; rule < m_compiled->conditions.size(); ++rule)
    if (m_compiled->conditions[rule].evaluate(advice.facts) == Truth::yes)
      fired.push_back(static_cast<int>(rule));
  return fired;
}

WhyNot Engine::why_not(const Advice& advice, int technique) const {
  const Compiled& compiled = *m_compiled;
  const auto& playbook = compiled.playbook;
  WhyNot report;
  report.technique = technique;
  const std::string& id = playbook.techniques[static_cast<std::size_t>(technique)].id;
  for (const int rule : compiled.recommend_order) {
    const auto& targets = playbook.rules[static_cast<std::size_t>(rule)].targets;
    if (std::find(targets.begin(), targets.end(), id) == targets.end()) continue;
    WhyNot::RuleReport rule_report{
        rule, compiled.conditions[static_cast<std::size_t>(rule)].evaluate(advice.facts), {}};
    for (const auto& logic : conjuncts_of(playbook.rules[static_cast<std::size_t>(rule)].logic)) {
      auto compiled_part = Condition::compile(logic, compiled.schema);
      if (!compiled_part.ok()) continue;  // never: the whole condition compiled
      const Condition& part = compiled_part.value();
      const Truth truth = part.evaluate(advice.facts);
      if (truth == Truth::yes) continue;
      WhyNot::FailedCondition failed{to_expression(logic).value_or(logic.dump()), {}, truth};
      for (const int slot : part.slots())
        failed.facts.emplace_back(slot, advice.facts[static_cast<std::size_t>(slot)]);
      rule_report.failed.push_back(std::move(failed));
    }
    report.rules.push_back(std::move(rule_report));
  }
  for (const int rule : compiled.avoid_rules[static_cast<std::size_t>(technique)])
    if (compiled.conditions[static_cast<std::size_t>(rule)].evaluate(advice.facts) == Truth::yes)
      report.avoided_by.push_back(rule);
  if (!advice.moves.empty() && advice.moves.front().technique != technique)
    report.outranked_by = advice.moves.front().rules;
  return report;
}

}  // namespace closecoach
