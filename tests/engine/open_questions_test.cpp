// open_questions: the facts whose answers could still change moves[0], which
// the consultation counts as "at most N more". The count must be truthful.

#include <closecoach/engine.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "support/test_support.hpp"

using closecoach::testing::default_engine;

namespace closecoach {
namespace {

// A random answer to fact `slot`: an enum's value, a bool, or a small number.
Value random_answer(const Engine& engine, int slot, std::mt19937& random) {
  const FactSpec& spec = engine.schema().spec(slot);
  switch (spec.type) {
    case FactType::enumeration:
      return engine.schema().enum_value(slot, random() % spec.values.size());
    case FactType::boolean:
      return Value::of(random() % 2 == 0);
    default:
      return Value::of(static_cast<double>(random() % 8));
  }
}

bool contains(const std::vector<int>& slots, int slot) {
  return std::find(slots.begin(), slots.end(), slot) != slots.end();
}

TEST(OpenQuestions, BoundTheQuestionsLeftOnEveryPathOfTheConsultation) {
  const Engine& engine = default_engine();
  std::mt19937 random(13);
  for (int path = 0; path < 300; ++path) {
    std::vector<Value> facts = engine.blank_facts();
    std::vector<std::size_t> bounds;  // "at most N more" when each question was asked
    std::vector<int> previous_open;
    bool first = true;
    for (Advice advice = engine.advise(facts); !advice.settled; advice = engine.advise(facts)) {
      ASSERT_GE(advice.next_question, 0);
      const std::vector<int> open = engine.open_questions(facts);
      ASSERT_TRUE(contains(open, advice.next_question)) << "path " << path;
      for (const int slot : open) {
        EXPECT_FALSE(facts[static_cast<std::size_t>(slot)].known());
        EXPECT_FALSE(engine.schema().spec(slot).derived);
        if (!first) {
          EXPECT_TRUE(contains(previous_open, slot)) << "the set grew on path " << path;
        }
      }
      bounds.push_back(open.size() - 1);
      previous_open = open;
      first = false;
      facts[static_cast<std::size_t>(advice.next_question)] =
          random_answer(engine, advice.next_question, random);
    }
    for (std::size_t asked = 0; asked < bounds.size(); ++asked)
      EXPECT_LE(bounds.size() - asked - 1, bounds[asked])
          << "path " << path << ", question " << asked + 1;
  }
}

TEST(OpenQuestions, AreNoneOnceTheTopMoveIsCertain) {
  const Engine& engine = default_engine();
  std::vector<Value> facts = engine.blank_facts();
  ASSERT_TRUE(engine.read_assignment("has_need=false", facts).ok());  // a D: leave gracefully
  ASSERT_TRUE(engine.advise(facts).settled);
  EXPECT_TRUE(engine.open_questions(facts).empty());
}

}  // namespace
}  // namespace closecoach
