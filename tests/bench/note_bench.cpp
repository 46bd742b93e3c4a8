// How the time to read one note grows with its length, for the notes a
// hostile export holds (issue 8, finding 2) and for plain prose: each step
// review takes over a note (the HTML check and stripping, normalisation,
// signal matching against the default playbook) must be linear in it.
//
//   note_bench --benchmark_filter=HostileNote
//
// Each shape runs at 64 KiB to 1 MiB, doubling; the fit (BigO) should say
// N, and the time per byte should stay flat from one size to the next.

#include <closecoach/playbook.hpp>
#include <closecoach/signals.hpp>
#include <closecoach/text.hpp>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace closecoach;

// The default playbook's signals, as review compiles them, plus `extra`.
SignalMatcher default_matcher(const std::vector<std::string>& extra) {
  PlaybookLoad load = load_playbook(default_playbook_text(), "playbook.json");
  if (!load.playbook) throw std::runtime_error("the default playbook does not load");
  std::vector<SignalSpec> specs = signal_specs(load.playbook->signals);
  if (!extra.empty()) specs.push_back({"extra", "has_need", true, extra, ""});
  auto matcher = SignalMatcher::create(std::move(specs), cue_specs(load.playbook->cues));
  if (!matcher) throw std::runtime_error(matcher.error().message);
  return std::move(matcher).value();
}

// `unit` repeated to `bytes` (whole units), after `head`.
std::string repeat(std::string_view head, std::string_view unit, std::int64_t bytes) {
  std::string note(head);
  while (note.size() + unit.size() <= static_cast<std::size_t>(bytes)) note += unit;
  return note;
}

struct Shape {
  const char* name;
  std::string_view head;
  std::string_view unit;
  std::vector<std::string> extra_patterns;
};

const std::string k_prose =
    "Met with the operations manager on Tuesday; she liked the dashboards but said the price "
    "is high and she needs to talk to her boss. Клиент обещал подумать до пятницы. "
    "客户说要考虑一下，下周再联系。 Sent the recap & the deck <br> call back Friday.\n";
const std::string k_html_prose =
    "<p>Met with the <b>operations manager</b> on Tuesday &mdash; she liked the dashboards "
    "but said the price is high. <a href=\"https://crm.example/deal?id=1&amp;tab=notes\" "
    "title='notes'>notes</a></p><div>Client wants to think it over.</div>\n";

const std::vector<Shape>& shapes() {
  static const std::vector<Shape> list = {
      {"combining_marks", "a", "\u0315\u0301\u0316\u0300", {}},
      {"open_tags", "", "<a ", {}},
      {"ampersands", "", "&", {}},
      {"open_quotes", "", "<a \"", {}},
      {"open_declarations", "", "<!", {}},
      {"long_phrase_vs_aaa", "", "a", {std::string(5000, 'a')}},
      {"prose", "", k_prose, {}},
      // Cues and mentions everywhere: each cue's scope and each mention's cover.
      {"negated_mentions",
       "",
       "not ready to sign, no budget, 不是没有需求, не готов подписать. ",
       {}},
      {"cue_after_cue", "", "not no never if ", {}},
      {"html_prose", "", k_html_prose, {}},
  };
  return list;
}

// What review does with a note (src/review/review.cpp, apply_signals).
void read_note(const SignalMatcher& matcher, const std::string& note, NormalizedNote& normalized,
               std::vector<SignalReading>& readings) {
  const bool html = note.find_first_of("<&") != std::string::npos && looks_like_html(note);
  OffsetMap origins;
  const std::string plain = html ? strip_html(note, &origins) : std::string();
  normalize_note(html ? std::string_view(plain) : std::string_view(note), normalized);
  readings.clear();
  matcher.read(normalized.text, readings);
}

void HostileNote(benchmark::State& state, const Shape& shape) {
  const SignalMatcher matcher = default_matcher(shape.extra_patterns);
  const std::string note = repeat(shape.head, shape.unit, state.range(0));
  NormalizedNote normalized;
  std::vector<SignalReading> readings;
  for (auto _ : state) {
    read_note(matcher, note, normalized, readings);
    benchmark::DoNotOptimize(readings.data());
  }
  state.SetComplexityN(static_cast<std::int64_t>(note.size()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(note.size()));
}

// What every `review` and `advise --notes` pays before the first note:
// compiling the default playbook's signals and cues.
void CompileDefaultSignals(benchmark::State& state) {
  PlaybookLoad load = load_playbook(default_playbook_text(), "playbook.json");
  if (!load.playbook) throw std::runtime_error("the default playbook does not load");
  for (auto _ : state) {
    auto matcher =
        SignalMatcher::create(signal_specs(load.playbook->signals), cue_specs(load.playbook->cues));
    benchmark::DoNotOptimize(matcher.ok());
  }
}
BENCHMARK(CompileDefaultSignals)->Unit(benchmark::kMillisecond);

const bool k_registered = [] {
  for (const Shape& shape : shapes()) {
    benchmark::RegisterBenchmark(fmt::format("BM_HostileNote/{}", shape.name).c_str(), HostileNote,
                                 shape)
        ->RangeMultiplier(2)
        ->Range(std::int64_t{64} << 10, std::int64_t{1} << 20)
        ->Unit(benchmark::kMillisecond)
        ->Complexity(benchmark::oN);
  }
  return true;
}();

}  // namespace
