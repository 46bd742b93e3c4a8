#pragma once
// Runs the CLI in-process, as a user would from a shell, and captures what it prints.

#include <string>
#include <vector>

namespace closecoach::testing {

struct CliRun {
  int status = 0;
  std::string out;
  std::string err;
};

// Runs `closecoach ARGS...` with `input` on stdin; no stream is a terminal.
CliRun run_cli(const std::vector<std::string>& args, const std::string& input = {});

// The whole content of a file, or an empty string when it cannot be read.
std::string read_file(const std::string& path);

}  // namespace closecoach::testing
