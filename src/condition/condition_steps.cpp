// From the node tree to the flat steps of the fast path. and/or/!/if become
// jumps between tests; a test of a single fact becomes a bitmask over its
// values (bools, enums) or a range (numbers against constants).

#include <algorithm>
#include <cmath>
#include <limits>

#include "condition_program.hpp"
#include "condition_values.hpp"

namespace closecoach::condition_detail {

namespace {

constexpr std::size_t k_max_enum_bits = 64;
constexpr double k_infinity = std::numeric_limits<double>::infinity();
constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

class Linker {
 public:
  Linker(Program& program, const FactSchema& schema) : m_program(program), m_schema(schema) {}

  std::int32_t link(std::int32_t index, std::int32_t on_true, std::int32_t on_false,
                    std::int8_t polarity);

 private:
  const Node& at(std::int32_t index) const {
    return m_program.nodes[static_cast<std::size_t>(index)];
  }
  const Node& arg(const Node& node, std::uint32_t i) const {
    return at(m_program.args[node.first + i]);
  }
  std::int32_t link_choose(const Node& node, std::int32_t on_true, std::int32_t on_false,
                           std::int8_t polarity);
  Step make_step(std::int32_t index) const;
  void slots_read(std::int32_t index, std::vector<int>& out) const;
  void set_members(Step& step) const;
  void set_range(Step& step, const Node& node) const;
  Value constant(const Node& node) const {
    return Evaluator(m_program, {}).value(node_index(node));
  }
  std::int32_t node_index(const Node& node) const {
    return static_cast<std::int32_t>(&node - m_program.nodes.data());
  }

  Program& m_program;
  const FactSchema& m_schema;
};

bool is_numeric(FactType type) { return type == FactType::integer || type == FactType::number; }

// The least double a bound admits: x > c is x >= the next double after c.
// NaN admits nothing (x >= NaN is false for every x).
double above(double c, bool strict) {
  if (!strict) return c;
  return c == k_infinity ? k_nan : std::nextafter(c, k_infinity);
}
double below(double c, bool strict) {
  if (!strict) return c;
  return c == -k_infinity ? k_nan : std::nextafter(c, -k_infinity);
}

std::int32_t Linker::link(std::int32_t index, std::int32_t on_true, std::int32_t on_false,
                          std::int8_t polarity) {
  const Node& node = at(index);  // nodes stay put: linking adds only steps
  switch (node.op) {
    case Op::constant:
      return truthy(constant(node)) ? on_true : on_false;
    case Op::negate:
      return link(m_program.args[node.first], on_false, on_true,
                  static_cast<std::int8_t>(-polarity));
    case Op::truthy:
      return link(m_program.args[node.first], on_true, on_false, polarity);
    case Op::all:
    case Op::any: {
      if (node.count == 0) return on_false;
      std::int32_t next = node.op == Op::all ? on_true : on_false;
      for (std::uint32_t i = node.count; i-- > 0;) {
        const std::int32_t part = m_program.args[node.first + i];
        next = node.op == Op::all ? link(part, next, on_false, polarity)
                                  : link(part, on_true, next, polarity);
      }
      return next;
    }
    case Op::choose:
      return link_choose(node, on_true, on_false, polarity);
    default:
      break;
  }
  Step step = make_step(index);
  step.next = {on_false, on_true};
  step.polarity = polarity;
  m_program.steps.push_back(step);
  return static_cast<std::int32_t>(m_program.steps.size() - 1);
}

// An if's conditions lead both ways, so their polarity is mixed (0).
std::int32_t Linker::link_choose(const Node& node, std::int32_t on_true, std::int32_t on_false,
                                 std::int8_t polarity) {
  std::uint32_t pairs = node.count / 2;
  std::int32_t next = on_false;
  if (node.count % 2 == 1)
    next = link(m_program.args[node.first + node.count - 1], on_true, on_false, polarity);
  while (pairs-- > 0) {
    const std::int32_t then =
        link(m_program.args[node.first + 2 * pairs + 1], on_true, on_false, polarity);
    next = link(m_program.args[node.first + 2 * pairs], then, next, 0);
  }
  return next;
}

Step Linker::make_step(std::int32_t index) const {
  Step step;
  step.node = index;
  std::vector<int> read;
  slots_read(index, read);
  if (read.size() != 1) return step;
  step.slot = read.front();
  const FactType type = m_schema.spec(step.slot).type;
  if (type == FactType::boolean || type == FactType::enumeration)
    set_members(step);
  else if (is_numeric(type))
    set_range(step, at(index));
  if (step.expected != k_no_kind) {
    const std::vector<Value> unknown(m_program.fact_count);
    step.when_unknown = static_cast<std::uint8_t>(Evaluator(m_program, unknown).truth(index));
  }
  return step;
}

void Linker::slots_read(std::int32_t index, std::vector<int>& out) const {
  const Node& node = at(index);
  const auto add = [&](int slot) {
    if (std::find(out.begin(), out.end(), slot) == out.end()) out.push_back(slot);
  };
  if (node.op == Op::fact) add(node.slot);
  if (node.op == Op::fallback)
    for (const auto& read : m_program.fallbacks[node.extra].reads) add(read.slot);
  for (std::uint32_t i = 0; i < node.count; ++i) slots_read(m_program.args[node.first + i], out);
}

// A test of one fact with few values is settled for each value now: its
// outcomes become a bitmask, whatever the test (==, in, <, if, arithmetic).
void Linker::set_members(Step& step) const {
  std::vector<Value> domain;
  if (m_schema.spec(step.slot).type == FactType::boolean) {
    domain = {Value::of(false), Value::of(true)};
    step.limit = 2;
  } else {
    const std::size_t count = m_schema.spec(step.slot).values.size();
    if (count == 0 || count > k_max_enum_bits) return;
    for (std::size_t i = 0; i < count; ++i) domain.push_back(m_schema.enum_value(step.slot, i));
    step.by_index = true;
    step.limit = static_cast<std::uint32_t>(count);
  }
  std::vector<Value> facts(m_program.fact_count);
  for (std::size_t i = 0; i < domain.size(); ++i) {
    facts[static_cast<std::size_t>(step.slot)] = domain[i];
    if (Evaluator(m_program, facts).truth(step.node) == Truth::yes)
      step.members |= std::uint64_t{1} << i;
  }
  step.expected = domain.front().kind;
}

// A number fact against constants: x < c, c <= x, a < x < b, x == c, ...
void Linker::set_range(Step& step, const Node& node) const {
  const bool two = node.count == 2 && (node.op == Op::equal || node.op == Op::strict_equal ||
                                       node.op == Op::less || node.op == Op::less_equal);
  const bool three = node.count == 3 && (node.op == Op::between || node.op == Op::between_equal);
  if (!two && !three) return;
  const std::uint32_t fact = three ? 1 : arg(node, 0).op == Op::fact ? 0 : 1;
  for (std::uint32_t i = 0; i < node.count; ++i)
    if (i != fact && arg(node, i).op != Op::constant) return;
  const auto bound = [&](std::uint32_t i) { return constant(arg(node, i)); };
  const bool strict = node.op == Op::less || node.op == Op::between;
  double low = -k_infinity;
  double high = k_infinity;
  if (node.op == Op::equal || node.op == Op::strict_equal) {
    const Value c = bound(1 - fact);
    const bool numeric =
        c.kind == Value::Kind::number || (node.op == Op::equal && c.kind == Value::Kind::string);
    if (!numeric) return;  // true == 1 and the like: rare enough for the tree
    low = high = to_number(c);
  } else {
    if (fact > 0) low = above(to_number(bound(fact - 1)), strict);
    if (fact + 1 < node.count) high = below(to_number(bound(fact + 1)), strict);
  }
  step.expected = Value::Kind::number;
  step.is_range = true;
  step.low = low;
  step.high = high;
}

// Where the walk from `entry` ends when step i comes out bit bit_of[i] of
// `outcomes`. A step only leads to steps made before it (link makes a test's
// successors first), so the walk ends.
std::int32_t walk_end(const std::vector<Step>& steps, const std::vector<std::uint32_t>& bit_of,
                      std::int32_t entry, std::uint32_t outcomes) {
  std::int32_t at = entry;
  while (at >= 0) {
    const auto i = static_cast<std::size_t>(at);
    at = steps[i].next[(outcomes >> bit_of[i]) & 1U];
  }
  return at;
}

// A bool's index is its boolean (byte 1 of the header), an enum's its
// enum_index (bytes 2 and 3).
SetLane make_set_lane(const Step& step) {
  const auto kind = static_cast<std::uint32_t>(step.expected);
  SetLane lane;
  lane.members = step.members;
  lane.limit = step.limit;
  lane.slot = static_cast<std::uint32_t>(step.slot);
  lane.mask = step.by_index ? 0xFFFF00FFU : 0x0000FFFFU;
  lane.rotation = step.by_index ? 16 : 8;
  lane.expected = std::rotr(kind, lane.rotation);
  return lane;
}

// Makes the lanes, range tests first; returns each step's bit.
std::vector<std::uint32_t> make_lanes(const std::vector<Step>& steps, TruthTable& table) {
  const auto count = static_cast<std::uint32_t>(steps.size());
  for (const Step& step : steps)
    if (step.is_range) table.range_count++;
  std::vector<std::uint32_t> bit_of;
  std::uint32_t ranges = 0;
  std::uint32_t sets = 0;
  for (const Step& step : steps) {
    const std::uint32_t lane = step.is_range ? ranges : table.range_count + sets;
    if (step.is_range)
      table.ranges[ranges++] = {step.low, step.high, static_cast<std::uint32_t>(step.slot)};
    else
      table.sets[sets++] = make_set_lane(step);
    bit_of.push_back(count - 1 - lane);
  }
  table.set_count = sets;
  return bit_of;
}

// The table follows the steps' jumps, so for any outcomes it is where the
// walk would end, even where two steps test the same fact.
TruthTable make_table(const std::vector<Step>& steps, std::int32_t entry) {
  TruthTable table;
  if (steps.size() > k_table_steps) return table;
  for (const Step& step : steps) {
    if (step.expected == k_no_kind) return table;  // general: the tree's
    if (step.is_range && step.expected != Value::Kind::number) return table;
  }
  const std::vector<std::uint32_t> bit_of = make_lanes(steps, table);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const Step& step = steps[i];
    const std::uint32_t bit = std::uint32_t{1} << bit_of[i];
    if (step.when_unknown == static_cast<std::uint8_t>(Truth::yes)) table.unknown_true |= bit;
    if (step.when_unknown == static_cast<std::uint8_t>(Truth::unknown)) table.unknown_open |= bit;
    (step.polarity > 0 ? table.helps : step.polarity < 0 ? table.hurts : table.mixed) |= bit;
  }
  const std::uint32_t count = std::uint32_t{1} << steps.size();
  for (std::uint32_t outcomes = 0; outcomes < count; ++outcomes)
    if (walk_end(steps, bit_of, entry, outcomes) == k_yes)
      table.bits[outcomes / 64] |= std::uint64_t{1} << (outcomes % 64);
  table.usable = true;
  return table;
}

}  // namespace

std::int32_t link_steps(Program& program, const FactSchema& schema) {
  program.steps.clear();
  const std::int32_t entry = Linker(program, schema).link(program.root, k_yes, k_no, 1);
  program.table = make_table(program.steps, entry);
  return entry;
}

}  // namespace closecoach::condition_detail
