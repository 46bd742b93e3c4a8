// The linter's checks of rules: what their conditions read and compare, what
// they set, whether they can fire, and whether derived facts go in circles.

#include <closecoach/condition.hpp>
#include <closecoach/expression.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <map>
#include <set>

#include "playbook_lint_internal.hpp"

namespace closecoach::lint {

namespace {

using nlohmann::json;

// A fact a condition reads, and the JSON pointer (inside the condition) of
// the operation that reads it.
struct Read {
  std::string fact;
  std::string pointer;
};

// Operations whose later arguments read the elements of the first, not facts.
bool is_scoped(std::string_view op) {
  return op == "map" || op == "filter" || op == "reduce" || op == "all" || op == "some" ||
         op == "none";
}

bool is_operation(const json& logic) { return logic.is_object() && logic.size() == 1; }

// The operator and arguments of an operation.
std::pair<const std::string&, const json&> operation_of(const json& logic) {
  const auto it = logic.begin();
  return {it.key(), it.value()};
}

std::string var_name(const json& args) {
  const json& name = args.is_array() && !args.empty() ? args[0] : args;
  if (name.is_string()) return name.get<std::string>();
  if (name.is_number()) return name.dump();
  return {};
}

void collect_names(const json& names, const std::string& pointer, std::vector<Read>& out) {
  if (names.is_string()) out.push_back({names.get<std::string>(), pointer});
  if (!names.is_array()) return;
  for (std::size_t i = 0; i < names.size(); ++i)
    collect_names(names[i], fmt::format("{}/{}", pointer, i), out);
}

void collect_reads(const json& logic, const std::string& pointer, std::vector<Read>& out) {
  if (logic.is_array()) {
    for (std::size_t i = 0; i < logic.size(); ++i)
      collect_reads(logic[i], fmt::format("{}/{}", pointer, i), out);
    return;
  }
  if (!is_operation(logic)) return;
  const auto& [op, args] = operation_of(logic);
  const std::string at = pointer + "/" + json_pointer_token(op);
  if (op == "var") {
    if (const std::string name = var_name(args); !name.empty()) out.push_back({name, pointer});
  } else if (op == "missing") {
    collect_names(args, at, out);
  } else if (op == "missing_some") {
    if (args.is_array() && args.size() == 2) collect_names(args[1], at + "/1", out);
  } else if (is_scoped(op)) {
    if (args.is_array() && !args.empty()) collect_reads(args[0], at + "/0", out);
  } else {
    collect_reads(args, at, out);
  }
}

std::string type_description(FactType type) {
  switch (type) {
    case FactType::boolean:
      return "true or false";
    case FactType::enumeration:
      return "an enum";
    case FactType::string:
      return "text";
    case FactType::integer:
      return "an integer";
    case FactType::number:
      return "a number";
  }
  return {};
}

bool is_ordering(std::string_view op) { return op == "<" || op == "<=" || op == ">" || op == ">="; }
bool is_equality(std::string_view op) {
  return op == "==" || op == "===" || op == "!=" || op == "!==";
}
bool is_literal(const json& value) {
  return !value.is_object() && !value.is_array() && !value.is_null();
}

void collect_strings(const json& logic, std::set<std::string>& strings) {
  if (logic.is_string()) strings.insert(logic.get<std::string>());
  if (logic.is_structured())
    for (const auto& item : logic) collect_strings(item, strings);
}

// Checks one rule's condition.
class RuleChecker {
 public:
  RuleChecker(const Playbook& playbook, const FactSchema& schema, const Rule& rule,
              Reporter& reporter)
      : m_playbook(playbook), m_schema(schema), m_rule(rule), m_reporter(reporter) {
    collect_reads(rule.logic, "", m_reads);
    if (rule.when.is_string())
      m_spans = parse_located_expression(rule.when.get_ref<const std::string&>()).spans;
  }

  const std::vector<Read>& reads() const { return m_reads; }

  // Reports each unknown fact; true when every fact read is known.
  bool check_facts() {
    bool known = true;
    std::set<std::string> reported;
    for (const auto& read : m_reads) {
      if (m_playbook.find_fact(read.fact) != nullptr || !reported.insert(read.fact).second)
        continue;
      known = false;
      report(Severity::error, read.pointer,
             fmt::format("in rule '{}': unknown fact '{}'{}", m_rule.id, read.fact,
                         m_schema.did_you_mean(read.fact)));
    }
    return known;
  }

  // Reports the values the condition compares facts with but they cannot
  // take; true when there is none.
  bool check_values(const json& logic) {
    m_values_ok = true;
    walk_values(logic, "");
    return m_values_ok;
  }
  void check_fires();
  void check_set();

  // At the node `logic_pointer` names inside the condition: inside an
  // expression string, where the node (or its nearest ancestor) is written.
  void report(Severity severity, const std::string& logic_pointer, std::string message) {
    const std::string when = m_rule.pointer + "/when";
    if (!m_rule.when.is_string()) {
      m_reporter.at(severity, when + logic_pointer, std::move(message));
      return;
    }
    std::string pointer = logic_pointer;
    auto found = m_spans.find(pointer);
    while (found == m_spans.end() && !pointer.empty()) {
      pointer.erase(pointer.rfind('/'));
      found = m_spans.find(pointer);
    }
    m_reporter.in_string(severity, when, found == m_spans.end() ? 0 : found->second.begin,
                         std::move(message));
  }

 private:
  void value_error(const std::string& pointer, std::string message) {
    m_values_ok = false;
    report(Severity::error, pointer, std::move(message));
  }

  const FactSpec* fact_of(const json& operand) const {
    if (!operand.is_object() || !operand.contains("var") || operand.size() != 1) return nullptr;
    const Fact* fact = m_playbook.find_fact(var_name(operand["var"]));
    return fact == nullptr ? nullptr : &fact->spec;
  }

  void check_literal(const FactSpec& spec, const json& literal, const std::string& pointer) {
    if (!is_literal(literal)) return;
    if (auto checked = m_schema.check_value(m_schema.slot_of(spec.id), literal); !checked.ok())
      value_error(pointer, fmt::format("in rule '{}': {}", m_rule.id, checked.error().message));
  }

  void walk_values(const json& logic, const std::string& pointer);
  void check_comparison(std::string_view op, const json& args, const std::string& at);
  void check_ordering(std::string_view op, const json& args, const std::string& at);
  std::vector<Value> domain(int slot, const std::set<std::string>& strings);

  const Playbook& m_playbook;
  const FactSchema& m_schema;
  const Rule& m_rule;
  Reporter& m_reporter;
  std::vector<Read> m_reads;
  std::map<std::string, ExpressionSpan> m_spans;  // of the nodes of an expression string
  std::deque<std::string> m_strings;              // keeps the string Values of check_fires alive
  bool m_values_ok = true;
};

void RuleChecker::check_comparison(std::string_view op, const json& args, const std::string& at) {
  if (is_equality(op) && args.size() == 2) {
    for (std::size_t side = 0; side < 2; ++side)
      if (const FactSpec* spec = fact_of(args[side]))
        check_literal(*spec, args[1 - side], fmt::format("{}/{}", at, 1 - side));
  } else if (op == "in" && args.size() == 2 && args[1].is_array()) {
    if (const FactSpec* spec = fact_of(args[0]))
      for (std::size_t i = 0; i < args[1].size(); ++i)
        check_literal(*spec, args[1][i], fmt::format("{}/1/{}", at, i));
  } else if (is_ordering(op)) {
    check_ordering(op, args, at);
  }
}

void RuleChecker::check_ordering(std::string_view op, const json& args, const std::string& at) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const FactSpec* spec = fact_of(args[i]);
    if (spec == nullptr) continue;
    if (spec->type != FactType::integer && spec->type != FactType::number) {
      value_error(fmt::format("{}/{}", at, i),
                  fmt::format("in rule '{}': '{}' compares numbers, but fact '{}' is {}", m_rule.id,
                              op, spec->id, type_description(spec->type)));
      continue;
    }
    for (std::size_t j = 0; j < args.size(); ++j)
      if (is_literal(args[j]) && !args[j].is_number())
        value_error(
            fmt::format("{}/{}", at, j),
            fmt::format("in rule '{}': fact '{}' is compared with {}, which is not a number",
                        m_rule.id, spec->id, literal_text(args[j])));
  }
}

void RuleChecker::walk_values(const json& logic, const std::string& pointer) {
  if (logic.is_array()) {
    for (std::size_t i = 0; i < logic.size(); ++i)
      walk_values(logic[i], fmt::format("{}/{}", pointer, i));
    return;
  }
  if (!is_operation(logic)) return;
  const auto& [op, args] = operation_of(logic);
  if (op == "var" || op == "missing" || op == "missing_some") return;
  const std::string at = pointer + "/" + json_pointer_token(op);
  if (is_scoped(op)) {
    if (args.is_array() && !args.empty()) walk_values(args[0], at + "/0");
    return;
  }
  if (args.is_array()) check_comparison(op, args, at);
  walk_values(args, at);
}

void RuleChecker::check_set() {
  for (const auto& [fact_id, value] : m_rule.set) {
    const int slot = m_schema.slot_of(fact_id);
    if (slot < 0) continue;
    if (auto checked = m_schema.check_value(slot, value); !checked.ok())
      m_reporter.at(Severity::error, m_rule.pointer + "/set/" + json_pointer_token(fact_id),
                    fmt::format("in rule '{}': {}", m_rule.id, checked.error().message));
  }
}

// The values worth trying for `slot` (values_worth_trying); for a string
// fact, the condition's strings and one other; a derived fact may also be
// null (no rule set it).
std::vector<Value> RuleChecker::domain(int slot, const std::set<std::string>& strings) {
  const FactSpec& spec = m_schema.spec(slot);
  std::set<double> boundaries;
  collect_boundaries(m_rule.logic, spec.id, boundaries);
  std::vector<Value> values = values_worth_trying(m_schema, slot, boundaries);
  if (spec.type == FactType::string) {
    for (const auto& text : strings)
      values.push_back(Value::of(std::string_view(m_strings.emplace_back(text))));
    values.push_back(Value::of(std::string_view(m_strings.emplace_back("\x1f"))));
  }
  if (spec.derived) values.push_back(Value::null_value());
  return values;
}

// Whether trying the values of `domain` decides the condition: it compares
// facts with constants and combines the comparisons logically, no arithmetic.
bool analysable(const json& logic) {
  if (logic.is_array()) return std::all_of(logic.begin(), logic.end(), analysable);
  if (!logic.is_object()) return true;
  if (!is_operation(logic)) return false;
  const auto& [op, args] = operation_of(logic);
  if (op == "var") return !var_name(args).empty() && (!args.is_array() || args.size() == 1);
  if (op == "in")
    return args.is_array() && args.size() == 2 && args[1].is_array() && analysable(args);
  static const std::set<std::string, std::less<>> k_logical{
      "==", "===", "!=", "!==", "<", "<=", ">", ">=", "!", "!!", "and", "or", "if", "?:"};
  return k_logical.contains(op) && analysable(args);
}

constexpr std::size_t k_max_combinations = std::size_t{1} << 16;
// What trying them may cost: combinations times the condition's size (a rule
// of 100,000 comparisons over 16 bools would take minutes).
constexpr std::size_t k_max_search_work = std::size_t{1} << 24;

bool fires_for_some(const Condition& condition, const std::vector<std::vector<Value>>& domains,
                    std::vector<Value>& facts) {
  const auto& slots = condition.slots();
  std::vector<std::size_t> choice(slots.size(), 0);
  while (true) {
    for (std::size_t i = 0; i < slots.size(); ++i)
      facts[static_cast<std::size_t>(slots[i])] = domains[i][choice[i]];
    if (condition.evaluate(facts) != Truth::no) return true;
    std::size_t i = 0;
    while (i < slots.size() && ++choice[i] == domains[i].size()) choice[i++] = 0;
    if (i == slots.size()) return false;
  }
}

void RuleChecker::check_fires() {
  auto condition = Condition::compile(m_rule.logic, m_schema);
  if (!condition.ok()) {
    report(Severity::error, condition.error().pointer,
           fmt::format("in rule '{}': {}", m_rule.id, condition.error().message));
    return;
  }
  if (!analysable(m_rule.logic)) return;
  std::set<std::string> strings;
  collect_strings(m_rule.logic, strings);
  std::vector<std::vector<Value>> domains;
  std::vector<std::string> names;
  std::size_t combinations = 1;
  for (const int slot : condition->slots()) {
    domains.push_back(domain(slot, strings));
    names.push_back(m_schema.spec(slot).id);
    combinations *= std::max<std::size_t>(domains.back().size(), 1);
    if (domains.back().empty() || combinations > k_max_combinations) return;
  }
  if (combinations * std::max<std::size_t>(condition->size(), 1) > k_max_search_work) return;
  std::vector<Value> facts(m_schema.size());
  if (fires_for_some(*condition, domains, facts)) return;
  const std::string why =
      names.empty()
          ? "its condition is always false"
          : fmt::format("its condition is false whatever the values of {}", join_names(names));
  m_reporter.at(Severity::warning, m_rule.pointer + "/when",
                fmt::format("rule '{}' can never fire: {}", m_rule.id, why));
}

// Derived facts that depend on themselves: X is set by a rule that reads Y,
// which is set by a rule that reads X.
class CycleFinder {
 public:
  struct Edge {
    std::string to;
    const Rule* rule;
    std::string pointer;  // of the read inside the rule's condition
  };

  void add(const std::string& from, Edge edge) { m_edges[from].push_back(std::move(edge)); }

  void report(Reporter& reporter, const Playbook& playbook, const FactSchema& schema) {
    for (const auto& [fact, edges] : m_edges) visit(fact);
    for (const auto& cycle : m_cycles) {
      const Edge& edge = edge_between(cycle[0], cycle[1]);
      RuleChecker checker(playbook, schema, *edge.rule, reporter);
      checker.report(Severity::error, edge.pointer,
                     fmt::format("derived fact '{}' depends on itself: {}", cycle[0],
                                 fmt::join(cycle, " -> ")));
    }
  }

 private:
  void visit(const std::string& fact) {
    if (m_done.contains(fact)) return;
    if (const auto on_path = std::find(m_path.begin(), m_path.end(), fact);
        on_path != m_path.end()) {
      std::vector<std::string> cycle(on_path, m_path.end());
      std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
      cycle.push_back(cycle.front());
      if (std::find(m_cycles.begin(), m_cycles.end(), cycle) == m_cycles.end())
        m_cycles.push_back(cycle);
      return;
    }
    m_path.push_back(fact);
    for (const auto& edge : m_edges[fact]) visit(edge.to);
    m_path.pop_back();
    m_done.insert(fact);
  }

  const Edge& edge_between(const std::string& from, const std::string& to) {
    const auto& edges = m_edges[from];
    return *std::find_if(edges.begin(), edges.end(),
                         [&](const Edge& edge) { return edge.to == to; });
  }

  std::map<std::string, std::vector<Edge>> m_edges;
  std::vector<std::string> m_path;
  std::set<std::string> m_done;
  std::vector<std::vector<std::string>> m_cycles;
};

}  // namespace

void check_rule_facts(const Playbook& playbook, const FactSchema& schema, const Rule& rule,
                      Reporter& reporter) {
  RuleChecker(playbook, schema, rule, reporter).check_facts();
}

std::set<std::string> facts_used(const Rule& rule) {
  std::vector<Read> reads;
  collect_reads(rule.logic, "", reads);
  std::set<std::string> facts;
  for (auto& read : reads) facts.insert(std::move(read.fact));
  for (const auto& [fact, value] : rule.set) facts.insert(fact);
  return facts;
}

void check_rules(const Playbook& playbook, const FactSchema& schema, Reporter& reporter) {
  CycleFinder cycles;
  for (const auto& rule : playbook.rules) {
    RuleChecker checker(playbook, schema, rule, reporter);
    checker.check_set();
    if (!checker.check_facts()) continue;
    if (checker.check_values(rule.logic)) checker.check_fires();
    for (const auto& [fact, value] : rule.set)
      for (const auto& read : checker.reads())
        if (schema.spec(schema.slot_of(read.fact)).derived)
          cycles.add(fact, {read.fact, &rule, read.pointer});
  }
  cycles.report(reporter, playbook, schema);
}

}  // namespace closecoach::lint
