// Report throughput in-process: review output lines read and added up, and
// the attention list kept at its limit. The whole-process figure (a million
// lines, peak memory) comes from tests/bench/report_scale.sh.

#include <closecoach/report.hpp>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <string>
#include <vector>

namespace {

using namespace closecoach;

// Review output shaped as review writes it: owners, classes, moves and
// warnings in the mix a pipeline of 20,000 deals has.
const std::vector<std::string>& review_lines() {
  static const std::vector<std::string> lines = [] {
    const char* const classes[] = {"\"A\"", "\"B\"", "\"C\"", "\"D\"", "null"};
    const char* const moves[] = {"trial_close",        "reach_decision_maker", "graceful_exit",
                                 "alternatives_probe", "motivation_driver",    "hard_close"};
    const char* const warnings[] = {"[]",
                                    "[\"a_class_overdue\"]",
                                    "[\"fatigue_concession\"]",
                                    "[\"bridge_burner\"]",
                                    "[]",
                                    "[]",
                                    "[]"};
    std::vector<std::string> out;
    for (std::size_t i = 0; i < 20000; ++i)
      out.push_back(fmt::format(
          R"({{"id":"D-{0}","line":{0},"name":"Deal {0}","owner":"Rep {1}","closed":{2},"class":{3},"moves":["{4}","trial_close"],"avoid":["hard_close","pain_driver"],"warnings":{5},"signals":[],"error":null}})",
          i, i % 40, i % 17 == 0 ? "\"won\"" : "null", classes[i % 5], moves[i % 6],
          warnings[i % 7]));
    return out;
  }();
  return lines;
}

void ReportAddLine(benchmark::State& state) {
  ReportAggregator report(50);
  std::size_t i = 0;
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string& line = review_lines()[i++ % review_lines().size()];
    benchmark::DoNotOptimize(report.add_line(line));
    bytes += line.size();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(ReportAddLine);

}  // namespace
