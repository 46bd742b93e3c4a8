#include <closecoach/condition.hpp>

#include <optional>

#include "condition_program.hpp"

namespace closecoach {

using condition_detail::Step;

struct Condition::Program : condition_detail::Program {};

namespace {

constexpr int k_unknown = 2;
constexpr int k_general = condition_detail::k_ask_tree;

// The outcome of a specialized step, 0 false or 1 true, computed without a
// branch; k_general when the value is not what the step expects (and the
// step cannot tell the outcome for an unknown value).
inline int test(const Step& step, const Value& value) {
  const double x = value.number;
  const bool in_range = (x >= step.low) & (x <= step.high);
  // A Value without an enum index (k_no_index) is past any step's limit.
  const std::uint32_t index =
      step.by_index ? std::uint32_t{value.enum_index} : std::uint32_t{value.boolean};
  const bool member = ((step.members >> (index & 63U)) & 1U) != 0;
  const bool valid =
      (value.kind == step.expected) & (index < step.limit) & (x == x);  // NaN: the tree's
  if (!valid) return value.kind == Value::Kind::unknown ? step.when_unknown : k_general;
  return step.is_range ? in_range : member;
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

}  // namespace

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
  const condition_detail::Evaluator general(program, facts);
  if (facts.size() < program.fact_count) return general.truth(program.root);
  const Step* steps = program.steps.data();
  std::int32_t at = program.entry;
  while (at >= 0) {
    const Step& step = steps[at];
    const int outcome = outcome_of(step, facts, general);
    if (outcome == k_unknown) return bounds(program, facts, at);
    at = step.next[static_cast<std::size_t>(outcome)];
  }
  return at == condition_detail::k_yes ? Truth::yes : Truth::no;
}

const std::vector<int>& Condition::slots() const { return m_program->slots; }

std::size_t Condition::size() const { return m_program->nodes.size(); }

void Condition::unknown_dependencies(FactValues facts, std::vector<int>& out) const {
  const condition_detail::Evaluator general(*m_program, facts);
  if (general.truth(m_program->root) != Truth::unknown) return;
  general.dependencies(m_program->root, out);
}

const nlohmann::json& Condition::logic() const { return m_program->logic; }

}  // namespace closecoach
