#include <closecoach/engine.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "support/test_support.hpp"

using namespace closecoach;

namespace {

// Random answers for the default playbook's input facts, some left
// unanswered (so that assumptions are read), some null.
std::vector<Value> random_answers(const Engine& engine, std::mt19937_64& random) {
  const FactSchema& schema = engine.schema();
  std::vector<Value> facts = engine.blank_facts();
  for (std::size_t slot = 0; slot < facts.size(); ++slot) {
    const FactSpec& spec = schema.spec(static_cast<int>(slot));
    const std::uint64_t pick = random() % 8;
    if (spec.derived || pick == 0) continue;  // unanswered
    if (pick == 1) {
      facts[slot] = Value::null_value();
      continue;
    }
    switch (spec.type) {
      case FactType::enumeration:
        facts[slot] = schema.enum_value(static_cast<int>(slot), random() % spec.values.size());
        break;
      case FactType::boolean:
        facts[slot] = Value::of(random() % 2 == 0);
        break;
      default:
        facts[slot] = Value::of(static_cast<double>(random() % 15));
        break;
    }
  }
  return facts;
}

void expect_same(const Advice& expected, const Advice& got, int deal) {
  SCOPED_TRACE(deal);
  ASSERT_EQ(expected.facts.size(), got.facts.size());
  for (std::size_t slot = 0; slot < expected.facts.size(); ++slot)
    EXPECT_TRUE(same_value(expected.facts[slot], got.facts[slot])) << "slot " << slot;
  EXPECT_EQ(expected.assumed, got.assumed);
  ASSERT_EQ(expected.moves.size(), got.moves.size());
  for (std::size_t i = 0; i < expected.moves.size(); ++i) {
    EXPECT_EQ(expected.moves[i].technique, got.moves[i].technique);
    EXPECT_EQ(expected.moves[i].rules, got.moves[i].rules);
  }
  ASSERT_EQ(expected.avoid.size(), got.avoid.size());
  for (std::size_t i = 0; i < expected.avoid.size(); ++i) {
    EXPECT_EQ(expected.avoid[i].technique, got.avoid[i].technique);
    EXPECT_EQ(expected.avoid[i].rule, got.avoid[i].rule);
  }
  ASSERT_EQ(expected.warnings.size(), got.warnings.size());
  for (std::size_t i = 0; i < expected.warnings.size(); ++i) {
    EXPECT_EQ(expected.warnings[i].warning, got.warnings[i].warning);
    EXPECT_EQ(expected.warnings[i].rule, got.warnings[i].rule);
    EXPECT_EQ(expected.warnings[i].technique, got.warnings[i].technique);
  }
  EXPECT_FALSE(got.settled);
  EXPECT_EQ(got.next_question, -1);
  EXPECT_TRUE(got.branches.empty());
}

}  // namespace

// One Advice reused deal after deal (more moves, then fewer, then none of the
// earlier ones) holds exactly what a fresh advise() gives for each.
TEST(AdviseMoves, ReusingOneAdviceGivesWhatAdviseGivesForEveryDeal) {
  const Engine& engine = closecoach::testing::default_engine();
  std::mt19937_64 random(16);
  Advice reused;
  for (int deal = 0; deal < 3000; ++deal) {
    const std::vector<Value> answers = random_answers(engine, random);
    engine.advise_moves(answers, reused);
    expect_same(engine.advise(answers, false), reused, deal);
    if (::testing::Test::HasFailure()) return;
  }
}

// Whatever `out` held before, and derived facts given in the input, are not
// read: the class is derived afresh.
TEST(AdviseMoves, IgnoresWhatTheAdviceHeldAndGivenDerivedFacts) {
  const Engine& engine = closecoach::testing::default_engine();
  std::mt19937_64 random(7);
  Advice reused = engine.advise(random_answers(engine, random), true);
  std::vector<Value> answers = random_answers(engine, random);
  const int klass = engine.schema().slot_of("customer_class");
  ASSERT_GE(klass, 0);
  answers[static_cast<std::size_t>(klass)] = engine.schema().enum_value(klass, 0);
  engine.advise_moves(answers, reused);
  expect_same(engine.advise(answers, false), reused, 0);
}
