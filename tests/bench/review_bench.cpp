// Review throughput in-process: one worker, and the ordered pipeline.
// The whole-process figure (deals/s and peak memory) comes from
// tests/bench/review_scale.sh.

#include <closecoach/engine.hpp>
#include <closecoach/ordered_pipeline.hpp>
#include <closecoach/review.hpp>

#include <benchmark/benchmark.h>

#include <vector>

#include "deal_generator.hpp"

namespace {

using namespace closecoach;

Engine default_engine() {
  PlaybookLoad load = load_playbook(default_playbook_text(), "playbook.json");
  return std::move(Engine::create(std::move(*load.playbook)).value());
}

const std::vector<std::string>& deals() {
  static const std::vector<std::string> lines = [] {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < 20000; ++i) out.push_back(bench::synthetic_deal(i));
    return out;
  }();
  return lines;
}

void ReviewOneThread(benchmark::State& state) {
  const Engine engine = default_engine();
  const Reviewer reviewer = std::move(Reviewer::create(engine, {}).value());
  auto scratch = reviewer.make_scratch();
  ReviewTally tally;
  std::string out;
  std::size_t i = 0;
  for (auto _ : state) {
    out.clear();
    reviewer.review_json_line(deals()[i % deals().size()], i + 1, *scratch, out, tally);
    benchmark::DoNotOptimize(out.data());
    ++i;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(ReviewOneThread);

void ReviewPipeline(benchmark::State& state) {
  const Engine engine = default_engine();
  const Reviewer reviewer = std::move(Reviewer::create(engine, {}).value());
  const auto threads = static_cast<std::size_t>(state.range(0));
  std::vector<std::shared_ptr<Reviewer::Scratch>> scratch;
  std::vector<ReviewTally> tallies(threads);
  for (std::size_t t = 0; t < threads; ++t) scratch.push_back(reviewer.make_scratch());
  for (auto _ : state) {
    std::size_t next = 0;
    std::size_t bytes = 0;
    PipelineHooks hooks;
    hooks.read = [&](Batch& batch) {
      for (; next < deals().size() && batch.inputs.size() < 512; ++next)
        batch.inputs.push_back(deals()[next]);
      return !batch.inputs.empty();
    };
    hooks.work = [&](Batch& batch, std::size_t worker) {
      for (std::size_t k = 0; k < batch.inputs.size(); ++k)
        reviewer.review_json_line(batch.inputs[k], k + 1, *scratch[worker], batch.output,
                                  tallies[worker]);
    };
    hooks.write = [&](Batch& batch) { bytes += batch.output.size(); };
    run_ordered_pipeline(hooks, threads);
    benchmark::DoNotOptimize(bytes);
  }
  state.SetItemsProcessed(state.iterations() *
                          static_cast<benchmark::IterationCount>(deals().size()));
}
BENCHMARK(ReviewPipeline)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
