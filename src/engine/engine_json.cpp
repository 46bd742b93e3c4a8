// The contract's JSON shapes for advice, why-not reports and questions.

#include <fmt/format.h>

#include "engine_internal.hpp"

namespace closecoach {

using nlohmann::json;

namespace {

json text_json(const Text& text, std::string_view language) { return text_in(text, language); }

json class_json(const Engine::Compiled& compiled, const Advice& advice) {
  const int slot = compiled.schema.slot_of(k_customer_class_fact);
  if (slot < 0) return nullptr;
  return FactSchema::value_to_json(advice.facts[static_cast<std::size_t>(slot)]);
}

json move_json(const Engine::Compiled& compiled, const Move& move, std::string_view language) {
  const Technique& technique =
      compiled.playbook.techniques[static_cast<std::size_t>(move.technique)];
  json because = json::array();
  json rules = json::array();
  for (const int rule : move.rules) {
    because.push_back(
        text_json(compiled.playbook.rules[static_cast<std::size_t>(rule)].because, language));
    rules.push_back(compiled.playbook.rules[static_cast<std::size_t>(rule)].id);
  }
  return {{"technique", technique.id},
          {"name", text_json(technique.name, language)},
          {"summary", text_json(technique.summary, language)},
          {"say", text_in(technique.say, language)},
          {"because", std::move(because)},
          {"rules", std::move(rules)}};
}

json warning_json(const Engine::Compiled& compiled, const RaisedWarning& raised,
                  std::string_view language) {
  const Warning& warning = compiled.playbook.warnings[static_cast<std::size_t>(raised.warning)];
  json out{{"id", warning.id}, {"text", text_json(warning.text, language)}};
  if (raised.rule >= 0)
    out["rule"] = compiled.playbook.rules[static_cast<std::size_t>(raised.rule)].id;
  if (raised.technique >= 0)
    out["technique"] = compiled.playbook.techniques[static_cast<std::size_t>(raised.technique)].id;
  return out;
}

json branches_json(const Engine::Compiled& compiled, const std::vector<Branch>& branches) {
  json out = json::array();
  for (const Branch& branch : branches)
    out.push_back(
        {{"value", FactSchema::value_to_json(branch.value)},
         {"top",
          branch.top < 0
              ? json(nullptr)
              : json(compiled.playbook.techniques[static_cast<std::size_t>(branch.top)].id)}});
  return out;
}

const char* truth_name(Truth truth) {
  return truth == Truth::yes ? "true" : truth == Truth::no ? "false" : "unknown";
}

}  // namespace

json Engine::to_json(const Advice& advice, std::string_view language) const {
  const Compiled& compiled = *m_compiled;
  json moves = json::array();
  for (const Move& move : advice.moves) moves.push_back(move_json(compiled, move, language));
  json avoid = json::array();
  for (const Avoidance& avoidance : advice.avoid) {
    const Rule& rule = compiled.playbook.rules[static_cast<std::size_t>(avoidance.rule)];
    avoid.push_back(
        {{"technique",
          compiled.playbook.techniques[static_cast<std::size_t>(avoidance.technique)].id},
         {"because", text_json(rule.because, language)},
         {"rule", rule.id}});
  }
  json warnings = json::array();
  for (const RaisedWarning& raised : advice.warnings)
    warnings.push_back(warning_json(compiled, raised, language));
  json assumed = json::object();
  for (const int slot : advice.assumed)
    assumed[compiled.schema.spec(slot).id] =
        FactSchema::value_to_json(advice.facts[static_cast<std::size_t>(slot)]);
  json next_question = nullptr;
  if (advice.next_question >= 0) {
    next_question = question_json(advice.next_question, language);
    next_question["branches"] = branches_json(compiled, advice.branches);
  }
  return {{"class", class_json(compiled, advice)},
          {"settled", advice.settled},
          {"next_question", std::move(next_question)},
          {"assumed", std::move(assumed)},
          {"moves", std::move(moves)},
          {"avoid", std::move(avoid)},
          {"warnings", std::move(warnings)}};
}

json Engine::question_json(int slot, std::string_view language) const {
  const Compiled& compiled = *m_compiled;
  const FactSpec& spec = compiled.schema.spec(slot);
  const Fact* fact = compiled.playbook.find_fact(spec.id);
  json choices = json::array();
  auto label_of = [&](const std::string& value) -> json {
    const auto label = fact->labels.find(value);
    return label == fact->labels.end() ? json(value) : text_json(label->second, language);
  };
  if (spec.type == FactType::enumeration) {
    for (const auto& value : spec.values)
      choices.push_back({{"value", value}, {"label", label_of(value)}});
  } else if (spec.type == FactType::boolean) {
    choices.push_back({{"value", true}, {"label", label_of("true")}});
    choices.push_back({{"value", false}, {"label", label_of("false")}});
  }
  return {{"fact", spec.id},
          {"type", fact_type_name(spec.type)},
          {"text", text_json(fact->question, language)},
          {"help", text_json(fact->help, language)},
          {"choices", std::move(choices)}};
}

json Engine::to_json(const WhyNot& why_not, const Advice& advice, std::string_view language) const {
  const Compiled& compiled = *m_compiled;
  const auto& rules = compiled.playbook.rules;
  json reports = json::array();
  for (const auto& report : why_not.rules) {
    json failed = json::array();
    for (const auto& condition : report.failed) {
      json facts = json::object();
      for (const auto& [slot, value] : condition.facts)
        facts[compiled.schema.spec(slot).id] = FactSchema::value_to_json(value);
      failed.push_back({{"condition", condition.condition},
                        {"result", truth_name(condition.truth)},
                        {"facts", std::move(facts)}});
    }
    const Rule& rule = rules[static_cast<std::size_t>(report.rule)];
    reports.push_back({{"rule", rule.id},
                       {"priority", rule.priority},
                       {"fired", truth_name(report.truth)},
                       {"because", text_json(rule.because, language)},
                       {"failed", std::move(failed)}});
  }
  auto rule_list = [&](const std::vector<int>& list) {
    json out = json::array();
    for (const int rule : list)
      out.push_back(
          {{"rule", rules[static_cast<std::size_t>(rule)].id},
           {"because", text_json(rules[static_cast<std::size_t>(rule)].because, language)}});
    return out;
  };
  const bool recommended =
      !advice.moves.empty() && advice.moves.front().technique == why_not.technique;
  return {
      {"technique", compiled.playbook.techniques[static_cast<std::size_t>(why_not.technique)].id},
      {"recommended", recommended},
      {"rules", std::move(reports)},
      {"avoided_by", rule_list(why_not.avoided_by)},
      {"outranked_by", rule_list(why_not.outranked_by)}};
}

}  // namespace closecoach
