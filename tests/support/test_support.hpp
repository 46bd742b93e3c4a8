#pragma once
// Runs the CLI in-process, as a user would from a shell, and captures what it prints.

#include <closecoach/engine.hpp>

#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace closecoach::testing {

struct CliRun {
  int status = 0;
  std::string out;
  std::string err;
};

// Runs `closecoach ARGS...` with `input` on stdin; no stream is a terminal.
CliRun run_cli(const std::vector<std::string>& args, const std::string& input = {});

// The engine of a playbook given as JSON text. Throws std::runtime_error
// with the first diagnostic when the playbook does not load or compile, which
// fails the test that asked.
Engine engine_from_text(std::string_view playbook_json);

// Why Engine::create refuses a playbook given as JSON text, as "POINTER:
// MESSAGE", or "compiled" when it does not; the playbook must load.
std::string engine_error(std::string_view playbook_json);

// `answers` (a JSON object, fact → value) as the engine's facts; an answer
// the engine refuses fails the test that gave it.
std::vector<Value> facts_from(const Engine& engine, const nlohmann::json& answers);

// The engine of the built-in playbook, made once and shared by the tests.
const Engine& default_engine();

// Every input fact of `engine` answered at random (numbers 0 to 24),
// derived facts left unknown: a deal whose every answer is in.
std::vector<Value> random_answers(const Engine& engine, std::mt19937& random);

// The whole content of a file, or an empty string when it cannot be read.
std::string read_file(const std::string& path);

}  // namespace closecoach::testing
