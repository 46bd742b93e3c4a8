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
  const std::string text =
      "{\n  \"rules\": [\n    {\"id\": \"x\", \"when\": true},\n    {\"a/b\": 1}\n  ]\n}";
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

TEST(PositionInString, CountsEscapesAsWritten) {
  // The value of "s" decodes to: a"b<newline>c'd'é😀e
  const std::string text =
      "{\"s\":\n  \"a\\\"b\\nc\\u0027d\\u0027\\u00e9\\ud83d\\ude00e\", \"t\": \"é!\"}";
  const JsonLocator locator(text);
  const TextPosition quote = locator.locate_value("/s");
  ASSERT_EQ(quote.line, 2u);
  ASSERT_EQ(quote.column, 3u);
  const auto at = [&](std::size_t offset) {
    const TextPosition position = position_in_string(text, quote, offset);
    return std::to_string(position.line) + ":" + std::to_string(position.column);
  };
  EXPECT_EQ(at(0), "2:4");    // a
  EXPECT_EQ(at(1), "2:5");    // \"
  EXPECT_EQ(at(2), "2:7");    // b
  EXPECT_EQ(at(4), "2:10");   // c, past \n
  EXPECT_EQ(at(5), "2:11");   // \u0027
  EXPECT_EQ(at(6), "2:17");   // d
  EXPECT_EQ(at(8), "2:24");   // \u00e9, two bytes decoded
  EXPECT_EQ(at(10), "2:30");  // the surrogate pair, four bytes decoded
  EXPECT_EQ(at(14), "2:42");  // e
  EXPECT_EQ(at(99), "2:43");  // past the end: the closing quote
  EXPECT_EQ(position_in_string(text, locator.locate_value("/t"), 2).column,
            53u);  // é is one column
}
