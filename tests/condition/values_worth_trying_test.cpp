#include <closecoach/condition.hpp>
#include <closecoach/expression.hpp>

#include <gtest/gtest.h>

namespace closecoach {
namespace {

using nlohmann::json;

FactSpec spec(std::string id, FactType type, std::optional<double> minimum = std::nullopt,
              std::optional<double> maximum = std::nullopt) {
  FactSpec fact;
  fact.id = std::move(id);
  fact.type = type;
  fact.minimum = minimum;
  fact.maximum = maximum;
  if (type == FactType::enumeration) fact.values = {"early", "late"};
  return fact;
}

const FactSchema& schema() {
  static const FactSchema k_schema({
      spec("x", FactType::number),
      spec("tries", FactType::integer, 0.0),
      spec("share", FactType::number, 0.0, 1.0),
      spec("stage", FactType::enumeration),
      spec("ok", FactType::boolean),
      spec("notes", FactType::string),
  });
  return k_schema;
}

std::set<double> boundaries(const std::string& expression, std::string_view fact) {
  std::set<double> out;
  collect_boundaries(*parse_expression(expression), fact, out);
  return out;
}

json tried(std::string_view fact, const std::set<double>& boundaries) {
  json out = json::array();
  for (const Value& value : values_worth_trying(schema(), schema().slot_of(fact), boundaries))
    out.push_back(FactSchema::value_to_json(value));
  return out;
}

// Whether some value worth trying makes `expression` true (`fact` is its one fact).
bool satisfiable(const std::string& expression, std::string_view fact) {
  const auto condition = Condition::compile(*parse_expression(expression), schema());
  std::vector<Value> facts(schema().size());
  for (const Value& value :
       values_worth_trying(schema(), schema().slot_of(fact), boundaries(expression, fact))) {
    facts[static_cast<std::size_t>(schema().slot_of(fact))] = value;
    if (condition->evaluate(facts) == Truth::yes) return true;
  }
  return false;
}

TEST(CollectBoundaries, FindsTheNumbersAFactIsComparedWith) {
  EXPECT_EQ(boundaries("x > 2.9 and x < 3.1 and tries >= 2", "x"), (std::set<double>{2.9, 3.1}));
  EXPECT_EQ(boundaries("1 < x < 5 or x in [7, 9]", "x"), (std::set<double>{1, 5, 7, 9}));
  EXPECT_EQ(boundaries("tries >= 2", "x"), std::set<double>{});
}

TEST(ValuesWorthTrying, TakesBoundariesMidpointsAndOneBeyondEachEnd) {
  EXPECT_EQ(tried("x", {2.9, 3.1}), json::parse("[-1, 0, 1.45, 2.9, 3, 3.1, 4.1]"));
  EXPECT_EQ(tried("x", {}), json::parse("[-1, 0, 1]"));
}

TEST(ValuesWorthTrying, KeepsToWholeNumbersWithinTheFactsBounds) {
  EXPECT_EQ(tried("tries", {2}), json::parse("[0, 1, 2, 3]"));
  EXPECT_EQ(tried("tries", {10}), json::parse("[0, 5, 10, 11]"));
  EXPECT_EQ(tried("tries", {2.5, 2.7}), json::parse("[0, 1, 3]"));
  EXPECT_EQ(tried("share", {0.5, 2}), json::parse("[0, 0.25, 0.5, 0.75, 1]"));
}

TEST(ValuesWorthTrying, TakesEveryValueOfABoolOrEnumAndNoText) {
  EXPECT_EQ(tried("ok", {1}), json::parse("[false, true]"));
  EXPECT_EQ(tried("stage", {}), json::parse(R"(["early", "late"])"));
  EXPECT_EQ(tried("notes", {}), json::array());
}

TEST(ValuesWorthTrying, FindAPointStrictlyBetweenCloseBoundaries) {
  EXPECT_TRUE(satisfiable("x > 2.9 and x < 3.1", "x"));
  EXPECT_TRUE(satisfiable("tries > 2 and tries < 4", "tries"));
  EXPECT_TRUE(satisfiable("x < -5 or x > 1000000000", "x"));
  EXPECT_FALSE(satisfiable("tries > 2 and tries < 3", "tries"));
  EXPECT_FALSE(satisfiable("x > 3.1 and x < 2.9", "x"));
}

}  // namespace
}  // namespace closecoach
