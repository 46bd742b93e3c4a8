#include <closecoach/condition.hpp>

#include "condition_program.hpp"

#include <bit>

namespace closecoach {

using condition_detail::Program;
using condition_detail::Step;
using condition_detail::StepKind;

struct Condition::Program : condition_detail::Program {};

namespace {

constexpr int k_unknown = 2;

// The outcome of one step: 0 false, 1 true, 2 unknown. The specialized tests
// take the value's expected kind for granted and leave anything else
// (unknown, or a value a caller built by hand) to the tree.
inline int test(const Step& step, const Value& value, const condition_detail::Program& program, FactValues facts) {
  switch (step.kind) {
    case StepKind::enum_member:
      if (value.kind == Value::Kind::string) {
        // The value's index in the schema; misaligned or foreign addresses rotate out of range.
        const auto offset = reinterpret_cast<std::uintptr_t>(value.string.data()) - step.base;
        const std::uintptr_t index = std::rotr(offset, step.shift);
        if (index < step.limit) return static_cast<int>((step.members >> index) & 1U);
      }
      break;
    case StepKind::number_less:
      if (value.kind == Value::Kind::number) return value.number < step.low;
      break;
    case StepKind::number_less_equal:
      if (value.kind == Value::Kind::number) return value.number <= step.low;
      break;
    case StepKind::number_greater:
      if (value.kind == Value::Kind::number) return value.number > step.low;
      break;
    case StepKind::number_greater_equal:
      if (value.kind == Value::Kind::number) return value.number >= step.low;
      break;
    case StepKind::number_equal:
      if (value.kind == Value::Kind::number) return value.number == step.low;
      break;
    case StepKind::number_between:
      if (value.kind == Value::Kind::number) return (step.low < value.number) & (value.number < step.high);
      break;
    case StepKind::number_between_equal:
      if (value.kind == Value::Kind::number) return (step.low <= value.number) & (value.number <= step.high);
      break;
    case StepKind::number_truthy:
      if (value.kind == Value::Kind::number) return (value.number < 0) | (value.number > 0);  // NaN is falsy
      break;
    case StepKind::boolean_is:
      if (value.kind == Value::Kind::boolean) return value.boolean == step.boolean;
      break;
    case StepKind::general: break;
  }
  return static_cast<int>(condition_detail::Evaluator(program, facts).truth(step.node));
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
Condition::Condition(const Condition& other) : m_program(std::make_unique<Program>(*other.m_program)) {}
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
    const int outcome = test(step, facts[static_cast<std::size_t>(step.slot)], program, facts);
    if (outcome == k_unknown) return general.truth(program.root);
    at = step.next[static_cast<std::size_t>(outcome)];
  }
  return at == condition_detail::k_yes ? Truth::yes : Truth::no;
}

const std::vector<int>& Condition::slots() const { return m_program->slots; }

void Condition::unknown_dependencies(FactValues facts, std::vector<int>& out) const {
  const condition_detail::Evaluator general(*m_program, facts);
  if (general.truth(m_program->root) != Truth::unknown) return;
  general.dependencies(m_program->root, out);
}

const nlohmann::json& Condition::logic() const { return m_program->logic; }

}  // namespace closecoach
