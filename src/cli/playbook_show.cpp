// `closecoach playbook show`: the playbook read aloud, in one language.

#include <closecoach/expression.hpp>

#include <fmt/color.h>
#include <fmt/ostream.h>

#include <algorithm>

#include "common.hpp"
#include "playbook_commands.hpp"

namespace closecoach::cli {

namespace {

const auto k_heading = fmt::emphasis::bold;
const auto k_id = fmt::fg(fmt::terminal_color::cyan);

class Shower {
 public:
  Shower(const Playbook& playbook, std::string language, Context& context)
      : m_playbook(playbook),
        m_language(std::move(language)),
        m_context(context),
        m_out(context.io.out) {}

  void all() {
    fmt::print(m_out, "{}\n{}: {}\n", paint(m_context, k_heading, m_playbook.name),
               ui_text("languages", m_language), fmt::join(m_playbook.languages, ", "));
    heading("facts");
    for (const auto& fact : m_playbook.facts) this->fact(fact);
    heading("techniques");
    for (const auto& technique : m_playbook.techniques) this->technique(technique);
    heading("rules");
    for (const Rule* rule : tried_order()) this->rule(*rule);
    heading("playbook_warnings");
    for (const auto& warning : m_playbook.warnings) this->warning(warning);
  }

  void technique_with_rules(const Technique& technique) {
    this->technique(technique);
    heading("rules");
    for (const Rule* rule : tried_order())
      if (std::find(rule->targets.begin(), rule->targets.end(), technique.id) !=
              rule->targets.end() &&
          rule->effect != RuleEffect::warn)
        this->rule(*rule);
  }

  void rule(const Rule& rule) {
    fmt::print(m_out, "\n  {}: {}\n", paint(m_context, k_id, rule.id), effect(rule));
    const auto expression = to_expression(rule.logic);
    field("when", expression ? *expression : rule.logic.dump());
    field("why", text_in(rule.because, m_language));
    field("principle", rule.principle);
    field("seed", seed_title(rule.seed));
  }

 private:
  // "The hard close (000)": the playbook's title for a source, else its id.
  std::string seed_title(const std::string& seed) const {
    const auto title = m_playbook.seeds.find(seed);
    if (seed.empty() || title == m_playbook.seeds.end()) return seed;
    return fmt::format("{} ({})", text_in(title->second, m_language), seed);
  }

  std::string warning_name(const std::string& id) const {
    const Warning* warning = m_playbook.find_warning(id);
    if (warning == nullptr || text_in(warning->name, m_language).empty()) return id;
    return text_in(warning->name, m_language);
  }

  std::string warning_names(const std::vector<std::string>& ids) const {
    std::vector<std::string> names;
    for (const auto& id : ids) names.push_back(warning_name(id));
    return fmt::format("{}", fmt::join(names, ", "));
  }

  void heading(std::string_view key) {
    fmt::print(m_out, "\n{}\n", paint(m_context, k_heading, ui_text(key, m_language)));
  }

  void field(std::string_view key, std::string_view text) {
    if (!text.empty()) fmt::print(m_out, "    {}: {}\n", ui_text(key, m_language), text);
  }

  std::string value_text(const Fact& fact, const std::string& value) const {
    const auto label = fact.labels.find(value);
    if (label == fact.labels.end()) return value;
    return fmt::format("{} ({})", value, text_in(label->second, m_language));
  }

  void fact(const Fact& fact) {
    std::string kind(fact_type_name(fact.spec.type));
    if (fact.spec.minimum) kind += fmt::format(", >= {}", *fact.spec.minimum);
    if (fact.spec.maximum) kind += fmt::format(", <= {}", *fact.spec.maximum);
    if (fact.spec.derived) kind += fmt::format(", {}", ui_text("derived", m_language));
    fmt::print(m_out, "\n  {} ({})\n", paint(m_context, k_id, fact.spec.id), kind);
    field("question", text_in(fact.question, m_language));
    field("help", text_in(fact.help, m_language));
    std::vector<std::string> values = fact.spec.values;
    if (fact.spec.type == FactType::boolean) values = {"true", "false"};
    if (values.empty()) return;
    fmt::print(m_out, "    {}:\n", ui_text("values", m_language));
    for (const auto& value : values) fmt::print(m_out, "      - {}\n", value_text(fact, value));
  }

  void technique(const Technique& technique) {
    fmt::print(m_out, "\n  {}: {}\n", paint(m_context, k_id, technique.id),
               paint(m_context, k_heading, text_in(technique.name, m_language)));
    fmt::print(m_out, "    {}\n", text_in(technique.summary, m_language));
    field("use_when", text_in(technique.use_when, m_language));
    field("avoid_when", text_in(technique.avoid_when, m_language));
    fmt::print(m_out, "    {}:\n", ui_text("say", m_language));
    for (const auto& line : text_in(technique.say, m_language))
      fmt::print(m_out, "      > {}\n", line);
    field("risks", text_in(technique.risks, m_language));
    field("raises", warning_names(technique.warn));
    field("seed", seed_title(technique.seed));
  }

  void warning(const Warning& warning) {
    const std::string name = warning_name(warning.id);
    if (name == warning.id) {
      fmt::print(m_out, "\n  {}: {}\n", paint(m_context, k_id, warning.id),
                 text_in(warning.text, m_language));
    } else {
      fmt::print(m_out, "\n  {} ({})\n", paint(m_context, k_heading, name),
                 paint(m_context, k_id, warning.id));
      fmt::print(m_out, "    {}\n", text_in(warning.text, m_language));
    }
    field("seed", seed_title(warning.seed));
  }

  std::string effect(const Rule& rule) const {
    switch (rule.effect) {
      case RuleEffect::set: {
        std::vector<std::string> parts;
        for (const auto& [fact, value] : rule.set)
          parts.push_back(fmt::format(
              "{} = {}", fact,
              value.is_string() ? fmt::format("'{}'", value.get<std::string>()) : value.dump()));
        return fmt::format("{} {}", ui_text("sets", m_language), fmt::join(parts, ", "));
      }
      case RuleEffect::recommend:
        return fmt::format("{} {} ({} {})", ui_text("recommends", m_language),
                           fmt::join(rule.targets, ", "), ui_text("priority", m_language),
                           rule.priority);
      case RuleEffect::avoid:
        return fmt::format("{} {}", ui_text("avoids", m_language), fmt::join(rule.targets, ", "));
      case RuleEffect::warn:
        return fmt::format("{} {}", ui_text("warns", m_language), warning_names(rule.targets));
    }
    return {};
  }

  // Derivations first, then recommendations by priority, then avoid and warn rules.
  std::vector<const Rule*> tried_order() const {
    std::vector<const Rule*> rules;
    for (const auto& rule : m_playbook.rules) rules.push_back(&rule);
    std::stable_sort(rules.begin(), rules.end(), [](const Rule* a, const Rule* b) {
      if (a->effect != b->effect) return static_cast<int>(a->effect) < static_cast<int>(b->effect);
      return a->priority > b->priority;
    });
    return rules;
  }

  const Playbook& m_playbook;
  std::string m_language;
  Context& m_context;
  std::ostream& m_out;
};

template <class T>
std::string known_ids(const std::vector<T>& items) {
  std::vector<std::string> ids;
  for (const auto& item : items) ids.push_back(item.id);
  return fmt::format("{}", fmt::join(ids, ", "));
}

}  // namespace

void run_show(const ShowOptions& options, Context& context) {
  const Engine engine = load_engine(options.file);
  const Playbook& playbook = engine.playbook();
  Shower shower(playbook, resolve_language(options.lang), context);
  if (!options.technique.empty()) {
    const Technique* technique = playbook.find_technique(options.technique);
    if (technique == nullptr)
      fail(fmt::format("unknown technique '{}' (known: {})", options.technique,
                       known_ids(playbook.techniques)));
    shower.technique_with_rules(*technique);
  } else if (!options.rule.empty()) {
    const Rule* rule = playbook.find_rule(options.rule);
    if (rule == nullptr)
      fail(fmt::format("unknown rule '{}' (known: {})", options.rule, known_ids(playbook.rules)));
    shower.rule(*rule);
  } else {
    shower.all();
  }
}

}  // namespace closecoach::cli
