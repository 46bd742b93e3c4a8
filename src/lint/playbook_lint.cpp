#include <closecoach/engine.hpp>
#include <closecoach/json_text.hpp>
#include <closecoach/playbook_lint.hpp>
#include <closecoach/signals.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <set>
#include <string>

#include "playbook_lint_internal.hpp"

namespace closecoach {

namespace lint {

using nlohmann::json;

Reporter::Reporter(std::string_view text, std::string_view file_name, std::vector<Diagnostic>& out)
    : m_text(text), m_file(file_name), m_out(out) {}

const JsonLocator& Reporter::locator() {
  if (!m_locator) m_locator.emplace(m_text);
  return *m_locator;
}

Diagnostic& Reporter::add(Severity severity, const std::string& pointer, std::string message) {
  Diagnostic& diagnostic = m_out.emplace_back(make_error(std::move(message), pointer));
  diagnostic.severity = severity;
  diagnostic.file = m_file;
  return diagnostic;
}

void Reporter::at(Severity severity, const std::string& pointer, std::string message) {
  Diagnostic& diagnostic = add(severity, pointer, std::move(message));
  const TextPosition position = locator().locate_value(pointer);
  diagnostic.line = position.line;
  diagnostic.column = position.column;
}

void Reporter::in_string(Severity severity, const std::string& pointer, std::size_t offset,
                         std::string message) {
  Diagnostic& diagnostic = add(severity, pointer, std::move(message));
  const TextPosition position = position_in_string(m_text, locator().locate_value(pointer), offset);
  diagnostic.line = position.line;
  diagnostic.column = position.column;
}

bool Reporter::has_errors() const {
  return std::any_of(m_out.begin(), m_out.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

std::string literal_text(const json& value) {
  if (value.is_string()) return fmt::format("'{}'", value.get<std::string>());
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string join_names(const std::vector<std::string>& names) {
  if (names.size() <= 1) return names.empty() ? std::string() : names.front();
  std::vector<std::string> head(names.begin(), names.end() - 1);
  return fmt::format("{} and {}", fmt::join(head, ", "), names.back());
}

}  // namespace lint

namespace {

using lint::Reporter;

void check_unused(const Playbook& playbook, Reporter& reporter) {
  std::set<std::string, std::less<>> recommended;
  std::set<std::string, std::less<>> raised;
  for (const auto& rule : playbook.rules) {
    if (rule.effect == RuleEffect::recommend)
      recommended.insert(rule.targets.begin(), rule.targets.end());
    if (rule.effect == RuleEffect::warn) raised.insert(rule.targets.begin(), rule.targets.end());
  }
  for (const auto& technique : playbook.techniques)
    raised.insert(technique.warn.begin(), technique.warn.end());
  for (const auto& technique : playbook.techniques)
    if (!recommended.contains(technique.id))
      reporter.at(Severity::warning, technique.pointer + "/id",
                  fmt::format("technique '{}' is recommended by no rule", technique.id));
  for (const auto& warning : playbook.warnings)
    if (!raised.contains(warning.id))
      reporter.at(Severity::warning, warning.pointer + "/id",
                  fmt::format("warning '{}' is raised by no rule or technique", warning.id));
}

// Where an owner (a fact, a technique...) keeps its texts, and who it is.
struct TextOwner {
  const Playbook& playbook;
  Reporter& reporter;
  std::string pointer;  // of the owner
  std::string name;     // "fact 'stage'"
};

// Warns about each declared language that `texts` (at `key` of the owner,
// `description` in messages) misses.
template <class Texts>
void check_languages(const TextOwner& owner, const Texts& texts, const std::string& key,
                     const std::string& description, const char* what) {
  if (texts.empty()) return;
  for (const auto& language : owner.playbook.languages)
    if (!texts.contains(language))
      owner.reporter.at(
          Severity::warning, owner.pointer + "/" + key,
          fmt::format("{}: {} has no {} in '{}'", owner.name, description, what, language));
}

template <class Texts>
void check_languages(const TextOwner& owner, const Texts& texts, const std::string& key,
                     const char* what) {
  check_languages(owner, texts, key, fmt::format("'{}'", key), what);
}

void check_labels(const TextOwner& owner, const Fact& fact) {
  for (const auto& [value, label] : fact.labels) {
    check_languages(owner, label, "labels/" + json_pointer_token(value),
                    fmt::format("the label of '{}'", value), "text");
    const bool known = fact.spec.type == FactType::boolean ? value == "true" || value == "false"
                       : fact.spec.type == FactType::enumeration
                           ? std::find(fact.spec.values.begin(), fact.spec.values.end(), value) !=
                                 fact.spec.values.end()
                           : true;
    if (!known)
      owner.reporter.at(
          Severity::warning, owner.pointer + "/labels/" + json_pointer_token(value),
          fmt::format("{} has a label for '{}', which it cannot take", owner.name, value));
  }
}

void check_texts(const Playbook& playbook, Reporter& reporter) {
  for (const auto& fact : playbook.facts) {
    const TextOwner owner{playbook, reporter, fact.pointer, fmt::format("fact '{}'", fact.spec.id)};
    check_languages(owner, fact.question, "question", "text");
    check_languages(owner, fact.help, "help", "text");
    check_labels(owner, fact);
  }
  for (const auto& technique : playbook.techniques) {
    const TextOwner owner{playbook, reporter, technique.pointer,
                          fmt::format("technique '{}'", technique.id)};
    for (const auto& [key, text] : {std::pair<const char*, const Text*>{"name", &technique.name},
                                    {"summary", &technique.summary},
                                    {"use_when", &technique.use_when},
                                    {"avoid_when", &technique.avoid_when},
                                    {"risks", &technique.risks}})
      check_languages(owner, *text, key, "text");
    check_languages(owner, technique.say, "say", "lines");
  }
  for (const auto& warning : playbook.warnings)
    check_languages({playbook, reporter, warning.pointer, fmt::format("warning '{}'", warning.id)},
                    warning.text, "text", "text");
  for (const auto& rule : playbook.rules)
    check_languages({playbook, reporter, rule.pointer, fmt::format("rule '{}'", rule.id)},
                    rule.because, "because", "text");
}

// Says which of one owner's patterns fail to compile, and why.
void check_patterns(const std::string& pointer, const TextList& patterns,
                    const std::function<Result<SignalMatcher>(const std::string&)>& compile,
                    Reporter& reporter) {
  for (const auto& [language, list] : patterns) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (auto matcher = compile(list[i]); !matcher.ok())
        reporter.at(Severity::error,
                    fmt::format("{}/patterns/{}/{}", pointer, json_pointer_token(language), i),
                    matcher.error().message);
    }
  }
}

// Whether every pattern of every signal and cue compiles: the common case,
// found with one matcher (a matcher per pattern, to say which fail, costs far more).
bool patterns_compile(const Playbook& playbook) {
  return SignalMatcher::create(signal_specs(playbook.signals), cue_specs(playbook.cues)).ok();
}

void check_signal_value(const Signal& signal, const FactSchema& schema, const char* key,
                        const nlohmann::json& value, Reporter& reporter) {
  if (auto checked = schema.check_value(schema.slot_of(signal.fact), value); !checked.ok())
    reporter.at(Severity::error, fmt::format("{}/{}", signal.pointer, key),
                fmt::format("in signal '{}': {}", signal.id, checked.error().message));
}

void check_signals(const Playbook& playbook, const FactSchema& schema, Reporter& reporter) {
  const bool compile = patterns_compile(playbook);
  for (const auto& signal : playbook.signals) {
    if (const Fact* fact = playbook.find_fact(signal.fact)) {
      if (fact->spec.derived) {
        reporter.at(Severity::error, signal.pointer + "/fact",
                    fmt::format("signal '{}' sets fact '{}', which is derived by rules", signal.id,
                                signal.fact));
      } else {
        check_signal_value(signal, schema, "value", signal.value, reporter);
        if (signal.when_negated)
          check_signal_value(signal, schema, "when_negated", *signal.when_negated, reporter);
      }
    }
    if (compile) continue;
    check_patterns(
        signal.pointer, signal.patterns,
        [&](const std::string& pattern) {
          return SignalMatcher::create(
              {SignalSpec{signal.id, signal.fact, signal.value, {pattern}, {}}});
        },
        reporter);
  }
  if (compile) return;
  for (const auto& cue : playbook.cues) {
    check_patterns(
        cue.pointer, cue.patterns,
        [&](const std::string& pattern) {
          return SignalMatcher::create({}, {CueSpec{cue.id,
                                                    cue.kind,
                                                    cue.covers_before,
                                                    cue.reaches_sentence,
                                                    cue.window,
                                                    {pattern},
                                                    {}}});
        },
        reporter);
  }
}

void check_assumptions(const Playbook& playbook, const FactSchema& schema, Reporter& reporter) {
  for (const auto& fact : playbook.facts) {
    if (!fact.assume) continue;
    if (fact.spec.derived)
      reporter.at(Severity::error, fact.pointer + "/assume",
                  fmt::format("fact '{}' is derived, so never unanswered: it cannot have 'assume'",
                              fact.spec.id));
    else if (auto checked = schema.check_value(schema.slot_of(fact.spec.id), *fact.assume);
             !checked.ok())
      reporter.at(Severity::error, fact.pointer + "/assume",
                  fmt::format("'assume': {}", checked.error().message));
  }
}

// The engine, or what stops it that no check above found.
std::optional<Engine> check_engine(Playbook playbook, Reporter& reporter) {
  auto engine = Engine::create(std::move(playbook));
  if (engine.ok()) return std::move(engine.value());
  reporter.at(Severity::error, engine.error().pointer, engine.error().message);
  return std::nullopt;
}

// "/rules/3" for "/rules/3/when": the item a pointer falls in, or "" for the
// playbook's own keys.
std::string item_of(const std::string& pointer) {
  const auto second = pointer.find('/', 1);
  if (second == std::string::npos) return {};
  return pointer.substr(0, pointer.find('/', second + 1));
}

template <class T>
void drop_broken(std::vector<T>& items, const std::set<std::string>& broken) {
  std::erase_if(items, [&](const T& item) { return broken.contains(item.pointer); });
}

// A structural error must not hide the problems elsewhere in the file: the
// items that read well are checked as a whole playbook's are. Items in
// error are left out, and a rule in error or using a fact in error is only
// checked for unknown facts, since what else is wrong with it may follow
// from the error.
void check_partial(Playbook partial, Reporter& reporter, std::vector<Diagnostic>& diagnostics) {
  const Playbook whole = partial;
  std::set<std::string> broken;
  for (const auto& diagnostic : diagnostics)
    if (diagnostic.severity == Severity::error) broken.insert(item_of(diagnostic.pointer));
  std::set<std::string> broken_facts;
  for (const auto& fact : partial.facts)
    if (broken.contains(fact.pointer) || fact.spec.id.empty()) broken_facts.insert(fact.spec.id);
  drop_broken(partial.facts, broken);
  for (const auto& fact : partial.facts) broken_facts.erase(fact.spec.id);  // a duplicate's first
  const auto uses_broken_fact = [&](const std::set<std::string>& facts) {
    return std::any_of(facts.begin(), facts.end(),
                       [&](const std::string& fact) { return broken_facts.contains(fact); });
  };
  const FactSchema whole_schema = whole.fact_schema();
  std::erase_if(partial.rules, [&](const Rule& rule) {
    if (!broken.contains(rule.pointer) && !uses_broken_fact(lint::facts_used(rule))) return false;
    lint::check_rule_facts(whole, whole_schema, rule, reporter);
    return true;
  });
  drop_broken(partial.signals, broken);
  std::erase_if(partial.signals,
                [&](const Signal& signal) { return broken_facts.contains(signal.fact); });
  const FactSchema schema = partial.fact_schema();
  lint::check_rules(partial, schema, reporter);
  check_signals(partial, schema, reporter);
  check_assumptions(partial, schema, reporter);
}

bool before(const Diagnostic& a, const Diagnostic& b) {
  return a.line != b.line ? a.line < b.line : a.column < b.column;
}

}  // namespace

std::size_t LintReport::error_count() const {
  return static_cast<std::size_t>(
      std::count_if(diagnostics.begin(), diagnostics.end(),
                    [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

std::size_t LintReport::warning_count() const { return diagnostics.size() - error_count(); }

LintReport lint_playbook(std::string_view text, std::string_view file_name) {
  return check_playbook(text, file_name).report;
}

CheckedPlaybook check_playbook(std::string_view text, std::string_view file_name) {
  PlaybookLoad load = load_playbook(text, file_name);
  CheckedPlaybook checked{LintReport{std::move(load.diagnostics)}, std::nullopt};
  std::vector<Diagnostic>& diagnostics = checked.report.diagnostics;
  if (!load.playbook) {
    if (load.partial) {
      Reporter reporter(text, file_name, diagnostics);
      check_partial(std::move(*load.partial), reporter, diagnostics);
      std::stable_sort(diagnostics.begin(), diagnostics.end(), before);
    }
    return checked;
  }
  const Playbook& playbook = *load.playbook;
  Reporter reporter(text, file_name, diagnostics);
  const FactSchema schema = playbook.fact_schema();
  lint::check_rules(playbook, schema, reporter);
  check_unused(playbook, reporter);
  check_texts(playbook, reporter);
  check_signals(playbook, schema, reporter);
  check_assumptions(playbook, schema, reporter);
  if (!reporter.has_errors()) checked.engine = check_engine(std::move(*load.playbook), reporter);
  std::stable_sort(diagnostics.begin(), diagnostics.end(), before);
  return checked;
}

}  // namespace closecoach
