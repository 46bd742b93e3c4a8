// The examples of docs/playbook.md must work: a trainer copies them.
//
// Fenced blocks are found by their info string:
//   ```json        a JSON example. When it parses, its kind is told by its keys (a whole playbook,
//                  scenario tests, or one fact, technique, warning, rule or signal) and it is
//                  checked: elements go into the default playbook together (replacing the
//                  element of the same id, so a how-to's technique and rule meet), which must
//                  then validate without errors; scenario tests must pass on the default
//                  playbook. A block that does not parse (a fragment with "...") is skipped.
//   ```json playbook-example   the same, but the block must parse and be of a known kind.
//   ```json no-check           never checked.
//   ```text        lines "EXPRESSION" then "≡ JSONLOGIC": the expression must compile to it.
//   ```sh          a line "closecoach eval ... # prints RESULT" must print RESULT.

#include <closecoach/engine.hpp>
#include <closecoach/expression.hpp>
#include <closecoach/playbook.hpp>
#include <closecoach/playbook_lint.hpp>
#include <closecoach/scenarios.hpp>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <sstream>

#include "support/test_support.hpp"

using namespace closecoach;
using closecoach::testing::default_engine;
using nlohmann::json;

namespace {

const std::string k_doc = "docs/playbook.md";

struct Block {
  std::size_t line = 0;  // of the opening fence
  std::string info;      // what follows the opening ```
  std::string text;
};

bool has_word(const std::string& info, std::string_view word) {
  std::istringstream words(info);
  for (std::string w; words >> w;)
    if (w == word) return true;
  return false;
}

// Every fenced block, its content unindented by the fence's indentation.
std::vector<Block> fenced_blocks(const std::string& markdown) {
  std::vector<Block> blocks;
  std::istringstream in(markdown);
  std::string line;
  std::size_t number = 0;
  std::optional<Block> open;
  std::size_t indent = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::size_t start = line.find_first_not_of(' ');
    const bool fence = start != std::string::npos && line.compare(start, 3, "```") == 0;
    if (!open && fence) {
      open = Block{number, line.substr(start + 3), {}};
      indent = start;
    } else if (open && fence && start == indent) {
      blocks.push_back(std::move(*open));
      open.reset();
    } else if (open) {
      open->text += (line.size() >= indent ? line.substr(indent) : std::string()) + "\n";
    }
  }
  return blocks;
}

std::vector<Block> blocks_of(const std::string& language) {
  std::vector<Block> out;
  for (auto& block :
       fenced_blocks(closecoach::testing::read_file(CLOSECOACH_SOURCE_DIR "/" + k_doc))) {
    std::istringstream words(block.info);
    std::string first;
    words >> first;
    if (first == language && !has_word(block.info, "no-check")) out.push_back(std::move(block));
  }
  return out;
}

// The array of a playbook an element belongs to, told by its keys; empty when unknown.
std::string kind_of(const json& value) {
  if (!value.is_object()) return {};
  if (value.contains("cases")) return "tests";
  if (value.contains("facts") && value.contains("rules")) return "playbook";
  if (value.contains("patterns") && value.contains("fact")) return "signals";
  if (value.contains("when")) return "rules";
  if (value.contains("type") && value.contains("id")) return "facts";
  if (value.contains("say")) return "techniques";
  if (value.contains("text") && value.contains("id")) return "warnings";
  return {};
}

struct Example {
  Block block;
  json value;
  std::string kind;
};

std::vector<Example> json_examples() {
  std::vector<Example> out;
  for (auto& block : blocks_of("json")) {
    const bool required = has_word(block.info, "playbook-example");
    json value = json::parse(block.text, nullptr, false);
    if (value.is_discarded()) {
      if (required) ADD_FAILURE() << k_doc << ":" << block.line << ": the example is not JSON";
      continue;
    }
    std::string kind = kind_of(value);
    if (kind.empty() && required)
      ADD_FAILURE() << k_doc << ":" << block.line << ": what is this example of?";
    if (!kind.empty()) out.push_back({std::move(block), std::move(value), std::move(kind)});
  }
  return out;
}

std::string trim(std::string text) {
  text.erase(0, text.find_first_not_of(" \n\t"));
  text.erase(text.find_last_not_of(" \n\t") + 1);
  return text;
}

// A command line as a POSIX shell splits it: quotes, backslash-newline, comments.
std::vector<std::string> shell_words(std::string_view line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '\'' || c == '"') {
      const std::size_t end = line.find(c, i + 1);
      word += line.substr(i + 1, end - i - 1);
      in_word = true;
      i = end;
    } else if (c == '\\' && i + 1 < line.size() && line[i + 1] == '\n') {
      ++i;
    } else if (c == ' ' || c == '\n' || c == '\t') {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else if (c == '#' && !in_word) {
      break;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(word);
  return words;
}

}  // namespace

TEST(DocsExamples, FindsTheExamples) {
  std::map<std::string, int> kinds;
  for (const auto& example : json_examples()) ++kinds[example.kind];
  EXPECT_GE(kinds["rules"], 1);
  EXPECT_GE(kinds["facts"] + kinds["techniques"] + kinds["signals"], 1);
  EXPECT_GE(kinds["tests"], 1);
}

TEST(DocsExamples, ElementsValidateTogetherInTheDefaultPlaybook) {
  json playbook = json::parse(default_playbook_text());
  std::map<std::string, std::size_t> source;  // pointer of an inserted element → doc line
  for (const auto& example : json_examples()) {
    if (example.kind == "tests") continue;
    if (example.kind == "playbook") {
      const LintReport report = lint_playbook(example.block.text, k_doc);
      for (const auto& d : report.diagnostics)
        if (d.severity == Severity::error)
          ADD_FAILURE() << k_doc << ":" << example.block.line << ": " << format_diagnostic(d);
      continue;
    }
    json& items = playbook[example.kind];
    std::size_t index = items.size();
    for (std::size_t i = 0; i < items.size(); ++i)
      if (items[i]["id"] == example.value["id"]) index = i;
    if (index == items.size())
      items.push_back(example.value);
    else
      items[index] = example.value;
    source[fmt::format("/{}/{}", example.kind, index)] = example.block.line;
  }
  const LintReport report =
      lint_playbook(playbook.dump(2), "the default playbook with the examples");
  for (const auto& d : report.diagnostics) {
    if (d.severity != Severity::error) continue;
    std::size_t line = 0;
    for (const auto& [pointer, at] : source)
      if (d.pointer == pointer || d.pointer.starts_with(pointer + "/")) line = at;
    ADD_FAILURE() << k_doc << ":" << line << ": " << d.message << " (" << d.pointer << ")";
  }
}

TEST(DocsExamples, ScenarioTestsPassOnTheDefaultPlaybook) {
  const Engine& engine = default_engine();
  for (const auto& example : json_examples()) {
    if (example.kind != "tests") continue;
    auto scenarios = read_scenarios(example.block.text, k_doc);
    ASSERT_TRUE(scenarios.ok()) << k_doc << ":" << example.block.line << ": "
                                << format_diagnostic(scenarios.error());
    for (const auto& scenario : *scenarios)
      for (const auto& failure : run_scenario(engine, scenario).failures)
        ADD_FAILURE() << k_doc << ":" << example.block.line << ": " << scenario.name << ": "
                      << failure;
  }
}

TEST(DocsExamples, ExpressionsCompileToTheJsonLogicShown) {
  int checked = 0;
  for (const auto& block : blocks_of("text")) {
    const std::string_view equivalent = "≡";
    const std::size_t at = block.text.find(equivalent);
    if (at == std::string::npos) continue;
    const std::string expression = trim(block.text.substr(0, at));
    auto logic = parse_expression(expression);
    ASSERT_TRUE(logic.ok()) << k_doc << ":" << block.line << ": "
                            << format_diagnostic(logic.error());
    EXPECT_EQ(*logic, json::parse(block.text.substr(at + equivalent.size())))
        << k_doc << ":" << block.line;
    ++checked;
  }
  EXPECT_GE(checked, 1);
}

TEST(DocsExamples, EvalExamplesPrintWhatTheySay) {
  int checked = 0;
  for (const auto& block : blocks_of("sh")) {
    std::string command;
    std::istringstream lines(block.text);
    for (std::string line; std::getline(lines, line);) {
      command += line + "\n";
      if (!line.empty() && line.back() == '\\') continue;
      const std::size_t prints = command.find("# prints ");
      const auto words = shell_words(command);
      if (prints != std::string::npos && words.size() > 1 && words[0] == "closecoach" &&
          words[1] == "eval") {
        const auto run = closecoach::testing::run_cli({words.begin() + 1, words.end()});
        EXPECT_EQ(trim(run.out), trim(command.substr(prints + 9)))
            << k_doc << ":" << block.line << ": " << command;
        ++checked;
      }
      command.clear();
    }
  }
  EXPECT_GE(checked, 1);
}
