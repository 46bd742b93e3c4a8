// The general path of a compiled condition: the node tree evaluated with
// json-logic-js's value semantics, where an unknown fact makes whatever
// depends on it unknown, and and/or/!/if follow Kleene's three-valued logic.

#include <closecoach/json_logic.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include "condition_program.hpp"
#include "condition_values.hpp"

namespace closecoach::condition_detail {

namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
constexpr double k_infinity = std::numeric_limits<double>::infinity();

Truth truth_of(const Value& value) {
  if (!value.known()) return Truth::unknown;
  return truthy(value) ? Truth::yes : Truth::no;
}

Value value_of(Truth truth) {
  return truth == Truth::unknown ? Value::unknown_value() : Value::of(truth == Truth::yes);
}

Truth negated(Truth truth) {
  if (truth == Truth::unknown) return truth;
  return truth == Truth::yes ? Truth::no : Truth::yes;
}

void add_once(std::vector<int>& out, int slot) {
  if (std::find(out.begin(), out.end(), slot) == out.end()) out.push_back(slot);
}

// Math.min / Math.max, where -0 is below +0 and NaN wins.
double extreme(double so_far, double next, bool minimum) {
  if (std::isnan(so_far) || std::isnan(next)) return k_nan;
  if (next == so_far && next == 0) return std::signbit(next) == minimum ? next : so_far;
  return (minimum ? next < so_far : next > so_far) ? next : so_far;
}

}  // namespace

Value Evaluator::constant(const Constant& constant) const {
  switch (constant.kind) {
    case Value::Kind::boolean:
      return Value::of(constant.boolean);
    case Value::Kind::number:
      return Value::of(constant.number);
    case Value::Kind::string:
      return Value::of(std::string_view(m_program.text).substr(constant.offset, constant.length));
    case Value::Kind::unknown:
      return Value::unknown_value();
    case Value::Kind::null:
      break;
  }
  return Value::null_value();
}

Value Evaluator::fact(const Node& node) const {
  const auto slot = static_cast<std::size_t>(node.slot);
  return slot < m_facts.size() ? m_facts[slot] : Value::unknown_value();
}

Value Evaluator::value(std::int32_t index) const {
  const Node& node = at(index);
  switch (node.op) {
    case Op::constant:
      return constant(node.constant);
    case Op::fact:
      return fact(node);
    case Op::equal:
    case Op::strict_equal:
    case Op::less:
    case Op::less_equal:
      return compare(node);
    case Op::between:
    case Op::between_equal:
      return value_of(between(node));
    case Op::negate:
      return value_of(negated(truth(arg(node, 0))));
    case Op::truthy:
      return value_of(truth(arg(node, 0)));
    case Op::all:
    case Op::any:
      return logical(node);
    case Op::choose:
      return choose_value(node);
    case Op::in_list:
    case Op::in_text:
      return membership(node);
    case Op::fallback:
      return value_of(run_fallback(node));
    default:
      return arithmetic(node);
  }
}

Truth Evaluator::truth(std::int32_t index) const {
  const Node& node = at(index);
  switch (node.op) {
    case Op::all:
    case Op::any: {
      const Truth decisive = node.op == Op::all ? Truth::no : Truth::yes;
      Truth result = node.count == 0 ? Truth::no : negated(decisive);
      for (std::uint32_t i = 0; i < node.count; ++i) {
        const Truth part = truth(arg(node, i));
        if (part == decisive) return decisive;
        if (part == Truth::unknown) result = Truth::unknown;
      }
      return result;
    }
    case Op::negate:
      return negated(truth(arg(node, 0)));
    case Op::truthy:
      return truth(arg(node, 0));
    case Op::between:
    case Op::between_equal:
      return between(node);
    case Op::choose:
      return choose_truth(node, 0);
    case Op::fallback:
      return run_fallback(node);
    default:
      return truth_of(value(index));
  }
}

Value Evaluator::compare(const Node& node) const {
  const Value a = value(arg(node, 0));
  const Value b = value(arg(node, 1));
  if (!a.known() || !b.known()) return Value::unknown_value();
  switch (node.op) {
    case Op::equal:
      return Value::of(loose_equal(a, b));
    case Op::strict_equal:
      return Value::of(strict_equal(a, b));
    case Op::less:
      return Value::of(less(a, b));
    default:
      return Value::of(less_equal(a, b));
  }
}

// a < b < c is (a < b) && (b < c): one known false half settles it.
Truth Evaluator::between(const Node& node) const {
  const Value a = value(arg(node, 0));
  const Value b = value(arg(node, 1));
  const Value c = value(arg(node, 2));
  const auto half = [&](const Value& x, const Value& y) {
    if (!x.known() || !y.known()) return Truth::unknown;
    return (node.op == Op::between ? less(x, y) : less_equal(x, y)) ? Truth::yes : Truth::no;
  };
  const Truth first = half(a, b);
  const Truth second = half(b, c);
  if (first == Truth::no || second == Truth::no) return Truth::no;
  return first == Truth::yes && second == Truth::yes ? Truth::yes : Truth::unknown;
}

Value Evaluator::arithmetic(const Node& node) const {
  std::array<double, 2> operands{};
  double result = node.op == Op::minimum ? k_infinity : node.op == Op::maximum ? -k_infinity : 0;
  for (std::uint32_t i = 0; i < node.count; ++i) {
    const Value operand = value(arg(node, i));
    if (!operand.known()) return Value::unknown_value();
    switch (node.op) {
      case Op::add:
        result += parse_float(operand);
        break;
      case Op::multiply: {
        const double factor = parse_float(operand);  // parseFloat(String(-0)) is 0
        result = i == 0 ? factor : (result == 0 ? 0.0 : result) * factor;
        break;
      }
      case Op::minimum:
      case Op::maximum:
        result = extreme(result, to_number(operand), node.op == Op::minimum);
        break;
      default:
        operands[std::min<std::size_t>(i, 1)] = to_number(operand);
        break;
    }
  }
  switch (node.op) {
    case Op::negative:
      return Value::of(-operands[0]);
    case Op::subtract:
      return Value::of(operands[0] - operands[1]);
    case Op::divide:
      return Value::of(operands[0] / operands[1]);
    case Op::remainder:
      return Value::of(std::fmod(operands[0], operands[1]));
    default:
      return Value::of(result);
  }
}

// and/or as values: the first operand that settles it, or the last.
Value Evaluator::logical(const Node& node) const {
  Value last = Value::null_value();
  for (std::uint32_t i = 0; i < node.count; ++i) {
    last = value(arg(node, i));
    if (!last.known()) return last;
    if (truthy(last) == (node.op == Op::any)) return last;
  }
  return last;
}

Value Evaluator::choose_value(const Node& node) const {
  std::uint32_t i = 0;
  for (; i + 1 < node.count; i += 2) {
    const Truth condition = truth(arg(node, i));
    if (condition == Truth::unknown) return Value::unknown_value();
    if (condition == Truth::yes) return value(arg(node, i + 1));
  }
  return i < node.count ? value(arg(node, i)) : Value::null_value();
}

// Where the condition is unknown, the answer is still known when both ways
// lead to the same truth.
Truth Evaluator::choose_truth(const Node& node, std::uint32_t from) const {
  for (std::uint32_t i = from; i + 1 < node.count; i += 2) {
    const Truth condition = truth(arg(node, i));
    if (condition == Truth::yes) return truth(arg(node, i + 1));
    if (condition == Truth::unknown) {
      const Truth then = truth(arg(node, i + 1));
      return then == choose_truth(node, i + 2) ? then : Truth::unknown;
    }
  }
  const std::uint32_t rest = node.count - from;
  return rest % 2 == 1 ? truth(arg(node, node.count - 1)) : Truth::no;
}

Value Evaluator::membership(const Node& node) const {
  const Value needle = value(arg(node, 0));
  if (!needle.known()) return needle;
  if (node.op == Op::in_list) {
    for (std::uint32_t i = 0; i < node.extra_count; ++i)
      if (strict_equal(needle, constant(m_program.members[node.extra + i]))) return Value::of(true);
    return Value::of(false);
  }
  const Value haystack = value(arg(node, 1));
  if (!haystack.known()) return haystack;
  // json-logic-js: `if (!b || typeof b.indexOf === "undefined") return false`
  if (haystack.kind != Value::Kind::string || haystack.string.empty()) return Value::of(false);
  return Value::of(text_contains(haystack.string, needle));
}

Truth Evaluator::run_fallback(const Node& node) const {
  const Fallback& fallback = m_program.fallbacks[node.extra];
  nlohmann::json data = nlohmann::json::object();
  for (const auto& read : fallback.reads) {
    const auto slot = static_cast<std::size_t>(read.slot);
    const Value value = slot < m_facts.size() ? m_facts[slot] : Value::unknown_value();
    if (!value.known()) return Truth::unknown;
    data[read.name] = FactSchema::value_to_json(value);
  }
  json_logic::Usage usage;
  const auto result = json_logic::apply(fallback.logic, data, &usage);
  // Over the budget for these values (compiling tried others): no telling.
  if (usage.exceeded) return Truth::unknown;
  // Logic json-logic-js would throw on cannot hold, and no answer can change that.
  if (!result.ok()) return Truth::no;
  return json_logic::truthy(result.value()) ? Truth::yes : Truth::no;
}

void Evaluator::dependencies(std::int32_t index, std::vector<int>& out) const {
  const Node& node = at(index);
  switch (node.op) {
    case Op::all:
    case Op::any:
      for (std::uint32_t i = 0; i < node.count; ++i)
        if (truth(arg(node, i)) == Truth::unknown) dependencies(arg(node, i), out);
      return;
    case Op::negate:
    case Op::truthy:
      return dependencies(arg(node, 0), out);
    case Op::choose:
      return choose_dependencies(node, 0, out);
    default:
      return unknown_slots(index, out);
  }
}

void Evaluator::choose_dependencies(const Node& node, std::uint32_t from,
                                    std::vector<int>& out) const {
  for (std::uint32_t i = from; i + 1 < node.count; i += 2) {
    const Truth condition = truth(arg(node, i));
    if (condition == Truth::yes) return dependencies(arg(node, i + 1), out);
    if (condition == Truth::unknown) {
      dependencies(arg(node, i), out);
      if (truth(arg(node, i + 1)) == Truth::unknown) dependencies(arg(node, i + 1), out);
      if (choose_truth(node, i + 2) == Truth::unknown) choose_dependencies(node, i + 2, out);
      return;
    }
  }
  if ((node.count - from) % 2 == 1) dependencies(arg(node, node.count - 1), out);
}

// Every unknown fact below `index`: a value's dependencies are not worth
// telling apart.
void Evaluator::unknown_slots(std::int32_t index, std::vector<int>& out) const {
  const Node& node = at(index);
  if (node.op == Op::fact) {
    if (!fact(node).known()) add_once(out, node.slot);
    return;
  }
  if (node.op == Op::fallback) {
    for (const auto& read : m_program.fallbacks[node.extra].reads) {
      const auto slot = static_cast<std::size_t>(read.slot);
      if (slot >= m_facts.size() || !m_facts[slot].known()) add_once(out, read.slot);
    }
    return;
  }
  for (std::uint32_t i = 0; i < node.count; ++i) unknown_slots(arg(node, i), out);
}

}  // namespace closecoach::condition_detail
