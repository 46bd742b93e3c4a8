// Replays every input kept in tests/fuzz/regressions/ (each once crashed a
// fuzzer, or probes a limit) through both parsers and the interpreter.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "fuzz/fuzz_checks.hpp"
#include "support/test_support.hpp"

namespace {

std::vector<std::filesystem::path> kept_inputs() {
  std::vector<std::filesystem::path> inputs;
  const std::filesystem::path folder =
      std::filesystem::path(CLOSECOACH_SOURCE_DIR) / "tests/fuzz/regressions";
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.is_regular_file()) inputs.push_back(entry.path());
  }
  std::sort(inputs.begin(), inputs.end());
  return inputs;
}

}  // namespace

TEST(FuzzRegressions, EveryKeptInputIsHandledWithoutCrashing) {
  const auto inputs = kept_inputs();
  ASSERT_FALSE(inputs.empty());
  for (const auto& path : inputs) {
    const std::string input = closecoach::testing::read_file(path.string());
    EXPECT_EQ(closecoach::fuzz::check_expression(input), "") << path;
    EXPECT_EQ(closecoach::fuzz::check_json_logic(input), "") << path;
  }
}
