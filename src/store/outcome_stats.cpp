#include <closecoach/outcome_stats.hpp>

#include <cmath>

namespace closecoach {

std::optional<double> win_rate(const OutcomeCounts& counts) {
  if (counts.decided() == 0) return std::nullopt;
  return static_cast<double>(counts.won) / counts.decided();
}

std::optional<Interval> wilson_interval(int successes, int trials, double z) {
  if (trials <= 0) return std::nullopt;
  const double n = trials;
  const double p = successes / n;
  const double z2 = z * z;
  const double denominator = 1 + z2 / n;
  const double centre = (p + z2 / (2 * n)) / denominator;
  const double half = z * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
  return Interval{std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

namespace {

void count(OutcomeCounts& counts, const std::string& outcome) {
  ++counts.n;
  if (outcome == "won") ++counts.won;
  if (outcome == "lost") ++counts.lost;
  if (outcome == "stalled") ++counts.stalled;
  if (outcome == "advanced") ++counts.advanced;
}

std::string key_or_none(const std::string& key) {
  return key.empty() ? std::string(k_none_key) : key;
}

nlohmann::json nested_json(
    const std::map<std::string, std::map<std::string, OutcomeCounts>>& groups) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [technique, by_key] : groups)
    for (const auto& [key, counts] : by_key) out[technique][key] = to_json(counts);
  return out;
}

}  // namespace

OutcomeStats summarize_outcomes(const std::vector<DealEvent>& outcomes) {
  OutcomeStats stats;
  for (const auto& event : outcomes) {
    if (event.kind != DealEvent::Kind::outcome) continue;
    count(stats.by_technique[event.move], event.outcome);
    count(stats.by_technique_class[event.move][key_or_none(event.customer_class)], event.outcome);
    count(stats.by_technique_stage[event.move][key_or_none(event.stage)], event.outcome);
  }
  return stats;
}

nlohmann::json to_json(const OutcomeCounts& counts) {
  nlohmann::json out{{"n", counts.n},
                     {"won", counts.won},
                     {"lost", counts.lost},
                     {"stalled", counts.stalled},
                     {"advanced", counts.advanced},
                     {"win_rate", nullptr},
                     {"ci95", nullptr}};
  if (const auto rate = win_rate(counts)) {
    out["win_rate"] = *rate;
    const auto interval = wilson_interval(counts.won, counts.decided());
    out["ci95"] = {interval->low, interval->high};
  }
  return out;
}

nlohmann::json to_json(const OutcomeStats& stats) {
  nlohmann::json by_technique = nlohmann::json::object();
  for (const auto& [technique, counts] : stats.by_technique)
    by_technique[technique] = to_json(counts);
  return {{"by_technique", by_technique},
          {"by_technique_class", nested_json(stats.by_technique_class)},
          {"by_technique_stage", nested_json(stats.by_technique_stage)}};
}

}  // namespace closecoach
