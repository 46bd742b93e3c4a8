#include <closecoach/json_text.hpp>

#include <gtest/gtest.h>

#include <string>

using namespace closecoach;

TEST(ParseJson, ReportsLineAndColumnOfSyntaxError) {
  auto parsed = parse_json("{\n  \"a\": 1,\n  \"b\" 2\n}", "answers.json");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(format_diagnostic(parsed.error()),
            "answers.json:3:7: error: invalid JSON: syntax error while parsing object separator - "
            "unexpected number literal; expected ':'");
}

TEST(ParseJson, CountsColumnsInCodePoints) {
  auto parsed = parse_json("{\"名字\": tru}");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().line, 1u);
  EXPECT_EQ(parsed.error().column, 11u);
}

TEST(ParseJson, RefusesDeepNestingWithoutRecursing) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  auto parsed = parse_json(deep, "deep.json");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(format_diagnostic(parsed.error()),
            "deep.json:1:257: error: JSON nested deeper than 256 levels");
}

TEST(ParseJson, AcceptsBracketsInsideStrings) {
  auto parsed = parse_json(R"({"a": "[[[[\"{{{"})", {}, 2);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ((*parsed)["a"], "[[[[\"{{{");
}

TEST(JsonLocator, FindsMembersAndArrayElements) {
  const std::string text = "{\n  \"rules\": [\n    {\"id\": \"x\", \"when\": true},\n    {\"a/b\": 1}\n  ]\n}";
  JsonLocator locator(text);
  EXPECT_EQ(locator.locate("/rules").line, 2u);
  EXPECT_EQ(locator.locate("/rules").column, 3u);
  EXPECT_EQ(locator.locate("/rules/0/when").line, 3u);
  EXPECT_EQ(locator.locate("/rules/0/when").column, 17u);
  EXPECT_EQ(locator.locate("/rules/1").line, 4u);
  EXPECT_EQ(locator.locate("/rules/1").column, 5u);
  EXPECT_EQ(locator.locate("/rules/1/a~1b").column, 6u);
}

TEST(JsonLocator, FallsBackToNearestAncestor) {
  JsonLocator locator("{\"facts\": [1, 2]}");
  EXPECT_EQ(locator.locate("/facts/7/id").column, 2u);
}

TEST(JsonLocator, FillsInADiagnostic) {
  JsonLocator locator("{\n\"a\": {\"b\": 3}}");
  Diagnostic diagnostic = make_error("bad b", "/a/b");
  diagnostic.file = "p.json";
  locator.locate(diagnostic);
  EXPECT_EQ(format_diagnostic(diagnostic), "p.json:2:7: error: bad b (/a/b)");
}

TEST(JsonLocator, LocatesAMemberValueAfterItsColon) {
  JsonLocator locator("{\"when\":   \"a and\"}");
  EXPECT_EQ(locator.locate("/when").column, 2u);
  EXPECT_EQ(locator.locate_value("/when").column, 12u);
}
