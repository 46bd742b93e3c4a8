#pragma once
// The outcome journal summed up (closecoach stats): counts per technique, per
// technique and class, per technique and stage, with win rates and their
// Wilson score intervals.

#include <closecoach/deal_store.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace closecoach {

// The least won + lost for which a win rate is worth a sentence (stats'
// strongest and weakest, the team's record in advise). Below it the interval
// is wider than half the scale: a rate would read as a verdict it is not.
inline constexpr int k_min_decided_outcomes = 10;

// The class or stage key of an outcome whose class or stage was not known.
inline constexpr std::string_view k_none_key = "none";

struct OutcomeCounts {
  int n = 0;  // every outcome, stalled and advanced included
  int won = 0;
  int lost = 0;
  int stalled = 0;
  int advanced = 0;
  int decided() const { return won + lost; }
};

struct Interval {
  double low = 0;
  double high = 0;
};

// won / (won + lost), or nullopt when none was decided.
std::optional<double> win_rate(const OutcomeCounts& counts);

// The Wilson score interval of `successes` in `trials` at `z` (1.96: 95%);
// nullopt when trials is 0. Precondition: 0 <= successes <= trials.
std::optional<Interval> wilson_interval(int successes, int trials, double z = 1.959963984540054);

struct OutcomeStats {
  std::map<std::string, OutcomeCounts> by_technique;
  // technique → class (k_none_key when unknown) → counts
  std::map<std::string, std::map<std::string, OutcomeCounts>> by_technique_class;
  // technique → stage (k_none_key when unknown) → counts
  std::map<std::string, std::map<std::string, OutcomeCounts>> by_technique_stage;
};

// Counts `outcomes` (DealEvent::Kind::outcome) by technique, class and stage.
OutcomeStats summarize_outcomes(const std::vector<DealEvent>& outcomes);

// The contract's JSON: {"by_technique": {technique: {"n", "won", "lost",
// "stalled", "advanced", "win_rate", "ci95": [lo, hi]}}, "by_technique_class":
// {technique: {class: {...}}}, "by_technique_stage": {technique: {stage:
// {...}}}}; win_rate and ci95 are null when won + lost is 0.
nlohmann::json to_json(const OutcomeStats& stats);
nlohmann::json to_json(const OutcomeCounts& counts);

}  // namespace closecoach
