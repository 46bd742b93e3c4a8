// Replays every input kept in tests/fuzz/regressions/ (each once crashed a
// fuzzer, or probes a limit), and the seed corpora in tests/fuzz/corpus/,
// through the properties its fuzzer checks, in every build, without libFuzzer.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "fuzz/fuzz_checks.hpp"
#include "fuzz/playbook_checks.hpp"
#include "fuzz/review_checks.hpp"
#include "support/test_support.hpp"

namespace {

// The files directly in tests/fuzz/FOLDER (when it exists), in name order.
std::vector<std::filesystem::path> files_in(const std::string& folder) {
  std::vector<std::filesystem::path> inputs;
  const std::filesystem::path path =
      std::filesystem::path(CLOSECOACH_SOURCE_DIR) / "tests/fuzz" / folder;
  if (!std::filesystem::is_directory(path)) return inputs;
  for (const auto& entry : std::filesystem::directory_iterator(path)) {
    if (entry.is_regular_file()) inputs.push_back(entry.path());
  }
  std::sort(inputs.begin(), inputs.end());
  return inputs;
}

// A fuzzer's seed corpus, then its kept regressions.
std::vector<std::filesystem::path> kept_inputs(const std::string& target) {
  std::vector<std::filesystem::path> inputs = files_in("corpus/" + target);
  const auto regressions = files_in("regressions/" + target);
  inputs.insert(inputs.end(), regressions.begin(), regressions.end());
  return inputs;
}

}  // namespace

TEST(FuzzRegressions, EveryKeptInputIsHandledWithoutCrashing) {
  const auto inputs = files_in("regressions");
  ASSERT_FALSE(inputs.empty());
  for (const auto& path : inputs) {
    const std::string input = closecoach::testing::read_file(path.string());
    EXPECT_EQ(closecoach::fuzz::check_expression(input), "") << path;
    EXPECT_EQ(closecoach::fuzz::check_json_logic(input), "") << path;
  }
}

TEST(FuzzRegressions, EveryKeptPlaybookLoadsLintsAndAdvisesWithoutCrashing) {
  const auto inputs = kept_inputs("playbook");
  ASSERT_FALSE(inputs.empty());
  for (const auto& path : inputs) {
    const std::string input = closecoach::testing::read_file(path.string());
    EXPECT_EQ(closecoach::fuzz::check_playbook(input), "") << path;
  }
}

TEST(FuzzRegressions, EveryKeptReviewInputGivesOneResultPerRecord) {
  const auto inputs = kept_inputs("review_record");
  ASSERT_FALSE(inputs.empty());
  for (const auto& path : inputs) {
    const std::string input = closecoach::testing::read_file(path.string());
    EXPECT_EQ(closecoach::fuzz::check_review_records(input), "") << path;
  }
}

TEST(FuzzRegressions, EveryKeptCsvExportGivesOneResultPerRecord) {
  const auto inputs = kept_inputs("review_csv");
  ASSERT_FALSE(inputs.empty());
  for (const auto& path : inputs) {
    const std::string input = closecoach::testing::read_file(path.string());
    EXPECT_EQ(closecoach::fuzz::check_review_csv(input), "") << path;
  }
}
