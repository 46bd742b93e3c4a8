// From the node tree to the flat steps of the fast path. and/or/!/if become
// jumps between tests; each test is specialized when it compares a fact with
// constants in a way the hardware can do directly.

#include "condition_program.hpp"
#include "condition_values.hpp"

#include <bit>

namespace closecoach::condition_detail {

namespace {

constexpr std::size_t k_max_enum_bits = 64;

class Linker {
 public:
  Linker(Program& program, const FactSchema& schema) : m_program(program), m_schema(schema) {}

  std::int32_t link(std::int32_t index, std::int32_t on_true, std::int32_t on_false);

 private:
  const Node& at(std::int32_t index) const { return m_program.nodes[static_cast<std::size_t>(index)]; }
  const Node& arg(const Node& node, std::uint32_t i) const { return at(m_program.args[node.first + i]); }
  std::int32_t link_choose(const Node& node, std::int32_t on_true, std::int32_t on_false);
  Step make_step(std::int32_t index) const;
  void specialize_truthy(Step& step, const Node& fact) const;
  void specialize_compare(Step& step, const Node& node) const;
  void specialize_between(Step& step, const Node& node) const;
  void specialize_membership(Step& step, const Node& node) const;
  bool set_enum(Step& step, const Node& fact) const;
  FactType type_of(const Node& fact) const { return m_schema.spec(fact.slot).type; }
  Value constant(const Node& node) const { return Evaluator(m_program, {}).value(node_index(node)); }
  std::int32_t node_index(const Node& node) const { return static_cast<std::int32_t>(&node - m_program.nodes.data()); }

  Program& m_program;
  const FactSchema& m_schema;
};

bool is_plain_fact(const Node& node) { return node.op == Op::fact; }
bool is_numeric(FactType type) { return type == FactType::integer || type == FactType::number; }

std::int32_t Linker::link(std::int32_t index, std::int32_t on_true, std::int32_t on_false) {
  const Node& node = at(index);  // nodes stay put: linking adds only steps
  switch (node.op) {
    case Op::constant: return truthy(constant(node)) ? on_true : on_false;
    case Op::negate: return link(m_program.args[node.first], on_false, on_true);
    case Op::truthy: return link(m_program.args[node.first], on_true, on_false);
    case Op::all:
    case Op::any: {
      if (node.count == 0) return on_false;
      std::int32_t next = node.op == Op::all ? on_true : on_false;
      for (std::uint32_t i = node.count; i-- > 0;) {
        const std::int32_t part = m_program.args[node.first + i];
        next = node.op == Op::all ? link(part, next, on_false) : link(part, on_true, next);
      }
      return next;
    }
    case Op::choose: return link_choose(node, on_true, on_false);
    default: break;
  }
  Step step = make_step(index);
  step.next = {on_false, on_true};
  m_program.steps.push_back(step);
  return static_cast<std::int32_t>(m_program.steps.size() - 1);
}

std::int32_t Linker::link_choose(const Node& node, std::int32_t on_true, std::int32_t on_false) {
  std::uint32_t pairs = node.count / 2;
  std::int32_t next = node.count % 2 == 1 ? link(m_program.args[node.first + node.count - 1], on_true, on_false) : on_false;
  while (pairs-- > 0) {
    const std::int32_t then = link(m_program.args[node.first + 2 * pairs + 1], on_true, on_false);
    next = link(m_program.args[node.first + 2 * pairs], then, next);
  }
  return next;
}

Step Linker::make_step(std::int32_t index) const {
  Step step;
  step.node = index;
  const Node& node = at(index);
  switch (node.op) {
    case Op::fact: specialize_truthy(step, node); break;
    case Op::equal:
    case Op::strict_equal:
    case Op::less:
    case Op::less_equal: specialize_compare(step, node); break;
    case Op::between:
    case Op::between_equal: specialize_between(step, node); break;
    case Op::in_list: specialize_membership(step, node); break;
    default: break;
  }
  return step;
}

void Linker::specialize_truthy(Step& step, const Node& fact) const {
  if (!is_plain_fact(fact)) return;
  step.slot = fact.slot;
  if (type_of(fact) == FactType::boolean) {
    step.kind = StepKind::boolean_is;
    step.boolean = true;
  } else if (is_numeric(type_of(fact))) {
    step.kind = StepKind::number_truthy;
  }
}

// fact OP constant, or constant OP fact.
void Linker::specialize_compare(Step& step, const Node& node) const {
  const bool fact_first = is_plain_fact(arg(node, 0)) && arg(node, 1).op == Op::constant;
  const bool fact_second = is_plain_fact(arg(node, 1)) && arg(node, 0).op == Op::constant;
  if (!fact_first && !fact_second) return;
  const Node& fact = arg(node, fact_first ? 0 : 1);
  const Value c = constant(arg(node, fact_first ? 1 : 0));
  const FactType type = type_of(fact);
  const bool loose = node.op == Op::equal;
  step.slot = fact.slot;
  if (node.op == Op::equal || node.op == Op::strict_equal) {
    if (type == FactType::enumeration && c.kind == Value::Kind::string) {
      const auto& values = m_schema.spec(fact.slot).values;
      for (std::size_t i = 0; i < values.size() && i < k_max_enum_bits; ++i)
        if (values[i] == c.string) step.members |= std::uint64_t{1} << i;
      if (set_enum(step, fact)) step.kind = StepKind::enum_member;
    } else if (is_numeric(type) && (c.kind == Value::Kind::number || (loose && c.kind == Value::Kind::string))) {
      step.kind = StepKind::number_equal;
      step.low = to_number(c);
    } else if (type == FactType::boolean && c.kind == Value::Kind::boolean) {
      step.kind = StepKind::boolean_is;
      step.boolean = c.boolean;
    } else if (type == FactType::boolean && loose && c.kind != Value::Kind::null && (to_number(c) == 0 || to_number(c) == 1)) {
      step.kind = StepKind::boolean_is;  // true == 1, false == "0"
      step.boolean = to_number(c) == 1;
    }
    return;
  }
  if (!is_numeric(type)) return;
  // A number against any constant compares as numbers; c < x is x > c.
  const bool strict = node.op == Op::less;
  step.low = to_number(c);
  if (fact_first) step.kind = strict ? StepKind::number_less : StepKind::number_less_equal;
  else step.kind = strict ? StepKind::number_greater : StepKind::number_greater_equal;
}

void Linker::specialize_between(Step& step, const Node& node) const {
  if (arg(node, 0).op != Op::constant || !is_plain_fact(arg(node, 1)) || arg(node, 2).op != Op::constant) return;
  if (!is_numeric(type_of(arg(node, 1)))) return;
  step.slot = arg(node, 1).slot;
  step.kind = node.op == Op::between ? StepKind::number_between : StepKind::number_between_equal;
  step.low = to_number(constant(arg(node, 0)));
  step.high = to_number(constant(arg(node, 2)));
}

void Linker::specialize_membership(Step& step, const Node& node) const {
  const Node& fact = arg(node, 0);
  if (!is_plain_fact(fact) || type_of(fact) != FactType::enumeration) return;
  const auto& values = m_schema.spec(fact.slot).values;
  for (std::size_t i = 0; i < values.size() && i < k_max_enum_bits; ++i) {
    for (std::uint32_t m = 0; m < node.extra_count; ++m) {
      const Constant& member = m_program.members[node.extra + m];
      const std::string_view text = std::string_view(m_program.text).substr(member.offset, member.length);
      if (member.kind == Value::Kind::string && text == values[i]) step.members |= std::uint64_t{1} << i;
    }
  }
  step.slot = fact.slot;
  if (set_enum(step, fact)) step.kind = StepKind::enum_member;
}

// Where the schema keeps the fact's values, so a Value is matched by address.
bool Linker::set_enum(Step& step, const Node& fact) const {
  const FactSchema::EnumLayout layout = m_schema.enum_layout(fact.slot);
  if (layout.base == nullptr || layout.count > k_max_enum_bits || layout.count == 0) return false;
  step.base = reinterpret_cast<std::uintptr_t>(layout.base);
  step.limit = layout.count;
  step.shift = static_cast<std::uint8_t>(std::countr_zero(layout.stride));
  return true;
}

}  // namespace

std::int32_t link_steps(Program& program, const FactSchema& schema) {
  program.steps.clear();
  return Linker(program, schema).link(program.root, k_yes, k_no);
}

}  // namespace closecoach::condition_detail
