// review_streams' stop callback: a caller that must stop (a signal, a failed
// write) gets whole batches of complete lines and no reading after it.

#include <closecoach/engine.hpp>
#include <closecoach/playbook.hpp>
#include <closecoach/review.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>

#include "bench/deal_generator.hpp"
#include "support/test_support.hpp"

namespace closecoach {
namespace {

using testing::default_engine;

std::string deals(std::size_t count) {
  std::string text;
  for (std::size_t i = 0; i < count; ++i) text += bench::synthetic_deal(i) + "\n";
  return text;
}

struct Stopped {
  std::string out;
  std::size_t written = 0;  // records whose results were written, as progress says
};

// Reviews 5,000 deals, then a second input, and says stop once `writes`
// batches have been written.
Stopped review_stopping_after(std::size_t writes, std::size_t threads, std::istringstream& second) {
  auto reviewer = Reviewer::create(default_engine(), {});
  EXPECT_TRUE(reviewer.ok());
  std::istringstream first(deals(5000));
  ReviewStreamOptions options;
  options.threads = threads;
  std::size_t asked = 0;
  Stopped stopped;
  ReviewCallbacks callbacks;
  callbacks.stop = [&] { return asked++ >= writes; };
  callbacks.progress = [&](const ReviewProgress& progress) { stopped.written = progress.records; };
  std::ostringstream out;
  EXPECT_TRUE(review_streams(*reviewer, {{&first, "a", false}, {&second, "b", false}}, options, out,
                             callbacks)
                  .ok());
  stopped.out = out.str();
  return stopped;
}

TEST(ReviewStreamsStop, WritesOnlyTheBatchesBeforeTheStop) {
  for (const std::size_t threads : {1u, 4u}) {
    std::istringstream second(deals(3));
    const Stopped stopped = review_stopping_after(2, threads, second);
    const auto lines =
        static_cast<std::size_t>(std::count(stopped.out.begin(), stopped.out.end(), '\n'));
    EXPECT_EQ(lines, stopped.written) << threads << " threads";
    EXPECT_GT(lines, 0u);
    EXPECT_LT(lines, 5000u);
    EXPECT_EQ(stopped.out.back(), '\n');
    EXPECT_EQ(second.tellg(), 0) << "the input after the stop is not read";
  }
}

TEST(ReviewStreamsStop, WritesNothingWhenStoppedBeforeTheFirstBatch) {
  std::istringstream second(deals(3));
  const Stopped stopped = review_stopping_after(0, 1, second);
  EXPECT_EQ(stopped.out, "");
  EXPECT_EQ(stopped.written, 0u);
}

}  // namespace
}  // namespace closecoach
