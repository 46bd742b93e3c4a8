#include <closecoach/ordered_pipeline.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

using namespace closecoach;

namespace {

// Squares numbers 0..count-1, in batches of 7, with uneven work per batch.
std::string run(std::size_t threads, int count, bool calling_thread_reads = false) {
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
  hooks.calling_thread_reads = calling_thread_reads;
  run_ordered_pipeline(hooks, threads);
  return written;
}

}  // namespace

TEST(OrderedPipeline, WritesInInputOrderWhateverTheThreadCount) {
  const std::string serial = run(1, 1000);
  EXPECT_EQ(serial.substr(0, 9), "0\n1\n4\n9\n1");
  EXPECT_EQ(run(2, 1000), serial);
  EXPECT_EQ(run(5, 1000), serial);
  // Input that never waits (a file) is read by the calling thread too.
  EXPECT_EQ(run(2, 1000, true), serial);
  EXPECT_EQ(run(5, 1000, true), serial);
}

TEST(OrderedPipeline, HandlesEmptyInput) {
  EXPECT_EQ(run(1, 0), "");
  EXPECT_EQ(run(4, 0), "");
  EXPECT_EQ(run(4, 0, true), "");
}

// Issue 8, finding 4: batches of a few huge records do not pile up. The
// bytes read and not yet written stay within the budget plus one batch.
TEST(OrderedPipeline, KeepsTheBytesInFlightWithinItsBudget) {
  constexpr std::size_t k_budget = 1000;
  for (const std::size_t threads :
       {std::size_t{1}, std::size_t{2}, std::size_t{4}, std::size_t{5}}) {
    std::size_t next = 0;
    std::atomic<std::size_t> in_flight{0};
    std::size_t most = 0;
    std::size_t written = 0;
    PipelineHooks hooks;
    hooks.read = [&](Batch& batch) {
      if (next == 200) return false;
      batch.bytes = next % 10 == 0 ? 1500 : 300;  // now and then one over the budget
      batch.inputs.push_back(std::to_string(next++));
      most = std::max(most, in_flight += batch.bytes);
      return true;
    };
    hooks.work = [](Batch& batch, std::size_t) { batch.output = batch.inputs.front() + "\n"; };
    hooks.write = [&](Batch& batch) {
      in_flight -= batch.bytes;
      ++written;
    };
    hooks.calling_thread_reads = threads % 2 == 0;  // 2 and 4: every reader
    run_ordered_pipeline(hooks, threads, k_budget);
    EXPECT_EQ(written, 200u);
    EXPECT_LE(most, k_budget + 1500) << threads << " threads";
  }
}

// Input that comes slowly (a pipe from a live export, `tail -f`) does not
// hold back what is done: while the reader waits for the second batch, the
// first one's results are written.
TEST(OrderedPipeline, WritesWhatIsDoneWhileTheReaderWaitsForInput) {
  for (const std::size_t threads : {std::size_t{2}, std::size_t{4}}) {
    std::mutex mutex;
    std::condition_variable changed;
    bool first_written = false;
    bool waited_in_vain = false;
    std::size_t reads = 0;
    PipelineHooks hooks;
    hooks.read = [&](Batch& batch) {
      if (reads == 2) return false;
      if (reads++ == 1) {
        std::unique_lock lock(mutex);
        waited_in_vain =
            !changed.wait_for(lock, std::chrono::seconds(10), [&] { return first_written; });
      }
      batch.inputs.push_back(std::to_string(reads));
      return true;
    };
    hooks.work = [](Batch& batch, std::size_t) { batch.output = batch.inputs.front(); };
    std::string written;
    hooks.write = [&](Batch& batch) {
      written += batch.output;
      std::lock_guard lock(mutex);
      first_written = true;
      changed.notify_all();
    };
    run_ordered_pipeline(hooks, threads);
    EXPECT_FALSE(waited_in_vain) << threads << " threads: nothing written while input was slow";
    EXPECT_EQ(written, "12");
  }
}
