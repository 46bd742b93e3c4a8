// JsonLogic to a condition Program: the node tree first, in document order
// (so the first problem reported is the first in the text), then the steps.

#include <closecoach/json_logic.hpp>
#include <closecoach/json_text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <set>
#include <string_view>

#include "condition_program.hpp"
#include "condition_values.hpp"

namespace closecoach::condition_detail {

using nlohmann::json;

namespace {

// Operators json-logic-js knows. Those compiled natively are handled before
// this list is consulted; the rest run through json_logic::apply.
constexpr std::array<std::string_view, 35> k_operators = {
    "==",     "===",    "!=",    "!==",     "<",
    "<=",     ">",      ">=",    "!",       "!!",
    "and",    "or",     "if",    "?:",      "in",
    "+",      "-",      "*",     "/",       "%",
    "min",    "max",    "var",   "missing", "missing_some",
    "cat",    "substr", "merge", "log",     "map",
    "filter", "reduce", "all",   "none",    "some"};

bool is_operator(std::string_view name) {
  return std::find(k_operators.begin(), k_operators.end(), name) != k_operators.end();
}

// Operators whose argument `scoped` is applied to each element of an array:
// a var there reads the element, not a fact.
bool is_scoped_argument(std::string_view op, std::size_t i) {
  return i == 1 && (op == "map" || op == "filter" || op == "reduce" || op == "all" ||
                    op == "none" || op == "some");
}

struct CompileError {
  Diagnostic diagnostic;
};

// Where a part sits in the condition: the links of its JSON pointer, spelled
// out only for a message. Building the text for every part was a fifth of
// compiling a condition, and a run compiles each of the playbook's rules.
class Where {
 public:
  Where() = default;  // the whole condition
  Where(const Where& parent, std::string_view key) : m_parent(&parent), m_key(key) {}
  Where(const Where& parent, std::size_t index) : m_parent(&parent), m_index(index) {}

  std::string pointer() const {
    if (m_parent == nullptr) return {};
    return m_parent->pointer() + "/" +
           (m_index == k_key ? json_pointer_token(m_key) : std::to_string(m_index));
  }

 private:
  static constexpr std::size_t k_key = ~std::size_t{0};
  const Where* m_parent = nullptr;
  std::string_view m_key;
  std::size_t m_index = k_key;
};

[[noreturn]] void fail(std::string message, const Where& where, std::string_view below = {}) {
  throw CompileError{make_error(std::move(message), where.pointer() + std::string(below))};
}

// An operation: {"op": args}, where a lone argument stands for [argument].
// It points into itself, so it stays where it was made.
struct Operation {
  Operation(const json& logic, const Where& place)
      : name(logic.begin().key()), raw(logic.begin().value()), where(place), args(place, name) {}
  Operation(const Operation&) = delete;
  Operation& operator=(const Operation&) = delete;

  std::string_view name;
  const json& raw;
  const Where& where;  // of the operation object
  Where args;          // of its arguments, one or a list

  std::size_t size() const { return raw.is_array() ? raw.size() : 1; }
  const json& operator[](std::size_t i) const { return raw.is_array() ? raw[i] : raw; }
  Where at(std::size_t i) const { return raw.is_array() ? Where(args, i) : args; }
};

struct VarRef {
  int slot = -1;
  std::string name;
  const json* default_value = nullptr;  // when given
};

Node node_of(Op op) {
  Node node;
  node.op = op;
  return node;
}

Node constant_node(const Constant& constant) {
  Node node;
  node.constant = constant;
  return node;
}

bool is_scalar(const json& value) { return value.is_primitive() && !value.is_binary(); }

constexpr std::size_t k_max_trials = 16;

class Compiler {
 public:
  Compiler(const FactSchema& schema, Program& program) : m_schema(schema), m_program(program) {}

  std::int32_t truth(const json& logic, const Where& where, std::size_t depth);

 private:
  std::optional<std::int32_t> value(const json& logic, const Where& where, std::size_t depth);
  std::optional<std::int32_t> operation(const Operation& op, std::size_t depth);
  std::optional<std::int32_t> comparison(const Operation& op, std::size_t depth);
  std::optional<std::int32_t> membership(const Operation& op, std::size_t depth);
  std::optional<std::int32_t> arithmetic(const Operation& op, std::size_t depth);
  std::optional<std::int32_t> choose(const Operation& op, std::size_t depth, bool for_truth);
  std::optional<std::int32_t> fact(const Operation& op);
  std::optional<std::vector<std::int32_t>> values(const Operation& op, std::size_t from,
                                                  std::size_t depth);
  std::int32_t fallback(const json& logic, const Where& where);
  void try_fallback(const Fallback& fallback, const Where& where) const;
  void collect_reads(const json& logic, const Where& where, std::size_t depth, Fallback& into);
  void collect_missing(const Operation& op, Fallback& into);
  void add_read(Fallback& into, int slot);
  VarRef resolve_var(const Operation& op);
  int resolve_fact(const std::string& name, const Where& where);
  void check_enum_constant(std::int32_t fact, const Constant& constant, const Where& where) const;

  Constant make_constant(const json& literal);
  std::int32_t add_node(Node node, const std::vector<std::int32_t>& args = {});
  std::int32_t add_constant(const Value& value);
  std::int32_t fold(std::int32_t node);
  void use_slot(int slot);

  const FactSchema& m_schema;
  Program& m_program;
};

void check_depth(std::size_t depth, const Where& where) {
  if (depth > json_logic::k_max_depth)
    fail(fmt::format("condition nests deeper than {} levels", json_logic::k_max_depth), where);
}

std::int32_t Compiler::truth(const json& logic, const Where& where, std::size_t depth) {
  check_depth(depth, where);
  if (json_logic::is_operation(logic)) {
    const Operation op(logic, where);
    const bool logical = op.name == "and" || op.name == "or";
    if (logical && op.size() > 0) {
      std::vector<std::int32_t> parts;
      for (std::size_t i = 0; i < op.size(); ++i)
        parts.push_back(truth(op[i], op.at(i), depth + 1));
      return fold(add_node(node_of(op.name == "and" ? Op::all : Op::any), parts));
    }
    if (logical) return add_constant(Value::of(false));  // json-logic-js yields undefined
    if (op.name == "if" || op.name == "?:") return *choose(op, depth, true);
  }
  if (const auto native = value(logic, where, depth)) return *native;
  return fallback(logic, where);
}

// A node computing the value of `logic`, or nullopt when it needs the fallback
// (then nothing is left behind in the program).
std::optional<std::int32_t> Compiler::value(const json& logic, const Where& where,
                                            std::size_t depth) {
  check_depth(depth, where);
  if (is_scalar(logic)) return add_node(constant_node(make_constant(logic)));
  if (!json_logic::is_operation(logic)) return std::nullopt;  // arrays and literal objects
  const Operation op(logic, where);
  if (!is_operator(op.name)) fail(fmt::format("unknown operator '{}'", op.name), where);
  const auto nodes = m_program.nodes.size();
  const auto args = m_program.args.size();
  const auto members = m_program.members.size();
  const auto fallbacks = m_program.fallbacks.size();
  const auto native = operation(op, depth);
  if (!native) {
    m_program.nodes.resize(nodes);
    m_program.args.resize(args);
    m_program.members.resize(members);
    m_program.fallbacks.resize(fallbacks);
  }
  return native;
}

std::optional<std::int32_t> Compiler::operation(const Operation& op, std::size_t depth) {
  const std::string_view name = op.name;
  if (name == "var") return fact(op);
  if (name == "!" || name == "!!") {
    if (op.size() != 1) return std::nullopt;
    const std::int32_t operand = truth(op[0], op.at(0), depth + 1);
    return fold(add_node(node_of(name == "!" ? Op::negate : Op::truthy), {operand}));
  }
  if (name == "and" || name == "or") {
    if (op.size() == 0) return std::nullopt;
    auto parts = values(op, 0, depth);
    if (!parts) return std::nullopt;
    return fold(add_node(node_of(name == "and" ? Op::all : Op::any), *parts));
  }
  if (name == "if" || name == "?:") return choose(op, depth, false);
  if (name == "in") return membership(op, depth);
  if (name == "==" || name == "===" || name == "!=" || name == "!==" || name == "<" ||
      name == "<=" || name == ">" || name == ">=")
    return comparison(op, depth);
  return arithmetic(op, depth);
}

std::optional<std::int32_t> Compiler::comparison(const Operation& op, std::size_t depth) {
  const std::string_view name = op.name;
  const bool ordered = name.front() == '<' || name.front() == '>';
  const bool three = (name == "<" || name == "<=") && op.size() == 3;
  if (op.size() != 2 && !three) return std::nullopt;
  auto operands = values(op, 0, depth);
  if (!operands) return std::nullopt;
  auto& v = *operands;
  if (three) return fold(add_node(node_of(name == "<" ? Op::between : Op::between_equal), v));
  if (!ordered) {
    for (std::size_t i = 0; i < 2; ++i) {
      const Node& other = m_program.nodes[static_cast<std::size_t>(v[1 - i])];
      if (other.op == Op::constant) check_enum_constant(v[i], other.constant, op.at(1 - i));
    }
  }
  if (name.front() == '>') std::swap(v[0], v[1]);  // a > b is b < a
  Op kind = Op::equal;
  if (ordered)
    kind = name.size() == 1 ? Op::less : Op::less_equal;
  else if (name.size() == 3)
    kind = Op::strict_equal;
  const std::int32_t test = fold(add_node(node_of(kind), v));
  if (name.front() != '!') return test;
  return fold(add_node(node_of(Op::negate), {test}));  // a != b is exactly !(a == b)
}

std::optional<std::int32_t> Compiler::membership(const Operation& op, std::size_t depth) {
  if (op.size() != 2) return std::nullopt;
  const json& haystack = op[1];
  if (!haystack.is_array()) {
    auto operands = values(op, 0, depth);
    if (!operands) return std::nullopt;
    return fold(add_node(node_of(Op::in_text), *operands));
  }
  if (!std::all_of(haystack.begin(), haystack.end(), is_scalar)) return std::nullopt;
  const auto needle = value(op[0], op.at(0), depth + 1);
  if (!needle) return std::nullopt;
  Node node = node_of(Op::in_list);
  node.extra = static_cast<std::uint32_t>(m_program.members.size());
  node.extra_count = static_cast<std::uint32_t>(haystack.size());
  const Where list = op.at(1);
  for (std::size_t i = 0; i < haystack.size(); ++i) {
    m_program.members.push_back(make_constant(haystack[i]));
    check_enum_constant(*needle, m_program.members.back(), Where(list, i));
  }
  return fold(add_node(node, {*needle}));
}

std::optional<std::int32_t> Compiler::arithmetic(const Operation& op, std::size_t depth) {
  static constexpr std::array<std::pair<std::string_view, Op>, 7> k_ops = {{{"+", Op::add},
                                                                            {"*", Op::multiply},
                                                                            {"-", Op::subtract},
                                                                            {"/", Op::divide},
                                                                            {"%", Op::remainder},
                                                                            {"min", Op::minimum},
                                                                            {"max", Op::maximum}}};
  const auto found = std::find_if(k_ops.begin(), k_ops.end(),
                                  [&](const auto& entry) { return entry.first == op.name; });
  if (found == k_ops.end()) return std::nullopt;  // cat, map, missing, ...: the fallback's
  Op kind = found->second;
  const std::size_t n = op.size();
  // {"*": [x]} is x itself: reduce() without a start value returns it untouched.
  if (kind == Op::multiply && n == 1) return value(op[0], op.at(0), depth + 1);
  if (kind == Op::subtract && n == 1) kind = Op::negative;
  // JavaScript's odd arities (Math.min() is Infinity, a - b - c ignores c) are the fallback's.
  const bool variadic = kind == Op::add || kind == Op::negative || kind == Op::multiply;
  if (kind == Op::minimum || kind == Op::maximum ? n == 0 : !variadic && n != 2)
    return std::nullopt;
  auto operands = values(op, 0, depth);
  if (!operands) return std::nullopt;
  return fold(add_node(node_of(kind), *operands));
}

std::optional<std::int32_t> Compiler::choose(const Operation& op, std::size_t depth,
                                             bool for_truth) {
  std::vector<std::int32_t> parts;
  for (std::size_t i = 0; i < op.size(); ++i) {
    const bool is_condition = i % 2 == 0 && i + 1 < op.size();
    if (is_condition || for_truth) {
      parts.push_back(truth(op[i], op.at(i), depth + 1));
      continue;
    }
    const auto branch = value(op[i], op.at(i), depth + 1);
    if (!branch) return std::nullopt;
    parts.push_back(*branch);
  }
  return fold(add_node(node_of(Op::choose), parts));
}

std::optional<std::vector<std::int32_t>> Compiler::values(const Operation& op, std::size_t from,
                                                          std::size_t depth) {
  std::vector<std::int32_t> out;
  for (std::size_t i = from; i < op.size(); ++i) {
    const auto operand = value(op[i], op.at(i), depth + 1);
    if (!operand) return std::nullopt;
    out.push_back(*operand);
  }
  return out;
}

VarRef Compiler::resolve_var(const Operation& op) {
  const bool listed = op.raw.is_array();
  const json* name = listed ? (op.raw.empty() ? nullptr : &op.raw[0]) : &op.raw;
  VarRef ref;
  if (listed && op.raw.size() >= 2) ref.default_value = &op.raw[1];
  if (name == nullptr || name->is_null() ||
      (name->is_string() && name->get_ref<const std::string&>().empty()))
    fail("\"var\" must name a fact; reading the whole data is not supported", op.where);
  if (name->is_string())
    ref.name = name->get<std::string>();
  else if (name->is_number() || name->is_boolean())
    ref.name = name->dump();
  else
    fail("\"var\" must name a fact literally; computed names are not supported", op.where);
  ref.slot = resolve_fact(ref.name, op.where);
  return ref;
}

int Compiler::resolve_fact(const std::string& name, const Where& where) {
  const int slot = m_schema.slot_of(name);
  if (slot < 0) fail(fmt::format("unknown fact '{}'{}", name, m_schema.did_you_mean(name)), where);
  use_slot(slot);
  return slot;
}

std::optional<std::int32_t> Compiler::fact(const Operation& op) {
  const VarRef ref = resolve_var(op);
  Node node = node_of(Op::fact);
  node.slot = ref.slot;
  // A default never stands in for a fact that is unknown: the rep could still
  // answer, and a result must not change when they do. So it is unused, and
  // only a computed one needs the fallback, to check what it reads.
  if (ref.default_value != nullptr && !is_scalar(*ref.default_value)) return std::nullopt;
  return add_node(node);
}

// An enum fact compared with text it can never hold is a typo that would
// silently never match.
void Compiler::check_enum_constant(std::int32_t fact, const Constant& constant,
                                   const Where& where) const {
  const Node& f = m_program.nodes[static_cast<std::size_t>(fact)];
  if (f.op != Op::fact || constant.kind != Value::Kind::string) return;
  if (m_schema.spec(f.slot).type != FactType::enumeration) return;
  const std::string text = m_program.text.substr(constant.offset, constant.length);
  const auto converted = m_schema.value_from_json(f.slot, text);
  if (!converted.ok()) fail(converted.error().message, where);
}

std::int32_t Compiler::fallback(const json& logic, const Where& where) {
  Fallback fallback{logic, {}};
  collect_reads(logic, where, 0, fallback);
  if (fallback.reads.empty()) {
    // Reads no fact: settle it now, and report what cannot run.
    const auto result = json_logic::apply(logic, json::object());
    if (!result.ok()) fail(result.error().message, where, result.error().pointer);
    return add_constant(Value::of(json_logic::truthy(result.value())));
  }
  try_fallback(fallback, where);
  m_program.fallbacks.push_back(std::move(fallback));
  Node node = node_of(Op::fallback);
  node.extra = static_cast<std::uint32_t>(m_program.fallbacks.size() - 1);
  return add_node(node);
}

// Runs a fallback that reads facts on a few combinations of values worth
// trying for them (at most k_max_trials, and no more once the tries took
// json_logic::k_max_steps between them), so that a condition over the
// evaluation budget is refused here, when the playbook loads, instead of
// failing (as unknown) each time it is evaluated.
void Compiler::try_fallback(const Fallback& fallback, const Where& where) const {
  std::vector<std::vector<Value>> domains;
  for (const auto& read : fallback.reads) {
    std::set<double> boundaries;
    collect_boundaries(fallback.logic, read.name, boundaries);
    domains.push_back(values_worth_trying(m_schema, read.slot, boundaries));
    if (domains.back().empty()) domains.back().push_back(Value::of(std::string_view()));
  }
  std::vector<std::size_t> choice(domains.size(), 0);
  std::size_t steps = 0;
  for (std::size_t trial = 0; trial < k_max_trials && steps <= json_logic::k_max_steps; ++trial) {
    json data = json::object();
    for (std::size_t i = 0; i < domains.size(); ++i)
      data[fallback.reads[i].name] = FactSchema::value_to_json(domains[i][choice[i]]);
    json_logic::Usage usage;
    const auto result = json_logic::apply(fallback.logic, data, &usage);
    if (usage.exceeded) fail(result.error().message, where, result.error().pointer);
    steps += usage.steps;
    std::size_t i = 0;
    while (i < choice.size() && ++choice[i] == domains[i].size()) choice[i++] = 0;
    if (i == choice.size()) return;
  }
}

void Compiler::collect_reads(const json& logic, const Where& where, std::size_t depth,
                             Fallback& into) {
  check_depth(depth, where);
  if (logic.is_array()) {
    for (std::size_t i = 0; i < logic.size(); ++i)
      collect_reads(logic[i], Where(where, i), depth + 1, into);
    return;
  }
  if (!json_logic::is_operation(logic)) return;
  const Operation op(logic, where);
  if (!is_operator(op.name)) fail(fmt::format("unknown operator '{}'", op.name), where);
  if (op.name == "var") {
    const VarRef ref = resolve_var(op);
    add_read(into, ref.slot);
    if (ref.default_value != nullptr) collect_reads(*ref.default_value, op.at(1), depth + 1, into);
    return;
  }
  if (op.name == "missing" || op.name == "missing_some") return collect_missing(op, into);
  for (std::size_t i = 0; i < op.size(); ++i)
    if (!is_scoped_argument(op.name, i)) collect_reads(op[i], op.at(i), depth + 1, into);
}

// missing and missing_some name the facts they read in a list of strings:
// {"missing": ["a", "b"]}, {"missing": [["a", "b"]]}, {"missing_some": [1, ["a", "b"]]}.
void Compiler::collect_missing(const Operation& op, Fallback& into) {
  const auto listed = [&](const json& name, const Where& where) {
    if (!name.is_string())
      fail(fmt::format("\"{}\" must list fact names literally", op.name), where);
    add_read(into, resolve_fact(name.get<std::string>(), where));
  };
  if (op.name == "missing" && !(op.size() == 1 && op[0].is_array())) {
    for (std::size_t i = 0; i < op.size(); ++i) listed(op[i], op.at(i));
    return;
  }
  const std::size_t at = op.name == "missing" ? 0 : 1;
  if (op.name == "missing_some" && op.size() != 2)
    fail("\"missing_some\" needs a count and a list of facts", op.where);
  const json& names = op[at];
  if (!names.is_array())
    fail(fmt::format("\"{}\" must list fact names literally", op.name), op.at(at));
  const Where list = op.at(at);
  for (std::size_t i = 0; i < names.size(); ++i) listed(names[i], Where(list, i));
}

void Compiler::add_read(Fallback& into, int slot) {
  for (const auto& read : into.reads)
    if (read.slot == slot) return;
  into.reads.push_back({slot, m_schema.spec(slot).id});
}

Constant Compiler::make_constant(const json& literal) {
  Constant constant;
  if (literal.is_boolean()) {
    constant.kind = Value::Kind::boolean;
    constant.boolean = literal.get<bool>();
  } else if (literal.is_number()) {
    constant.kind = Value::Kind::number;
    constant.number = literal.get<double>();
  } else if (literal.is_string()) {
    const auto& text = literal.get_ref<const std::string&>();
    constant.kind = Value::Kind::string;
    constant.offset = static_cast<std::uint32_t>(m_program.text.size());
    constant.length = static_cast<std::uint32_t>(text.size());
    m_program.text += text;
  }
  return constant;
}

std::int32_t Compiler::add_node(Node node, const std::vector<std::int32_t>& args) {
  node.first = static_cast<std::uint32_t>(m_program.args.size());
  node.count = static_cast<std::uint32_t>(args.size());
  m_program.args.insert(m_program.args.end(), args.begin(), args.end());
  m_program.nodes.push_back(node);
  return static_cast<std::int32_t>(m_program.nodes.size() - 1);
}

std::int32_t Compiler::add_constant(const Value& value) {
  Constant constant;
  constant.kind = value.kind;
  constant.boolean = value.boolean;
  constant.number = value.number;
  if (value.kind == Value::Kind::string) {
    // Values computed from constants point into the program's own text.
    constant.offset = static_cast<std::uint32_t>(value.string.data() - m_program.text.data());
    constant.length = static_cast<std::uint32_t>(value.string.size());
  }
  return add_node(constant_node(constant));
}

// An operation on constants alone is computed once, here.
std::int32_t Compiler::fold(std::int32_t index) {
  const Node node = m_program.nodes[static_cast<std::size_t>(index)];
  for (std::uint32_t i = 0; i < node.count; ++i) {
    const auto arg = static_cast<std::size_t>(m_program.args[node.first + i]);
    if (m_program.nodes[arg].op != Op::constant) return index;
  }
  const Evaluator evaluator(m_program, {});
  const Value value = evaluator.value(index);
  m_program.nodes.resize(static_cast<std::size_t>(index));
  m_program.args.resize(node.first);
  return add_constant(value);
}

void Compiler::use_slot(int slot) {
  if (std::find(m_program.slots.begin(), m_program.slots.end(), slot) == m_program.slots.end())
    m_program.slots.push_back(slot);
  m_program.fact_count = std::max(m_program.fact_count, static_cast<std::size_t>(slot) + 1);
}

}  // namespace

Result<Program> compile_program(const json& logic, const FactSchema& schema) {
  Program program;
  try {
    Compiler compiler(schema, program);
    program.root = compiler.truth(logic, Where(), 0);
  } catch (const CompileError& error) {
    return error.diagnostic;
  }
  program.entry = link_steps(program, schema);
  return program;
}

}  // namespace closecoach::condition_detail
