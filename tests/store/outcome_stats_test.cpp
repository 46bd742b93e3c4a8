// Win rates and their Wilson intervals, checked against values computed by
// hand (python3: the Wilson score interval, z = 1.959963984540054).

#include <closecoach/outcome_stats.hpp>

#include <gtest/gtest.h>

using closecoach::DealEvent;
using closecoach::summarize_outcomes;
using closecoach::wilson_interval;

namespace {

DealEvent outcome(const std::string& move, const std::string& result, const std::string& klass,
                  const std::string& stage) {
  return {
      DealEvent::Kind::outcome, "d", "", nlohmann::json::object(), move, result, klass, stage, ""};
}

}  // namespace

TEST(StatsWilson, TwelveOfThirtyIsFortyPercentFrom25To58) {
  const auto interval = wilson_interval(12, 30);
  ASSERT_TRUE(interval.has_value());
  EXPECT_NEAR(interval->low, 0.2459062812, 1e-9);
  EXPECT_NEAR(interval->high, 0.5767963975, 1e-9);
}

TEST(StatsWilson, MatchesHandComputedValuesAtTheEdges) {
  EXPECT_NEAR(wilson_interval(0, 5)->low, 0.0, 1e-12);
  EXPECT_NEAR(wilson_interval(0, 5)->high, 0.4344824648, 1e-9);
  EXPECT_NEAR(wilson_interval(5, 5)->low, 0.5655175352, 1e-9);
  EXPECT_NEAR(wilson_interval(5, 5)->high, 1.0, 1e-12);
  EXPECT_NEAR(wilson_interval(7, 10)->low, 0.3967781475, 1e-9);
  EXPECT_NEAR(wilson_interval(7, 10)->high, 0.8922087326, 1e-9);
  EXPECT_NEAR(wilson_interval(45, 100)->low, 0.3561453798, 1e-9);
  EXPECT_NEAR(wilson_interval(45, 100)->high, 0.5475539700, 1e-9);
  EXPECT_FALSE(wilson_interval(0, 0).has_value());
}

TEST(StatsSummary, CountsByTechniqueClassAndStageInTheContractsShape) {
  const auto stats = summarize_outcomes({outcome("hard_close", "won", "A", "negotiation"),
                                         outcome("hard_close", "lost", "A", ""),
                                         outcome("hard_close", "stalled", "", "negotiation"),
                                         outcome("trial_close", "advanced", "B", "discovery")});
  const auto out = closecoach::to_json(stats);
  EXPECT_EQ(out["by_technique"]["hard_close"],
            (nlohmann::json{{"n", 3},
                            {"won", 1},
                            {"lost", 1},
                            {"stalled", 1},
                            {"advanced", 0},
                            {"win_rate", 0.5},
                            {"ci95", {wilson_interval(1, 2)->low, wilson_interval(1, 2)->high}}}));
  EXPECT_NEAR(out["by_technique"]["hard_close"]["ci95"][0].get<double>(), 0.0945312057, 1e-9);
  EXPECT_EQ(out["by_technique_class"]["hard_close"]["A"]["n"], 2);
  EXPECT_EQ(out["by_technique_class"]["hard_close"]["none"]["stalled"], 1);
  EXPECT_EQ(out["by_technique_stage"]["hard_close"]["negotiation"]["n"], 2);
  EXPECT_EQ(out["by_technique_stage"]["hard_close"]["none"]["lost"], 1);
  EXPECT_TRUE(out["by_technique"]["trial_close"]["win_rate"].is_null());
  EXPECT_TRUE(out["by_technique"]["trial_close"]["ci95"].is_null());
}
