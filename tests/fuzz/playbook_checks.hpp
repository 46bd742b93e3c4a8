#pragma once
// The properties playbook_fuzzer checks, shared with the regression test that
// replays tests/fuzz/regressions/playbook/. check_playbook returns an empty
// string when the text behaves, or a description of what went wrong.

#include <closecoach/diagnostic.hpp>
#include <closecoach/engine.hpp>
#include <closecoach/playbook.hpp>
#include <closecoach/playbook_lint.hpp>
#include <closecoach/review.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <exception>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace closecoach::fuzz {

inline constexpr std::string_view k_playbook_name = "fuzz.json";

// Every diagnostic names the file and a line; its message is not empty.
inline std::string check_located(const std::vector<Diagnostic>& diagnostics,
                                 std::string_view what) {
  for (const Diagnostic& diagnostic : diagnostics) {
    if (diagnostic.line == 0 || diagnostic.file != k_playbook_name || diagnostic.message.empty())
      return fmt::format("{} gives a diagnostic without a line: {}", what,
                         format_diagnostic(diagnostic));
  }
  return {};
}

// A few answers for the playbook's first asked facts, the values picked by
// `seed` so that different texts try different ones.
inline nlohmann::json some_answers(const FactSchema& schema, std::size_t seed) {
  nlohmann::json answers = nlohmann::json::object();
  for (const FactSpec& fact : schema.facts()) {
    if (fact.derived) continue;
    if (answers.size() == 3) break;
    switch (fact.type) {
      case FactType::boolean:
        answers[fact.id] = seed % 2 == 0;
        break;
      case FactType::integer:
      case FactType::number:
        answers[fact.id] = fact.minimum ? *fact.minimum : fact.maximum ? *fact.maximum : 1.0;
        break;
      case FactType::enumeration:
        if (fact.values.empty()) continue;
        answers[fact.id] = fact.values[seed % fact.values.size()];
        break;
      case FactType::string:
        answers[fact.id] = "x";
        break;
    }
    seed /= 3;
  }
  return answers;
}

// Advice with no answers and with a few, in every language the engine
// speaks, and why not each of the first techniques. The JSON dumps strictly:
// valid UTF-8 in, valid UTF-8 out.
inline void check_advice(const Engine& engine, std::size_t seed) {
  const nlohmann::json answers = some_answers(engine.schema(), seed);  // outlives `facts`
  std::vector<Value> facts = engine.blank_facts();
  for (int round = 0; round < 2; ++round) {
    const Advice advice = engine.advise(facts);
    for (const std::string_view language : {"en", "zh", "ru"})
      (void)engine.to_json(advice, language).dump();
    (void)engine.fired_rules(advice);
    if (!advice.settled && advice.next_question >= 0)
      (void)engine.question_json(advice.next_question, "en").dump();
    const auto techniques = static_cast<int>(engine.playbook().techniques.size());
    for (int technique = 0; technique < std::min(techniques, 4); ++technique)
      (void)engine.to_json(engine.why_not(advice, technique), advice, "en").dump();
    if (round == 1 || !engine.read_answers(answers, facts).ok()) break;
  }
}

// The playbook's signals over one note in each language, as review runs them.
inline std::string check_signals(const Engine& engine) {
  auto reviewer = Reviewer::create(engine, {});
  if (!reviewer.ok()) return {};
  const auto scratch = reviewer->make_scratch();
  std::string out;
  ReviewTally tally;
  const std::string_view record =
      R"({"id":"n","notes":["Let me THINK it over, no need <b>now</b> &amp; later","客户说要考虑一下","Клиент сказал: подумать"]})";
  (void)reviewer->review_json_line(record, 1, *scratch, out, tally);
  if (tally.records != 1 || std::count(out.begin(), out.end(), '\n') != 1)
    return "one record with notes gives " + out;
  return {};
}

// `text` canonically formatted formats to itself (format_playbook's contract).
inline std::string check_format(std::string_view text) {
  const auto formatted = format_playbook(text, k_playbook_name);
  if (!formatted.ok())
    return "a playbook that loads does not format: " + format_diagnostic(formatted.error());
  const auto again = format_playbook(formatted->text, k_playbook_name);
  if (!again.ok())
    return "formatted text does not format again: " + format_diagnostic(again.error());
  if (again->text != formatted->text)
    return "formatting the formatted text changes it:\n" + formatted->text + "\n" + again->text;
  return {};
}

// Loading and linting report every problem located; a playbook that loads
// and compiles gives advice, reads notes and formats; nothing throws.
inline std::string check_playbook(std::string_view text) {
  try {
    PlaybookLoad load = load_playbook(text, k_playbook_name);
    if (auto problem = check_located(load.diagnostics, "load_playbook"); !problem.empty())
      return problem;
    if (load.playbook.has_value() == load.has_errors())
      return "load_playbook gives a playbook together with errors, or neither";
    const LintReport report = lint_playbook(text, k_playbook_name);
    if (auto problem = check_located(report.diagnostics, "lint_playbook"); !problem.empty())
      return problem;
    if (load.has_errors() && report.error_count() == 0)
      return "lint_playbook misses load_playbook's errors";
    if (!load.playbook) return {};
    auto engine = Engine::create(std::move(*load.playbook));
    if (!engine.ok()) {
      if (report.error_count() == 0)
        return "lint_playbook finds no error where Engine::create fails: " +
               format_diagnostic(engine.error());
      return {};
    }
    const std::size_t seed = std::hash<std::string_view>{}(text);
    check_advice(*engine, seed);
    if (auto problem = check_signals(*engine); !problem.empty()) return problem;
    return check_format(text);
  } catch (const std::exception& error) {
    return std::string("exception escaped: ") + error.what();
  }
}

}  // namespace closecoach::fuzz
