#include <closecoach/condition.hpp>

#include <bit>
#include <optional>

#include "condition_program.hpp"

namespace closecoach {

using condition_detail::Step;

struct Condition::Program : condition_detail::Program {};

namespace {

constexpr int k_unknown = 2;
constexpr int k_general = condition_detail::k_ask_tree;

// A specialized step's test, computed without a branch: its outcome, which
// holds only when the value is what the step expects (`valid`).
struct Test {
  bool outcome;
  bool valid;
};

inline Test specialized(const Step& step, const Value& value) {
  const double x = value.number;
  const bool in_range = (x >= step.low) & (x <= step.high);
  // A Value without an enum index (k_no_index) is past any step's limit.
  const std::uint32_t index =
      step.by_index ? std::uint32_t{value.enum_index} : std::uint32_t{value.boolean};
  const bool member = ((step.members >> (index & 63U)) & 1U) != 0;
  const bool valid =
      (value.kind == step.expected) & (index < step.limit) & (x == x);  // NaN: the tree's
  return {step.is_range ? in_range : member, valid};
}

// The outcome of a specialized step, 0 false or 1 true; k_general when the
// value is not what the step expects (and the step cannot tell the outcome
// for an unknown value).
inline int test(const Step& step, const Value& value) {
  const Test result = specialized(step, value);
  if (!result.valid) return value.kind == Value::Kind::unknown ? step.when_unknown : k_general;
  return result.outcome;
}

inline int outcome_of(const Step& step, FactValues facts,
                      const condition_detail::Evaluator& general) {
  const int outcome = test(step, facts[static_cast<std::size_t>(step.slot)]);
  return outcome == k_general ? static_cast<int>(general.truth(step.node)) : outcome;
}

// Walks on from step `at`, taking each unknown test the way that helps
// (`hopeful`) or hurts the condition. nullopt when an unknown test may do either.
std::optional<std::int32_t> walk(const condition_detail::Program& program, FactValues facts,
                                 std::int32_t at, bool hopeful) {
  const condition_detail::Evaluator general(program, facts);
  while (at >= 0) {
    const Step& step = program.steps[static_cast<std::size_t>(at)];
    int outcome = outcome_of(step, facts, general);
    if (outcome == k_unknown) {
      if (step.polarity == 0) return std::nullopt;
      outcome = (step.polarity > 0) == hopeful ? 1 : 0;
    }
    at = step.next[static_cast<std::size_t>(outcome)];
  }
  return at;
}

// The condition's truth once step `at` came out unknown: yes if even the
// hurtful walk ends true, no if even the hopeful one ends false.
Truth bounds(const condition_detail::Program& program, FactValues facts, std::int32_t at) {
  const auto hurtful = walk(program, facts, at, false);
  if (hurtful && *hurtful == condition_detail::k_yes) return Truth::yes;
  const auto hopeful = hurtful ? walk(program, facts, at, true) : std::nullopt;
  if (!hopeful) return condition_detail::Evaluator(program, facts).truth(program.root);
  return *hopeful == condition_detail::k_no ? Truth::no : Truth::unknown;
}

// The table's reading of the steps, lane by lane with no branch on the
// values, each test as test() makes it. Bit by bit, each lane shifting the
// earlier ones up: `outcomes`, and where `valid` the value is what the lane
// expects. `sum` adds the lanes' numbers: NaN if one is (test() leaves NaN to
// the tree), or where infinities cancel.
struct Reading {
  std::uint32_t outcomes = 0;
  std::uint32_t valid = 0;
  double sum = 0;

  void add(bool outcome, bool is_valid) {
    outcomes = 2 * outcomes + std::uint32_t{outcome};
    valid = 2 * valid + std::uint32_t{is_valid};
  }
};

inline void read_ranges(const condition_detail::TruthTable& table, FactValues facts,
                        Reading& read) {
  for (std::uint32_t i = 0; i < table.range_count; ++i) {
    const condition_detail::RangeLane& lane = table.ranges[i];
    const Value& value = facts[lane.slot];
    const double x = value.number;
    read.sum += x;
    read.add((x >= lane.low) & (x <= lane.high), value.kind == Value::Kind::number);
  }
}

inline void read_sets(const condition_detail::TruthTable& table, FactValues facts, Reading& read) {
  for (std::uint32_t i = 0; i < table.set_count; ++i) {
    const condition_detail::SetLane& lane = table.sets[i];
    const Value& value = facts[lane.slot];
    read.sum += value.number;
    const std::uint32_t index =
        std::rotr(condition_detail::value_header(value) & lane.mask, lane.rotation) ^ lane.expected;
    read.add(((lane.members >> (index & 63U)) & 1U) != 0, index < lane.limit);
  }
}

// The lanes whose value is unknown, bit by bit as in Reading.
inline std::uint32_t unknown_lanes(const condition_detail::TruthTable& table, FactValues facts) {
  std::uint32_t unknown = 0;
  for (std::uint32_t i = 0; i < table.range_count; ++i)
    unknown = 2 * unknown + (facts[table.ranges[i].slot].kind == Value::Kind::unknown ? 1U : 0U);
  for (std::uint32_t i = 0; i < table.set_count; ++i)
    unknown = 2 * unknown + (facts[table.sets[i].slot].kind == Value::Kind::unknown ? 1U : 0U);
  return unknown;
}

constexpr auto k_cannot_tell = static_cast<Truth>(3);

// bounds() walks on with each unknown test taken the way that hurts, then the
// way that helps; the table gives the ends of those very walks, the known
// outcomes the same and the open ones set by polarity. A value a lane cannot
// read, or an open test of mixed polarity (bounds() asks the tree), is for
// the walk.
inline Truth table_truth(const condition_detail::TruthTable& table, FactValues facts) {
  Reading read;
  read_ranges(table, facts, read);
  read_sets(table, facts, read);
  const std::uint32_t all = (std::uint32_t{1} << (table.range_count + table.set_count)) - 1;
  if (read.sum != read.sum) return k_cannot_tell;
  if (read.valid == all) return table.ends_true(read.outcomes) ? Truth::yes : Truth::no;
  const std::uint32_t unknown = unknown_lanes(table, facts);
  const std::uint32_t open = unknown & table.unknown_open;
  if (((read.valid | unknown) != all) | ((open & table.mixed) != 0)) return k_cannot_tell;
  const std::uint32_t known = (read.outcomes & read.valid) | (unknown & table.unknown_true);
  const unsigned surely = table.ends_true(known | (open & table.hurts)) ? 1U : 0U;
  const unsigned maybe = table.ends_true(known | (open & table.helps)) ? 1U : 0U;
  // yes (1) if even the hurtful walk ends true, else unknown (2) if the
  // hopeful one does, else no (0); computed, since it varies with the record.
  return static_cast<Truth>(surely | ((maybe & (surely ^ 1U)) << 1));
}

}  // namespace

namespace condition_detail {

std::optional<Truth> look_up(const Program& program, FactValues facts) {
  if (!program.table.usable) return std::nullopt;
  const Truth truth = table_truth(program.table, facts);
  if (truth == k_cannot_tell) return std::nullopt;
  return truth;
}

Truth walk_steps(const Program& program, FactValues facts) {
  const Evaluator general(program, facts);
  const Step* steps = program.steps.data();
  std::int32_t at = program.entry;
  while (at >= 0) {
    const Step& step = steps[at];
    const int outcome = outcome_of(step, facts, general);
    if (outcome == k_unknown) return bounds(program, facts, at);
    at = step.next[static_cast<std::size_t>(outcome)];
  }
  return at == k_yes ? Truth::yes : Truth::no;
}

}  // namespace condition_detail

Result<Condition> Condition::compile(const nlohmann::json& logic, const FactSchema& schema) {
  auto program = condition_detail::compile_program(logic, schema);
  if (!program.ok()) return program.error();
  Condition condition;
  static_cast<condition_detail::Program&>(*condition.m_program) = std::move(program.value());
  return condition;
}

// A default Condition is JsonLogic null: false.
Condition::Condition() : m_program(std::make_unique<Program>()) {
  auto compiled = condition_detail::compile_program(nullptr, FactSchema());
  static_cast<condition_detail::Program&>(*m_program) = std::move(compiled.value());
}

Condition::Condition(Condition&&) noexcept = default;
Condition& Condition::operator=(Condition&&) noexcept = default;
Condition::Condition(const Condition& other)
    : m_program(std::make_unique<Program>(*other.m_program)) {}
Condition& Condition::operator=(const Condition& other) {
  if (this != &other) m_program = std::make_unique<Program>(*other.m_program);
  return *this;
}
Condition::~Condition() = default;

Truth Condition::evaluate(FactValues facts) const {
  const condition_detail::Program& program = *m_program;
  if (facts.size() < program.fact_count)
    return condition_detail::Evaluator(program, facts).truth(program.root);
  if (program.table.usable) {
    const Truth truth = table_truth(program.table, facts);
    if (truth != k_cannot_tell) return truth;
  }
  return condition_detail::walk_steps(program, facts);
}

const std::vector<int>& Condition::slots() const { return m_program->slots; }

std::size_t Condition::size() const { return m_program->nodes.size(); }

void Condition::unknown_dependencies(FactValues facts, std::vector<int>& out) const {
  const condition_detail::Evaluator general(*m_program, facts);
  if (general.truth(m_program->root) != Truth::unknown) return;
  general.dependencies(m_program->root, out);
}

}  // namespace closecoach
