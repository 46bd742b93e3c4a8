#include "support/test_support.hpp"

#include <closecoach/playbook.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "cli.hpp"

namespace closecoach::testing {

CliRun run_cli(const std::vector<std::string>& args, const std::string& input) {
  std::vector<const char*> argv{"closecoach"};
  for (const auto& arg : args) argv.push_back(arg.c_str());
  std::istringstream in(input);
  std::ostringstream out;
  std::ostringstream err;
  cli::Streams io{in, out, err, false, false, false};
  CliRun result;
  result.status = cli::run(static_cast<int>(argv.size()), argv.data(), io);
  result.out = out.str();
  result.err = err.str();
  return result;
}

Engine engine_from_text(std::string_view playbook_json) {
  PlaybookLoad load = load_playbook(playbook_json, "mini.json");
  if (load.has_errors()) throw std::runtime_error(format_diagnostic(load.diagnostics.at(0)));
  auto engine = Engine::create(std::move(*load.playbook));
  if (!engine.ok()) throw std::runtime_error(format_diagnostic(engine.error()));
  return std::move(engine.value());
}

std::string engine_error(std::string_view playbook_json) {
  PlaybookLoad load = load_playbook(playbook_json, "mini.json");
  if (load.has_errors()) return "does not load: " + format_diagnostic(load.diagnostics.at(0));
  auto engine = Engine::create(std::move(*load.playbook));
  if (engine.ok()) return "compiled";
  return engine.error().pointer + ": " + engine.error().message;
}

std::vector<Value> facts_from(const Engine& engine, const nlohmann::json& answers) {
  std::vector<Value> facts = engine.blank_facts();
  auto read = engine.read_answers(answers, facts);
  EXPECT_TRUE(read.ok()) << (read.ok() ? "" : read.error().message);
  return facts;
}

const Engine& default_engine() {
  static const Engine engine = engine_from_text(default_playbook_text());
  return engine;
}

std::string read_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

std::vector<Value> random_answers(const Engine& engine, std::mt19937& random) {
  std::vector<Value> truth = engine.blank_facts();
  for (std::size_t slot = 0; slot < truth.size(); ++slot) {
    const FactSpec& spec = engine.schema().spec(static_cast<int>(slot));
    if (spec.derived) continue;
    if (spec.type == FactType::boolean)
      truth[slot] = Value::of(random() % 2 == 0);
    else if (spec.type == FactType::enumeration)
      truth[slot] =
          engine.schema().enum_value(static_cast<int>(slot), random() % spec.values.size());
    else
      truth[slot] = Value::of(static_cast<double>(random() % 25));
  }
  return truth;
}

}  // namespace closecoach::testing
