#include <closecoach/expression.hpp>
#include <closecoach/json_logic.hpp>

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

using closecoach::condition_to_logic;
using closecoach::format_diagnostic;
using closecoach::k_max_expression_depth;
using closecoach::parse_expression;
using closecoach::to_expression;
using Json = nlohmann::json;

namespace {

// The JsonLogic an expression compiles to, as compact JSON, or its error.
std::string compile(const std::string& text) {
  const auto parsed = parse_expression(text);
  if (!parsed.ok()) return format_diagnostic(parsed.error());
  return parsed->dump();
}

std::string render(const std::string& logic) {
  return to_expression(Json::parse(logic)).value_or("<none>");
}

std::string repeat(const std::string& text, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += text;
  return out;
}

}  // namespace

TEST(ExpressionParse, CompilesTheContractExample) {
  EXPECT_EQ(compile("soft_closes_tried >= 2 and stage in ['negotiation', 'final_20_min']"),
            R"({"and":[{">=":[{"var":"soft_closes_tried"},2]},)"
            R"({"in":[{"var":"stage"},["negotiation","final_20_min"]]}]})");
}

TEST(ExpressionParse, ReadsLiterals) {
  EXPECT_EQ(compile("42"), "42");
  EXPECT_EQ(compile("-7"), "-7");
  EXPECT_EQ(compile("2.5e-3"), "0.0025");
  EXPECT_EQ(compile("true"), "true");
  EXPECT_EQ(compile("false"), "false");
  EXPECT_EQ(compile("null"), "null");
  EXPECT_EQ(compile("[1, 'a', [true], []]"), R"([1,"a",[true],[]])");
  EXPECT_EQ(compile(R"('it\'s' == "say \"hi\"\n")"), R"({"==":["it's","say \"hi\"\n"]})");
  EXPECT_EQ(compile(R"('\u00e9\ud83d\ude00')"), "\"é😀\"");
}

TEST(ExpressionParse, TurnsFactNamesIntoVar) {
  EXPECT_EQ(compile("has_need"), R"({"var":"has_need"})");
  EXPECT_EQ(compile("deal.contacts.0.role"), R"({"var":"deal.contacts.0.role"})");
}

TEST(ExpressionParse, BindsNotTighterThanComparisonAndComparisonTighterThanAndOr) {
  EXPECT_EQ(compile("a or b and c"), R"({"or":[{"var":"a"},{"and":[{"var":"b"},{"var":"c"}]}]})");
  EXPECT_EQ(compile("not a and b"), R"({"and":[{"!":[{"var":"a"}]},{"var":"b"}]})");
  EXPECT_EQ(compile("not a == b"), R"({"==":[{"!":[{"var":"a"}]},{"var":"b"}]})");
  EXPECT_EQ(compile("not (a == b)"), R"({"!":[{"==":[{"var":"a"},{"var":"b"}]}]})");
}

TEST(ExpressionParse, BindsArithmeticTighterThanComparison) {
  EXPECT_EQ(
      compile("a + b * c >= 10 - d"),
      R"({">=":[{"+":[{"var":"a"},{"*":[{"var":"b"},{"var":"c"}]}]},{"-":[10,{"var":"d"}]}]})");
  EXPECT_EQ(compile("-a * b % 3"), R"({"%":[{"*":[{"-":[{"var":"a"}]},{"var":"b"}]},3]})");
  EXPECT_EQ(compile("a - b - c"), R"({"-":[{"-":[{"var":"a"},{"var":"b"}]},{"var":"c"}]})");
}

TEST(ExpressionParse, FlattensChainsOfTheSameOperator) {
  EXPECT_EQ(compile("a and b and c"), R"({"and":[{"var":"a"},{"var":"b"},{"var":"c"}]})");
  EXPECT_EQ(compile("a or b or c"), R"({"or":[{"var":"a"},{"var":"b"},{"var":"c"}]})");
  EXPECT_EQ(compile("1 + 2 + 3"), R"({"+":[1,2,3]})");
  EXPECT_EQ(compile("(a and b) and c"),
            R"({"and":[{"and":[{"var":"a"},{"var":"b"}]},{"var":"c"}]})");
  EXPECT_EQ(compile("1 + 2 - 3 + 4"), R"({"+":[{"-":[{"+":[1,2]},3]},4]})");
}

TEST(ExpressionParse, ReadsInAndNotIn) {
  EXPECT_EQ(compile("stage in ['a', 'b']"), R"({"in":[{"var":"stage"},["a","b"]]})");
  EXPECT_EQ(compile("'late' in last_note"), R"({"in":["late",{"var":"last_note"}]})");
  EXPECT_EQ(compile("stage not in ['a']"), R"({"!":[{"in":[{"var":"stage"},["a"]]}]})");
}

TEST(ExpressionParse, ChainsLessThanAsJsonLogicBetween) {
  EXPECT_EQ(compile("0 < x < 10"), R"({"<":[0,{"var":"x"},10]})");
  EXPECT_EQ(compile("0 <= x <= 10"), R"({"<=":[0,{"var":"x"},10]})");
}

TEST(ExpressionParse, ReportsWhatWasExpectedAndWhere) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"has_need and", "column 13: error: expected a value after 'and'"},
      {"has_need and )", "column 14: error: expected a value after 'and', found ')'"},
      {"stage in ['a', 'b'",
       "column 19: error: expected ']' to close the list opened at column 10"},
      {"stage in ['a' 'b']",
       "column 15: error: expected ',' or ']' in the list opened at column 10"},
      {"(a or b", "column 8: error: expected ')' to close the '(' at column 1"},
      {"stage == 'final", "column 10: error: unterminated string"},
      {"a b", "column 3: error: expected an operator, found 'b'"},
      {"a 'two\nlines'", "column 3: error: expected an operator, found ''two...'"},
      {"a 'a rather long string, longer than most'",
       "column 3: error: expected an operator, found ''a rather long string, l...'"},
      {"a)", "column 2: error: unexpected ')' without a matching '('"},
      {"", "column 1: error: empty expression"},
      {"   ", "column 4: error: empty expression"},
      {"== 3", "column 1: error: expected a value, found '=='"},
      {"a = 3", "column 3: error: unexpected '=': compare with '=='"},
      {"a && b", "column 3: error: unexpected '&&': write 'and'"},
      {"a || b", "column 3: error: unexpected '||': write 'or'"},
      {"!a", "column 1: error: unexpected '!': write 'not'"},
      {"a not b", "column 7: error: expected 'in' after 'not'"},
      {"a < b == c",
       "column 7: error: comparisons chain only as 'a < b < c' or 'a <= b <= c'; "
       "join others with 'and'"},
      {"deal.", "column 6: error: expected a name after '.'"},
      {"1. + 2", "column 3: error: expected a digit after the decimal point"},
      {"1e999", "column 1: error: number 1e999 is out of range"},
      {R"('a\qb')", "column 3: error: unknown escape '\\q' in a string"},
      {R"('\u12')", "column 2: error: expected four hex digits after '\\u'"},
      {R"('\ud800')", "column 2: error: unpaired surrogate in a '\\u' escape"},
      {"a # b", "column 3: error: unexpected character '#'"},
      {"a \x01 b", "column 3: error: unexpected character U+0001"},
  };
  for (const auto& [text, message] : cases)
    EXPECT_EQ(compile(text), std::string("1:").append(message.substr(7))) << text;
}

TEST(ExpressionParse, CountsColumnsInCodePoints) {
  const auto parsed = parse_expression("note == 'héllo wörld' stage");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().column, 23u);
  EXPECT_EQ(parsed.error().message, "expected an operator, found 'stage'");
}

TEST(ExpressionParse, ReportsLinesOfMultiLineText) {
  EXPECT_EQ(compile("has_need and\n  (can_pay or\n   sees_value == 'yes'"),
            "3:23: error: expected ')' to close the '(' at line 2, column 3");
}

TEST(ExpressionParse, RefusesInvalidUtf8) {
  EXPECT_EQ(compile("name == 'ab\xff'"), "1:12: error: invalid UTF-8");
}

TEST(ExpressionParse, RefusesDeepNestingWithoutOverflowingTheStack) {
  const std::string message = "1:257: error: expression nested deeper than 256 levels";
  EXPECT_EQ(compile(repeat("(", 100000) + "x" + repeat(")", 100000)), message);
  EXPECT_EQ(compile(repeat("[", 100000)), message);
  EXPECT_EQ(compile(repeat("not ", 100000) + "x"),
            "1:1025: error: expression nested deeper than 256 levels");
  EXPECT_EQ(compile(repeat("-", 100000) + "x"), message);
  EXPECT_EQ(compile(std::string("x").append(repeat(" - x", 100000))),
            "1:1027: error: expression nested deeper than 256 levels");
}

TEST(ExpressionParse, AcceptsNestingUpToTheLimit) {
  const std::size_t limit = k_max_expression_depth;
  EXPECT_EQ(compile(repeat("(", limit) + "x" + repeat(")", limit)), R"({"var":"x"})");
  EXPECT_TRUE(parse_expression(std::string("x").append(repeat(" - x", limit))).ok());
  EXPECT_FALSE(parse_expression(std::string("x").append(repeat(" - x", limit + 1))).ok());
}

TEST(ExpressionParse, CompilesToLogicThatEvaluatesAsWritten) {
  const auto logic =
      parse_expression("soft_closes_tried >= 2 and stage in ['negotiation', 'final_20_min']");
  ASSERT_TRUE(logic.ok());
  const Json data = {{"soft_closes_tried", 3}, {"stage", "negotiation"}};
  EXPECT_EQ(*closecoach::json_logic::apply(*logic, data), true);
  const Json other = {{"soft_closes_tried", 3}, {"stage", "discovery"}};
  EXPECT_EQ(*closecoach::json_logic::apply(*logic, other), false);
}

TEST(ToExpression, RendersWithTheFewestParentheses) {
  EXPECT_EQ(
      render(
          R"({"and":[{">=":[{"var":"soft_closes_tried"},2]},{"in":[{"var":"stage"},["a","b"]]}]})"),
      "soft_closes_tried >= 2 and stage in ['a', 'b']");
  EXPECT_EQ(render(R"({"and":[{"or":[{"var":"a"},{"var":"b"}]},{"var":"c"}]})"), "(a or b) and c");
  EXPECT_EQ(render(R"({"or":[{"and":[{"var":"a"},{"var":"b"}]},{"var":"c"}]})"), "a and b or c");
  EXPECT_EQ(render(R"({"-":[{"var":"a"},{"-":[{"var":"b"},{"var":"c"}]}]})"), "a - (b - c)");
  EXPECT_EQ(render(R"({"-":[{"-":[{"var":"a"},{"var":"b"}]},{"var":"c"}]})"), "a - b - c");
  EXPECT_EQ(render(R"({"+":[{"+":[1,2]},3]})"), "(1 + 2) + 3");
  EXPECT_EQ(render(R"({"!":[{"in":[{"var":"x"},[1,2]]}]})"), "x not in [1, 2]");
  EXPECT_EQ(render(R"({"-":[3]})"), "-(3)");
  EXPECT_EQ(render(R"({"-":[-3]})"), "- -3");
  EXPECT_EQ(render(R"({"-":[{"-":[{"var":"x"}]}]})"), "- -x");
  EXPECT_EQ(render(R"({"<":[0,{"var":"x"},10]})"), "0 < x < 10");
  EXPECT_EQ(render(R"({"==":["it's\n",null]})"), R"('it\'s\n' == null)");
}

TEST(ToExpression, ReadsShorthandArgumentsAsJsonLogicDoes) {
  EXPECT_EQ(render(R"({"!":{"var":"has_need"}})"), "not has_need");
  EXPECT_EQ(render(R"({"var":["deal.stage"]})"), "deal.stage");
}

TEST(ToExpression, GivesNothingForWhatTheGrammarCannotSay) {
  for (const char* logic :
       {R"({"map":[[1],{"var":""}]})", R"({"var":["x", 1]})", R"({"var":"and"})", R"({"var":""})",
        R"({"cat":["a","b"]})", R"({"+":[1]})", R"({"a":1,"b":2})", R"({"===":[1,1]})",
        R"({"==":[1]})", R"([{}])", R"({"in":[1,2,3]})"}) {
    EXPECT_EQ(to_expression(Json::parse(logic)), std::nullopt) << logic;
  }
}

TEST(ConditionToLogic, ParsesStringsAndPassesJsonLogicThrough) {
  const Json logic = Json::parse(R"({"==":[{"var":"a"},1]})");
  EXPECT_EQ(*condition_to_logic(Json("a == 1")), logic);
  EXPECT_EQ(*condition_to_logic(logic), logic);
  EXPECT_EQ(*condition_to_logic(Json(true)), true);
  const auto bad = condition_to_logic(Json("a =="));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(format_diagnostic(bad.error()), "1:5: error: expected a value after '=='");
}

// ---- Round trips over generated expressions ----------------------------------

namespace {

// Writes random expressions of the whole grammar. Operands of comparisons
// are parenthesised when they are comparisons themselves, as the grammar asks.
class ExpressionWriter {
 public:
  explicit ExpressionWriter(unsigned seed) : m_random(seed) {}

  std::string write(int budget) {
    bool comparison = false;
    return write(budget, comparison);
  }

 private:
  std::size_t pick(std::size_t count) {
    return std::uniform_int_distribution<std::size_t>(0, count - 1)(m_random);
  }

  std::string atom() {
    static const std::vector<std::string> atoms = {
        "0",     "7",       "-3",       "2.5",          "1e3",     "-0.125",
        "'x'",   "\"a b\"", "'it\\'s'", "'\\n\\u00e9'", "'été'",   "true",
        "false", "null",    "stage",    "deal.stage",   "items.0", "soft_closes_tried",
        "[]"};
    return atoms[pick(atoms.size())];
  }

  std::string write(int budget, bool& comparison) {
    comparison = false;
    const std::size_t choice = budget <= 0 ? 0 : pick(6);
    bool inner = false;
    switch (choice) {
      case 0:
        return atom();
      case 1: {
        const std::string prefix = pick(2) == 0 ? "not " : "-";
        const std::string operand = write(budget - 1, inner);
        comparison = inner;  // `not a == b` still compares at its top
        return prefix + operand;
      }
      case 2:
        return std::string("(").append(write(budget - 1, inner)).append(")");
      case 3: {
        std::string list = "[";
        for (std::size_t i = 0, n = pick(4); i < n; ++i)
          list.append(i ? ", " : "").append(write(budget - 1, inner));
        return list + "]";
      }
      default:
        return binary(budget, comparison);
    }
  }

  std::string binary(int budget, bool& comparison) {
    static const std::vector<std::string> ops = {
        "and", "or", "==", "!=", "<", "<=", ">", ">=", "in", "not in", "+", "-", "*", "/", "%"};
    const std::string op = ops[pick(ops.size())];
    const bool arithmetic = op.find_first_of("+-*/%") != std::string::npos;
    const bool is_comparison = op != "and" && op != "or" && !arithmetic;
    bool left_comparison = false;
    bool right_comparison = false;
    std::string left = write(budget - 1, left_comparison);
    std::string right = write(budget - 1, right_comparison);
    // `a == b * c` would put a comparison inside the product: wrap it.
    if ((is_comparison || arithmetic) && left_comparison) left = "(" + left + ")";
    if ((is_comparison || arithmetic) && right_comparison) right = "(" + right + ")";
    comparison = is_comparison || (!arithmetic && (left_comparison || right_comparison));
    return left + " " + op + " " + right;
  }

  std::mt19937 m_random;
};

}  // namespace

TEST(ExpressionRoundTrip, ParseRenderParseGivesTheSameTree) {
  ExpressionWriter writer(20240611);
  for (int i = 0; i < 500; ++i) {
    const std::string text = writer.write(1 + i % 6);
    const auto parsed = parse_expression(text);
    ASSERT_TRUE(parsed.ok()) << text << "\n" << format_diagnostic(parsed.error());
    const auto rendered = to_expression(*parsed);
    ASSERT_TRUE(rendered.has_value()) << text << "\n" << parsed->dump();
    const auto reparsed = parse_expression(*rendered);
    ASSERT_TRUE(reparsed.ok()) << text << "\nrendered: " << *rendered << "\n"
                               << format_diagnostic(reparsed.error());
    EXPECT_EQ(*reparsed, *parsed) << text << "\nrendered: " << *rendered;
  }
}

TEST(ExpressionRoundTrip, RenderingIsStable) {
  ExpressionWriter writer(7);
  for (int i = 0; i < 300; ++i) {
    const auto parsed = parse_expression(writer.write(4));
    ASSERT_TRUE(parsed.ok());
    const auto once = to_expression(*parsed);
    ASSERT_TRUE(once.has_value());
    EXPECT_EQ(to_expression(*parse_expression(*once)), once);
  }
}

namespace {

// Builds random JsonLogic in the forms parse_expression produces.
class LogicWriter {
 public:
  explicit LogicWriter(unsigned seed) : m_random(seed) {}

  Json write(int budget) {
    if (budget <= 0 || pick(4) == 0) return leaf();
    static const std::vector<std::string> ops = {"and", "or", "+",  "*",   "-",   "/",
                                                 "%",   "==", "!=", ">",   ">=",  "<",
                                                 "<=",  "in", "!",  "neg", "list"};
    const std::string op = ops[pick(ops.size())];
    if (op == "list") return operands(budget, pick(3));
    if (op == "!" || op == "neg") return {{op == "!" ? "!" : "-", operands(budget, 1)}};
    const bool variadic = op == "and" || op == "or" || op == "+" || op == "*";
    const bool between = op == "<" || op == "<=";
    const std::size_t count = variadic ? 2 + pick(3) : between ? 2 + pick(2) : 2;
    return {{op, operands(budget, count)}};
  }

 private:
  std::size_t pick(std::size_t count) {
    return std::uniform_int_distribution<std::size_t>(0, count - 1)(m_random);
  }

  Json operands(int budget, std::size_t count) {
    Json list = Json::array();
    for (std::size_t i = 0; i < count; ++i) list.push_back(write(budget - 1));
    return list;
  }

  Json leaf() {
    switch (pick(8)) {
      case 0:
        return static_cast<int>(pick(200)) - 100;
      case 1:
        return (static_cast<double>(pick(2000)) - 1000.0) / 8.0;
      case 2:
        return std::vector<std::string>{"x", "it's", "a\"b", "tab\there", "été", ""}[pick(6)];
      case 3:
        return pick(2) == 0;
      case 4:
        return nullptr;
      default:
        return {
            {"var", std::vector<std::string>{"stage", "deal.stage", "items.0", "a_b"}[pick(4)]}};
    }
  }

  std::mt19937 m_random;
};

}  // namespace

TEST(ExpressionRoundTrip, RenderedLogicParsesBackToTheSameTree) {
  LogicWriter writer(42);
  for (int i = 0; i < 400; ++i) {
    const Json logic = writer.write(1 + i % 5);
    const auto rendered = to_expression(logic);
    ASSERT_TRUE(rendered.has_value()) << logic.dump();
    const auto parsed = parse_expression(*rendered);
    ASSERT_TRUE(parsed.ok()) << logic.dump() << "\nrendered: " << *rendered << "\n"
                             << format_diagnostic(parsed.error());
    EXPECT_EQ(*parsed, logic) << "rendered: " << *rendered;
  }
}
