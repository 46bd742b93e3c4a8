#include "support/test_support.hpp"

#include <closecoach/playbook.hpp>

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

}  // namespace closecoach::testing
