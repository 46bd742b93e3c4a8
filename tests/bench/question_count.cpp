// How many questions the consultation asks, against the fewest that could
// settle each case: for every case, following next_question (answering from
// the case) until the advice is settled, and the smallest set of the case's
// answers that settles the same moves[0] (a lower bound no strategy can beat,
// since a strategy does not know the answers before it asks).
//   question_count PLAYBOOK_TESTS.json [EXAMPLES.json] [--random N] [--generated N]
// --random answers every fact uniformly at random; --generated takes the
// facts of the review benchmark's synthetic deals (tests/bench/deal_generator),
// a pipeline skewed as real ones are but not the playbook's frequencies.
// Prints, per set of cases, the average share of input facts asked and the
// average share of the lower bound.

#include <closecoach/engine.hpp>
#include <closecoach/playbook.hpp>
#include <closecoach/scenarios.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "deal_generator.hpp"
#include "support/test_support.hpp"

using namespace closecoach;

namespace {

int top_of(const Advice& advice) {
  return advice.moves.empty() ? -1 : advice.moves.front().technique;
}

std::size_t input_fact_count(const Engine& engine) {
  std::size_t count = 0;
  for (const auto& spec : engine.schema().facts()) count += spec.derived ? 0 : 1;
  return count;
}

// Questions asked following next_question; -1 when it asked a fact the case
// leaves unanswered (the case cannot tell the consultation's answer).
int asked(const Engine& engine, const std::vector<Value>& truth, std::vector<int>& order) {
  std::vector<Value> facts = engine.blank_facts();
  int count = 0;
  Advice advice = engine.advise(facts);
  while (!advice.settled) {
    const auto slot = static_cast<std::size_t>(advice.next_question);
    if (advice.next_question < 0 || !truth[slot].known()) return -1;
    facts[slot] = truth[slot];
    order.push_back(advice.next_question);
    ++count;
    advice = engine.advise(facts);
  }
  return count;
}

// The smallest number of the case's answers that settles its moves[0].
int lower_bound(const Engine& engine, const std::vector<Value>& truth, std::vector<int>& fewest) {
  const int top = top_of(engine.advise(truth, false));
  std::vector<int> known;
  for (std::size_t slot = 0; slot < truth.size(); ++slot)
    if (truth[slot].known() && !engine.schema().spec(static_cast<int>(slot)).derived)
      known.push_back(static_cast<int>(slot));
  const int n = static_cast<int>(known.size());
  for (int size = 0; size <= n; ++size) {
    std::vector<bool> chosen(static_cast<std::size_t>(n), false);
    std::fill(chosen.begin(), chosen.begin() + size, true);
    do {
      std::vector<Value> facts = engine.blank_facts();
      for (int i = 0; i < n; ++i)
        if (chosen[static_cast<std::size_t>(i)])
          facts[static_cast<std::size_t>(known[static_cast<std::size_t>(i)])] =
              truth[static_cast<std::size_t>(known[static_cast<std::size_t>(i)])];
      const Advice advice = engine.advise(facts);
      if (advice.settled && top_of(advice) == top) {
        for (int i = 0; i < n; ++i)
          if (chosen[static_cast<std::size_t>(i)])
            fewest.push_back(known[static_cast<std::size_t>(i)]);
        return size;
      }
    } while (std::prev_permutation(chosen.begin(), chosen.end()));
  }
  return n;
}

std::string text_of(const Value& value) {
  switch (value.kind) {
    case Value::Kind::boolean:
      return value.boolean ? "true" : "false";
    case Value::Kind::number:
      return fmt::format("{}", value.number);
    case Value::Kind::string:
      return std::string(value.string);
    case Value::Kind::unknown:
    case Value::Kind::null:
      break;
  }
  return "?";
}

struct Tally {
  double asked = 0;
  double bound = 0;
  int cases = 0;
  int skipped = 0;
};

void count(const Engine& engine, const std::vector<Value>& truth, Tally& tally,
           const std::string& name = {}) {
  std::vector<int> order;
  const int questions = asked(engine, truth, order);
  if (questions < 0) {
    ++tally.skipped;
    return;
  }
  const auto facts = static_cast<double>(input_fact_count(engine));
  std::vector<int> fewest;
  const int bound = lower_bound(engine, truth, fewest);
  if (std::getenv("QUESTION_COUNT_CASES") != nullptr && !name.empty()) {
    fmt::print("  {:<45} asked {:2}  fewest {:2}\n", name, questions, bound);
    const auto ids = [&](const std::vector<int>& slots) {
      std::string out;
      for (const int slot : slots) {
        const auto index = static_cast<std::size_t>(slot);
        out += fmt::format(" {}={}", engine.schema().spec(slot).id, text_of(truth[index]));
      }
      return out;
    };
    fmt::print("    asked: {}\n    fewest:{}\n", ids(order), ids(fewest));
  }
  tally.asked += questions / facts;
  tally.bound += bound / facts;
  ++tally.cases;
}

void print(const std::string& name, const Tally& tally) {
  fmt::print(
      "{:<28} {:>4} cases  asked {:5.1f}%  lower bound {:5.1f}%  ({} skipped: the "
      "consultation asked what the case leaves unanswered)\n",
      name, tally.cases, 100 * tally.asked / tally.cases, 100 * tally.bound / tally.cases,
      tally.skipped);
}

Tally scenario_file(const Engine& engine, const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  Tally tally;
  auto scenarios = read_scenarios(text.str(), path);
  if (!scenarios.ok()) {
    fmt::print(stderr, "{}\n", format_diagnostic(scenarios.error()));
    std::exit(2);
  }
  for (const auto& scenario : scenarios.value()) {
    if (!scenario.notes.empty()) continue;  // notes answer facts the count cannot see
    std::vector<Value> truth = engine.blank_facts();
    if (!engine.read_answers(scenario.answers, truth).ok()) continue;
    count(engine, truth, tally, scenario.name);
  }
  return tally;
}

// Every input fact answered at random (numbers 0 to 24).
Tally random_cases(const Engine& engine, int cases) {
  std::mt19937 random(20261202);
  Tally tally;
  for (int i = 0; i < cases; ++i)
    count(engine, closecoach::testing::random_answers(engine, random), tally);
  return tally;
}

// The facts of the first `cases` synthetic deals (their notes left out).
Tally generated_cases(const Engine& engine, int cases) {
  Tally tally;
  for (int i = 0; i < cases; ++i) {
    const auto deal = nlohmann::json::parse(bench::synthetic_deal(static_cast<std::size_t>(i)));
    std::vector<Value> truth = engine.blank_facts();
    if (engine.read_answers(deal["facts"], truth).ok()) count(engine, truth, tally);
  }
  return tally;
}

}  // namespace

int main(int argc, char** argv) {
  const Engine& engine = closecoach::testing::default_engine();
  int random_count = 0;
  int generated_count = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--random" && i + 1 < argc)
      random_count = std::atoi(argv[++i]);
    else if (arg == "--generated" && i + 1 < argc)
      generated_count = std::atoi(argv[++i]);
    else
      print(arg.substr(arg.find_last_of('/') + 1), scenario_file(engine, arg));
  }
  if (random_count > 0) print("random (all answered)", random_cases(engine, random_count));
  if (generated_count > 0) print("generated deals", generated_cases(engine, generated_count));
}
