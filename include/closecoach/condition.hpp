#pragma once
// Compiled conditions: JsonLogic turned once into a flat program over fact
// slots. Evaluating one walks no JSON, compares no fact names and allocates
// nothing in the common case, and it understands unknown facts: the result is
// true, false or unknown (Kleene's three-valued logic).

#include <closecoach/diagnostic.hpp>
#include <closecoach/facts.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <set>
#include <string_view>
#include <vector>

namespace closecoach {

enum class Truth : std::uint8_t { no, yes, unknown };

class Condition {
 public:
  // Compiles JsonLogic (use condition_to_logic() first for expression strings).
  // A {"var": "name"} must name a fact of `schema`; an unknown fact fails with
  // "unknown fact 'name'" and the JSON pointer of the var inside `logic`.
  // Comparing an enum fact with a value it cannot hold fails too, as
  // value_from_json would. Keep `schema` alive while evaluating: its enum
  // values are recognized by their address. A fact that is unknown stays
  // unknown even where {"var": [name, default]} gives a default, since the
  // answer still to come must not overturn a result. A part that only
  // json_logic::apply can run (map, reduce, cat, ...) is run now when it reads
  // no fact, and tried on a few values of the facts it reads when it does: a
  // part over apply's budget fails with apply's message ("the condition needs
  // more than 1000000 steps (the limit); ..."). Should it go over the budget
  // later, for values not tried, it is unknown.
  static Result<Condition> compile(const nlohmann::json& logic, const FactSchema& schema);

  Condition();
  Condition(Condition&&) noexcept;
  Condition& operator=(Condition&&) noexcept;
  Condition(const Condition&);
  Condition& operator=(const Condition&);
  ~Condition();

  // The truth of the condition under JsonLogic truthiness; unknown when the
  // answer depends on a fact whose Value is unknown.
  Truth evaluate(FactValues facts) const;

  // The slots this condition reads, each once, in first-use order.
  const std::vector<int>& slots() const;

  // The nodes of the compiled condition: what one evaluation may visit, for
  // searches that evaluate it many times to bound their work.
  std::size_t size() const;

  // Appends to `out` the unknown slots whose value could still change the
  // result under `facts` (empty when the result is not unknown).
  void unknown_dependencies(FactValues facts, std::vector<int>& out) const;

 private:
  struct Program;
  std::unique_ptr<Program> m_program;
};

// The numbers `logic` compares fact `fact` with: the constants among the
// arguments of an operation that reads it, and the members of a list it is
// looked up `in`. Adds them to `out`.
void collect_boundaries(const nlohmann::json& logic, std::string_view fact, std::set<double>& out);

// Values of fact `slot` that between them meet every outcome of conditions
// comparing it with `boundaries` (collect_boundaries): both of a bool, every
// value of an enum; for a number, each boundary, one point between each two
// adjacent ones and one beyond each end, where the fact's minimum (else 0) and
// maximum count as boundaries too. Only values the fact can take (whole
// numbers for an integer), ascending. None for a string fact: which texts
// matter is the caller's to say. Enum Values point into `schema`.
std::vector<Value> values_worth_trying(const FactSchema& schema, int slot,
                                       const std::set<double>& boundaries);

}  // namespace closecoach
