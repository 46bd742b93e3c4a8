// `closecoach playbook test`: scenario tests run against a playbook, like a
// test runner.

#include <closecoach/json_text.hpp>
#include <closecoach/scenarios.hpp>

#include <fmt/color.h>
#include <fmt/ostream.h>

#include <set>

#include "common.hpp"
#include "playbook_commands.hpp"

namespace closecoach::cli {

namespace {

std::vector<Scenario> read_tests(const std::string& path) {
  auto text = read_text_file(path, "a tests file");
  if (!text.ok()) throw Failure(text.error());
  auto scenarios = read_scenarios(*text, path);
  if (!scenarios.ok()) throw Failure(scenarios.error());
  return std::move(scenarios.value());
}

void print_coverage(const Engine& engine, const std::set<int>& fired, Context& context) {
  const auto& rules = engine.playbook().rules;
  std::vector<const Rule*> missed;
  for (std::size_t i = 0; i < rules.size(); ++i)
    if (!fired.contains(static_cast<int>(i))) missed.push_back(&rules[i]);
  if (missed.empty()) {
    fmt::print(context.io.out, "\nevery rule fired in at least one case\n");
    return;
  }
  fmt::print(context.io.out, "\n{} of {} rules fired in no case:\n", missed.size(), rules.size());
  for (const Rule* rule : missed)
    fmt::print(context.io.out, "  {} ({})\n", rule->id, rule->pointer);
}

}  // namespace

void run_test(const TestOptions& options, Context& context) {
  const Engine engine = load_engine(options.file);
  const std::vector<Scenario> scenarios = read_tests(options.tests);
  const auto pass = fmt::fg(fmt::terminal_color::green) | fmt::emphasis::bold;
  const auto fail = fmt::fg(fmt::terminal_color::red) | fmt::emphasis::bold;
  std::size_t passed = 0;
  std::set<int> fired;
  for (const auto& scenario : scenarios) {
    const ScenarioOutcome outcome = run_scenario(engine, scenario);
    fired.insert(outcome.fired_rules.begin(), outcome.fired_rules.end());
    fmt::print(context.io.out, "{}  {}\n",
               outcome.passed ? paint(context, pass, "PASS") : paint(context, fail, "FAIL"),
               scenario.name);
    for (const auto& failure : outcome.failures) fmt::print(context.io.out, "      {}\n", failure);
    passed += outcome.passed ? 1 : 0;
  }
  if (options.coverage) print_coverage(engine, fired, context);
  const std::size_t failed = scenarios.size() - passed;
  fmt::print(context.io.out, "\n{} passed, {} failed\n", passed, failed);
  if (failed > 0) context.exit_status = k_exit_failures;
}

}  // namespace closecoach::cli
