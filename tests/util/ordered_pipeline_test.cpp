#include <closecoach/ordered_pipeline.hpp>

#include <gtest/gtest.h>

#include <string>
#include <thread>

using namespace closecoach;

namespace {

// Squares numbers 0..count-1, in batches of 7, with uneven work per batch.
std::string run(std::size_t threads, int count) {
  int next = 0;
  std::string written;
  PipelineHooks hooks;
  hooks.read = [&](Batch& batch) {
    for (int i = 0; i < 7 && next < count; ++i, ++next)
      batch.inputs.push_back(std::to_string(next));
    return !batch.inputs.empty();
  };
  hooks.work = [](Batch& batch, std::size_t) {
    if (batch.sequence % 3 == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
    for (const auto& input : batch.inputs) {
      const long value = std::stol(input);
      batch.output += std::to_string(value * value) + "\n";
    }
  };
  hooks.write = [&](Batch& batch) { written += batch.output; };
  run_ordered_pipeline(hooks, threads);
  return written;
}

}  // namespace

TEST(OrderedPipeline, WritesInInputOrderWhateverTheThreadCount) {
  const std::string serial = run(1, 1000);
  EXPECT_EQ(serial.substr(0, 9), "0\n1\n4\n9\n1");
  EXPECT_EQ(run(2, 1000), serial);
  EXPECT_EQ(run(5, 1000), serial);
}

TEST(OrderedPipeline, HandlesEmptyInput) {
  EXPECT_EQ(run(1, 0), "");
  EXPECT_EQ(run(4, 0), "");
}
