#include <closecoach/engine.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

#include "engine_internal.hpp"

namespace closecoach {

using nlohmann::json;

namespace {

Diagnostic in_rule(const Rule& rule, Diagnostic diagnostic) {
  diagnostic.message = fmt::format("in rule '{}': {}", rule.id, diagnostic.message);
  diagnostic.pointer = rule.pointer + "/when" + diagnostic.pointer;
  return diagnostic;
}

// The values the settledness search tries for fact `slot`: those that meet
// every outcome of the rules' comparisons; one text for a string fact, which
// conditions compare with nothing the engine knows of.
std::vector<Value> domain_of(const FactSchema& schema, int slot, const std::vector<Rule>& rules) {
  const FactType type = schema.spec(slot).type;
  if (type == FactType::string) return {Value::of(std::string_view())};
  std::set<double> boundaries;  // only numbers have any: walking every rule for each fact was slow
  if (type == FactType::integer || type == FactType::number)
    for (const auto& rule : rules) collect_boundaries(rule.logic, schema.spec(slot).id, boundaries);
  return values_worth_trying(schema, slot, boundaries);
}

// Why fact `fact` cannot have its `assume` value, or nothing when it can.
std::optional<std::string> bad_assumption(const FactSchema& schema, const Fact& fact) {
  if (fact.spec.derived)
    return fmt::format("fact '{}' is derived, so never unanswered: it cannot have 'assume'",
                       fact.spec.id);
  auto checked = schema.check_value(schema.slot_of(fact.spec.id), *fact.assume);
  if (!checked.ok()) return fmt::format("'assume': {}", checked.error().message);
  return std::nullopt;
}

// How likely each value of `domain` is, from the fact's frequency (every
// value alike without one); an error when the frequency does not fit the fact.
Result<std::vector<double>> weights_of(const Fact& fact, const std::vector<Value>& domain) {
  std::vector<double> weights(domain.size(), 1.0);
  if (fact.frequency.empty()) return weights;
  const std::string& id = fact.spec.id;
  const std::string where = fact.pointer + "/frequency";
  const auto fail = [&](const std::string& why) {
    return make_error(fmt::format("fact '{}': {}", id, why), where);
  };
  if (fact.spec.derived ||
      (fact.spec.type != FactType::boolean && fact.spec.type != FactType::enumeration))
    return fail("'frequency' is only for a bool or enum fact that is asked");
  std::vector<std::string> words;
  for (const Value& value : domain) words.push_back(FactSchema::value_word(value));
  for (const auto& [word, weight] : fact.frequency) {
    if (std::find(words.begin(), words.end(), word) == words.end())
      return fail(fmt::format("'frequency' names '{}', which is not one of its values ({})", word,
                              fmt::join(words, ", ")));
    if (!(weight >= 0) || !std::isfinite(weight))
      return fail(fmt::format("the weight of '{}' must be a number, 0 or more", word));
  }
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto found = fact.frequency.find(words[i]);
    if (found == fact.frequency.end())
      return fail(fmt::format("'frequency' lacks '{}': give every value a weight", words[i]));
    weights[i] = found->second;
  }
  if (std::all_of(weights.begin(), weights.end(), [](double weight) { return weight == 0; }))
    return fail("'frequency' weighs every value 0");
  return weights;
}

}  // namespace

std::vector<json> conjuncts_of(const json& logic) {
  if (logic.is_object() && logic.size() == 1 && logic.contains("and") && logic["and"].is_array())
    return logic["and"].get<std::vector<json>>();
  return {logic};
}

Result<std::unique_ptr<Engine::Compiled>> compile_engine(Playbook playbook) {
  auto compiled = std::make_unique<Engine::Compiled>();
  compiled->schema = playbook.fact_schema();
  const auto& schema = compiled->schema;
  compiled->domains.resize(schema.size());
  compiled->derived_rules.resize(schema.size());
  compiled->avoid_rules.resize(playbook.techniques.size());
  for (std::size_t r = 0; r < playbook.rules.size(); ++r) {
    const Rule& rule = playbook.rules[r];
    auto condition = Condition::compile(rule.logic, schema);
    if (!condition.ok()) return in_rule(rule, condition.error());
    compiled->conditions.push_back(std::move(condition.value()));
    std::vector<int> targets;
    for (const auto& target : rule.targets) {
      const bool warning = rule.effect == RuleEffect::warn;
      targets.push_back(
          warning ? static_cast<int>(playbook.find_warning(target) - playbook.warnings.data())
                  : static_cast<int>(playbook.find_technique(target) - playbook.techniques.data()));
    }
    compiled->targets.push_back(std::move(targets));
    if (rule.effect == RuleEffect::recommend)
      compiled->recommend_order.push_back(static_cast<int>(r));
    for (const auto& [fact, value] : rule.set) {
      const int slot = schema.slot_of(fact);
      auto converted = schema.value_from_json(slot, value);
      if (!converted.ok())
        return make_error(fmt::format("in rule '{}': {}", rule.id, converted.error().message),
                          rule.pointer + "/set/" + fact);
      compiled->derived_rules[static_cast<std::size_t>(slot)].push_back(
          {static_cast<int>(r), *converted});
    }
    if (rule.effect == RuleEffect::avoid)
      for (const auto& target : rule.targets) {
        const auto* technique = playbook.find_technique(target);
        compiled->avoid_rules[static_cast<std::size_t>(technique - playbook.techniques.data())]
            .push_back(static_cast<int>(r));
      }
  }
  for (const auto& technique : playbook.techniques) {
    std::vector<int> warnings;
    for (const auto& id : technique.warn)
      warnings.push_back(static_cast<int>(playbook.find_warning(id) - playbook.warnings.data()));
    compiled->technique_warnings.push_back(std::move(warnings));
  }
  std::stable_sort(compiled->recommend_order.begin(), compiled->recommend_order.end(),
                   [&](int a, int b) {
                     return playbook.rules[static_cast<std::size_t>(a)].priority >
                            playbook.rules[static_cast<std::size_t>(b)].priority;
                   });
  for (std::size_t slot = 0; slot < schema.size(); ++slot) {
    if (schema.spec(static_cast<int>(slot)).derived)
      compiled->derived_slots.push_back(static_cast<int>(slot));
    else
      compiled->domains[slot] = domain_of(schema, static_cast<int>(slot), playbook.rules);
  }
  compiled->playbook = std::move(playbook);
  compiled->weights.resize(schema.size());
  for (const Fact& fact : compiled->playbook.facts) {
    const auto slot = static_cast<std::size_t>(schema.slot_of(fact.spec.id));
    auto weights = weights_of(fact, compiled->domains[slot]);
    if (!weights.ok()) return weights.error();
    compiled->weights[slot] = std::move(weights.value());
  }
  compiled->assumptions.resize(schema.size());
  for (const Fact& fact : compiled->playbook.facts) {
    if (!fact.assume) continue;
    if (auto bad = bad_assumption(schema, fact)) return make_error(*bad, fact.pointer + "/assume");
    const int slot = schema.slot_of(fact.spec.id);
    compiled->assumptions[static_cast<std::size_t>(slot)] =
        *schema.value_from_json(slot, *fact.assume);
  }
  return compiled;
}

Result<Engine> Engine::create(Playbook playbook) {
  auto compiled = compile_engine(std::move(playbook));
  if (!compiled.ok()) return compiled.error();
  return Engine(std::move(compiled.value()));
}

Engine::Engine(std::unique_ptr<Compiled> compiled) : m_compiled(std::move(compiled)) {}
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;
Engine::~Engine() = default;

const Playbook& Engine::playbook() const { return m_compiled->playbook; }
const FactSchema& Engine::schema() const { return m_compiled->schema; }
std::vector<Value> Engine::blank_facts() const { return std::vector<Value>(schema().size()); }

int Engine::technique_index(std::string_view id) const {
  const auto* technique = playbook().find_technique(id);
  return technique == nullptr ? -1 : static_cast<int>(technique - playbook().techniques.data());
}

Result<bool> Engine::read_answers(const json& answers, std::vector<Value>& facts) const {
  if (!answers.is_object()) return make_error("answers must be a JSON object of fact to value");
  for (const auto& [fact, value] : answers.items()) {
    const int slot = schema().slot_of(fact);
    const std::string pointer = "/" + fact;
    if (slot < 0 || schema().spec(slot).derived) {
      auto error = make_error(schema().describe_unknown(fact), pointer);
      return error;
    }
    if (value.is_null()) continue;  // not answered
    // Text as people type it ("Negotiation", "yes"), as in -a and CSV cells.
    auto converted = value.is_string()
                         ? schema().value_from_text(slot, value.get_ref<const std::string&>())
                         : schema().value_from_json(slot, value);
    if (!converted.ok()) return make_error(converted.error().message, pointer);
    facts[static_cast<std::size_t>(slot)] = *converted;
  }
  return true;
}

Result<bool> Engine::read_assignment(std::string_view assignment, std::vector<Value>& facts) const {
  const auto equals = assignment.find('=');
  if (equals == std::string_view::npos)
    return make_error(fmt::format("expected FACT=VALUE, not '{}'", assignment));
  const std::string fact(assignment.substr(0, equals));
  const int slot = schema().slot_of(fact);
  if (slot < 0 || schema().spec(slot).derived) return make_error(schema().describe_unknown(fact));
  auto converted = schema().value_from_text(slot, assignment.substr(equals + 1));
  if (!converted.ok()) return converted.error();
  facts[static_cast<std::size_t>(slot)] = *converted;
  return true;
}

}  // namespace closecoach
