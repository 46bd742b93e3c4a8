#include <closecoach/expression.hpp>

#include <gtest/gtest.h>

#include <string>

namespace closecoach {
namespace {

// The text of the node at `pointer` in `text`.
std::string spelled(const std::string& text, const std::string& pointer) {
  const LocatedExpression parsed = parse_located_expression(text);
  EXPECT_TRUE(parsed.logic.ok());
  const auto found = parsed.spans.find(pointer);
  if (found == parsed.spans.end()) return "(no span)";
  return text.substr(found->second.begin, found->second.end - found->second.begin);
}

TEST(ExpressionSpans, GiveEachNodeItsText) {
  const std::string text = "stage == 'late' and (tries >= -2 or x in [1, \"é\"])";
  EXPECT_EQ(spelled(text, ""), text);
  EXPECT_EQ(spelled(text, "/and/0"), "stage == 'late'");
  EXPECT_EQ(spelled(text, "/and/0/==/0"), "stage");
  EXPECT_EQ(spelled(text, "/and/0/==/1"), "'late'");
  EXPECT_EQ(spelled(text, "/and/1"), "(tries >= -2 or x in [1, \"é\"])");
  EXPECT_EQ(spelled(text, "/and/1/or/0/>=/1"), "-2");
  EXPECT_EQ(spelled(text, "/and/1/or/1/in/1"), "[1, \"é\"]");
  EXPECT_EQ(spelled(text, "/and/1/or/1/in/1/1"), "\"é\"");
}

TEST(ExpressionSpans, FollowRunsOfOneOperatorAndNegations) {
  const std::string text = "a + b + c / 2 > 1 and not (d in ['x'])";
  EXPECT_EQ(spelled(text, "/and/0/>/0"), "a + b + c / 2");
  EXPECT_EQ(spelled(text, "/and/0/>/0/+/2"), "c / 2");
  EXPECT_EQ(spelled(text, "/and/0/>/0/+/2/~1/1"), "2");
  EXPECT_EQ(spelled(text, "/and/1"), "not (d in ['x'])");
  EXPECT_EQ(spelled(text, "/and/1/!/0/in/0"), "d");
  EXPECT_EQ(spelled("x not in [1]", "/!/0/in/0"), "x");
}

TEST(ExpressionSpans, GiveTheByteOffsetOfAnError) {
  const LocatedExpression parsed = parse_located_expression("'éé' == a and");
  ASSERT_FALSE(parsed.logic.ok());
  EXPECT_EQ(parsed.logic.error().message, "expected a value after 'and'");
  EXPECT_EQ(parsed.logic.error().column, 14u);
  EXPECT_EQ(parsed.error_offset, 15u);  // é takes two bytes
  EXPECT_TRUE(parsed.spans.empty());
}

TEST(ExpressionSpans, LeaveTheLogicAsParseExpressionGivesIt) {
  for (const char* text : {"a and b or not c", "1 < x < 5", "x in [1, 2] and -y > 2 * z"})
    EXPECT_EQ(*parse_located_expression(text).logic, *parse_expression(text)) << text;
}

}  // namespace
}  // namespace closecoach
