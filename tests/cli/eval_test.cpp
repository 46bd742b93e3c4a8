#include <gtest/gtest.h>

#include <string>

#include "support/test_support.hpp"

using closecoach::testing::CliRun;
using closecoach::testing::run_cli;

namespace {

std::string repeat(const std::string& text, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += text;
  return out;
}

// A run that printed `out` and nothing on stderr, with status 0.
void expect_result(const CliRun& run, const std::string& out) {
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out, out);
}

// A run that failed with status 2, one line on stderr and nothing on stdout.
void expect_error(const CliRun& run, const std::string& err) {
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, err);
}

}  // namespace

TEST(Eval, EvaluatesAnExpressionAgainstAnswers) {
  expect_result(
      run_cli({"eval", "soft_closes_tried >= 2 and stage in ['negotiation', 'final_20_min']", "-a",
               "soft_closes_tried=3", "-a", "stage=negotiation"}),
      "true\n");
  expect_result(
      run_cli({"eval", "soft_closes_tried >= 2 and stage in ['negotiation', 'final_20_min']", "-a",
               "soft_closes_tried=1", "-a", "stage=negotiation"}),
      "false\n");
}

TEST(Eval, EvaluatesJsonLogicAgainstData) {
  expect_result(run_cli({"eval", R"({"missing": ["has_need", "can_pay"]})", "--data",
                         R"({"has_need": true})"}),
                "[\"can_pay\"]\n");
}

TEST(Eval, ReadsAJsonStringAsAnExpression) {
  expect_result(run_cli({"eval", R"("days_in_cycle > 30")", "-a", "days_in_cycle=45"}), "true\n");
}

TEST(Eval, ReadsOtherJsonValuesAsJsonLogic) {
  expect_result(run_cli({"eval", "true"}), "true\n");
  expect_result(run_cli({"eval", "[1, {\"var\": \"x\"}]", "-a", "x=2"}), "[1,2]\n");
}

TEST(Eval, PrintsNumbersAsJsonLogicUsersExpect) {
  expect_result(run_cli({"eval", "6 / 3"}), "2\n");
  expect_result(run_cli({"eval", "1 / 4"}), "0.25\n");
  expect_result(run_cli({"eval", "x", "--data", R"({"x": 2.0})"}), "2\n");
  expect_result(run_cli({"eval", "1 / 0"}), "null\n");
}

TEST(Eval, TakesAnswerValuesAsJsonOrElseAsText) {
  expect_result(run_cli({"eval", R"([{"var": "a"}, {"var": "b"}, {"var": "c"}, {"var": "d"}])",
                         "-a", "a=true", "-a", "b=12", "-a", "c=negotiation", "-a", "d=[1, 2]"}),
                "[true,12,\"negotiation\",[1,2]]\n");
  expect_result(run_cli({"eval", "note", "-a", "note=a=b"}), "\"a=b\"\n");
}

TEST(Eval, DottedAnswerSetsANestedMember) {
  expect_result(run_cli({"eval", "deal.stage == 'negotiation'", "-a", "deal.stage=negotiation"}),
                "true\n");
  expect_result(
      run_cli({"eval", "deal", "--data", R"({"deal": {"id": 7}})", "-a", "deal.stage=follow_up"}),
      "{\"id\":7,\"stage\":\"follow_up\"}\n");
}

TEST(Eval, AnswersWinOverData) {
  expect_result(run_cli({"eval", "x", "--data", R"({"x": 1})", "-a", "x=2"}), "2\n");
}

TEST(Eval, AnswerOptionTakesOneAssignmentEach) {
  expect_result(run_cli({"eval", "-a", "x=1", "x + 1"}), "2\n");
}

TEST(Eval, ReportsTheColumnOfAnExpressionError) {
  expect_error(run_cli({"eval", "stage in ['negotiation', 'final_20_min'"}),
               "closecoach: error: CONDITION at column 40: expected ']' to close the list opened "
               "at column 10\n");
  expect_error(run_cli({"eval", "has_need and"}),
               "closecoach: error: CONDITION at column 13: expected a value after 'and'\n");
}

TEST(Eval, ReportsTheColumnOfAJsonError) {
  expect_error(
      run_cli({"eval", R"({"==": [1, ]})"}),
      "closecoach: error: CONDITION at column 12: invalid JSON: syntax error while parsing value - "
      "unexpected ']'; expected '[', '{', or a literal\n");
  expect_error(
      run_cli({"eval", "x", "--data", R"({"x": tru})"}),
      "closecoach: error: --data at column 10: invalid JSON: syntax error while parsing value - "
      "invalid literal; last read: '\"x\": tru}'\n");
}

TEST(Eval, RefusesANumberTooLargeForADouble) {
  expect_error(run_cli({"eval", "1e999"}),
               "closecoach: error: CONDITION at column 1: number 1e999 is out of range\n");
}

TEST(Eval, ReportsAnUnknownOperator) {
  expect_error(run_cli({"eval", R"({"and": [true, {"bogus": 1}]})"}),
               "closecoach: error: unknown operator 'bogus' (/and/1)\n");
}

TEST(Eval, RefusesDeepNestingWithoutCrashing) {
  const std::size_t levels = 100000;
  expect_error(run_cli({"eval", repeat("[", levels) + repeat("]", levels)}),
               "closecoach: error: CONDITION at column 513: JSON nested deeper than 512 levels\n");
  expect_error(run_cli({"eval", repeat("{\"!\":", levels) + "true" + repeat("}", levels)}),
               "closecoach: error: CONDITION at column 2561: JSON nested deeper than 512 levels\n");
  expect_error(
      run_cli({"eval", repeat("(", levels) + "x" + repeat(")", levels)}),
      "closecoach: error: CONDITION at column 257: expression nested deeper than 256 levels\n");
  expect_error(
      run_cli({"eval", repeat("not ", levels) + "x"}),
      "closecoach: error: CONDITION at column 1025: expression nested deeper than 256 levels\n");
  expect_error(run_cli({"eval", "x", "--data", repeat("[", levels) + repeat("]", levels)}),
               "closecoach: error: --data at column 513: JSON nested deeper than 512 levels\n");
}

TEST(Eval, RefusesAnAnswerWithoutAValue) {
  expect_error(run_cli({"eval", "stage", "-a", "stage"}),
               "closecoach: error: -a expects FACT=VALUE, got 'stage'\n");
  expect_error(run_cli({"eval", "x", "--data", "[1]", "-a", "x=1"}),
               "closecoach: error: -a needs --data to be a JSON object\n");
}

TEST(Eval, NeedsACondition) {
  const CliRun run = run_cli({"eval"});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, "closecoach: error: CONDITION is required\n");
}

TEST(Eval, HelpDescribesTheCommandWithExamples) {
  const CliRun run = run_cli({"eval", "--help"});
  EXPECT_EQ(run.status, 0);
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(
      run.out,
      "Evaluate a condition against data and print the result as JSON, to try a rule's `when` by "
      "hand.\n"
      "CONDITION is JsonLogic written as JSON, or a readable expression (docs/expressions.md).\n"
      "Usage: closecoach eval [OPTIONS] CONDITION\n"
      "\n"
      "Positionals:\n"
      "  CONDITION TEXT REQUIRED     JsonLogic as JSON text, or an expression such as "
      "\"days_in_cycle > 30\"\n"
      "\n"
      "Options:\n"
      "  -h,--help                   Print this help message and exit\n"
      "  --data TEXT                 The JSON data the condition reads (default: {})\n"
      "  -a,--answer TEXT ...        FACT=VALUE sets FACT in the data (repeatable); VALUE is JSON "
      "if "
      "it parses, else text; deal.stage=x sets a nested member\n"
      "\n"
      "Examples:\n"
      "  closecoach eval \"soft_closes_tried >= 2 and stage in ['negotiation', 'final_20_min']\" "
      "\\\n"
      "      -a soft_closes_tried=3 -a stage=negotiation\n"
      "  true\n"
      "  closecoach eval '{\"missing\": [\"has_need\", \"can_pay\"]}' --data '{\"has_need\": "
      "true}'\n"
      "  [\"can_pay\"]\n");
}
