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

TEST(Eval, ReadsAJsonStringAsAStringLiteral) {
  expect_result(run_cli({"eval", R"("apple")", "--data", "{}"}), "\"apple\"\n");
  expect_result(run_cli({"eval", R"("days_in_cycle > 30")", "-a", "days_in_cycle=45"}),
                "\"days_in_cycle > 30\"\n");
}

TEST(Eval, ReadsOtherJsonValuesAsJsonLogic) {
  expect_result(run_cli({"eval", "true"}), "true\n");
  expect_result(run_cli({"eval", "[1, {\"var\": \"x\"}]", "--data", "{}", "-a", "x=2"}), "[1,2]\n");
}

TEST(Eval, PrintsNumbersAsJsonLogicUsersExpect) {
  expect_result(run_cli({"eval", "6 / 3"}), "2\n");
  expect_result(run_cli({"eval", "1 / 4"}), "0.25\n");
  expect_result(run_cli({"eval", "x", "--data", R"({"x": 2.0})"}), "2\n");
  expect_result(run_cli({"eval", "1 / 0"}), "null\n");
}

TEST(Eval, TakesAnswerValuesAsJsonOrElseAsText) {
  expect_result(
      run_cli({"eval", R"([{"var": "a"}, {"var": "b"}, {"var": "c"}, {"var": "d"}])", "--data",
               "{}", "-a", "a=true", "-a", "b=12", "-a", "c=negotiation", "-a", "d=[1, 2]"}),
      "[true,12,\"negotiation\",[1,2]]\n");
  expect_result(run_cli({"eval", "note", "--data", "{}", "-a", "note=a=b"}), "\"a=b\"\n");
}

TEST(Eval, DottedAnswerSetsANestedMember) {
  expect_result(run_cli({"eval", "deal.stage == 'negotiation'", "--data", "{}", "-a",
                         "deal.stage=negotiation"}),
                "true\n");
  expect_result(
      run_cli({"eval", "deal", "--data", R"({"deal": {"id": 7}})", "-a", "deal.stage=follow_up"}),
      "{\"id\":7,\"stage\":\"follow_up\"}\n");
}

TEST(Eval, AnswersWinOverData) {
  expect_result(run_cli({"eval", "x", "--data", R"({"x": 1})", "-a", "x=2"}), "2\n");
}

TEST(Eval, AnswerOptionTakesOneAssignmentEach) {
  expect_result(run_cli({"eval", "-a", "days_in_cycle=1", "days_in_cycle + 1"}), "2\n");
}

TEST(Eval, AnswersReadThePlaybooksFacts) {
  expect_error(run_cli({"eval", "stag == 'negotiation'", "-a", "stage=negotiation"}),
               "closecoach: error: CONDITION: unknown fact 'stag'; did you mean 'stage'?\n");
  expect_error(run_cli({"eval", "stage", "-a", "stag=negotiation"}),
               "closecoach: error: -a stag=negotiation: unknown fact 'stag'; did you mean "
               "'stage'? (known facts: contact_role, has_need, can_pay, sees_value, stage, "
               "last_response, soft_closes_tried, hard_close_tried, on_shortlist, real_urgency, "
               "relationship_value, win_lose_negotiator, days_in_cycle)\n");
  expect_result(run_cli({"eval", "has_need == true and stage == 'negotiation'", "-a",
                         "has_need=yes", "-a", "stage=Negotiation"}),
                "true\n");
  expect_error(run_cli({"eval", "stage", "-a", "stage=closing"}),
               "closecoach: error: -a stage=closing: fact 'stage' cannot be 'closing' (allowed: "
               "discovery, presentation, negotiation, final_20_min, follow_up)\n");
}

TEST(Eval, AnswersComputeDerivedFacts) {
  const std::vector<std::string> class_a = {"-a", "contact_role=first_kp", "-a", "has_need=yes",
                                            "-a", "can_pay=yes",           "-a", "sees_value=yes"};
  std::vector<std::string> command = {"eval", "customer_class == 'A'"};
  command.insert(command.end(), class_a.begin(), class_a.end());
  expect_result(run_cli(command), "true\n");
  expect_result(run_cli({"eval", "customer_class", "-a", "has_need=no"}), "\"D\"\n");
  // Without answers for the class, no assumption makes one up.
  expect_result(run_cli({"eval", "customer_class", "-a", "stage=negotiation"}), "null\n");
}

TEST(Eval, PlaybookOptionReadsThatPlaybooksFacts) {
  expect_error(run_cli({"eval", "x", "--playbook", CLOSECOACH_SOURCE_DIR "/data/playbook.json"}),
               "closecoach: error: CONDITION: unknown fact 'x'\n");
  expect_error(run_cli({"eval", "x", "--data", "{}", "--playbook", "p.json"}),
               "closecoach: error: --data and --playbook do not go together: --data is the whole "
               "of what the condition reads\n");
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
  expect_error(run_cli({"eval", "stage", "--data", "{}", "-a", "stage"}),
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
      "  --data TEXT                 The JSON data the condition reads (default: {}); -a then sets "
      "members of it: VALUE is JSON if it parses, else text, and deal.stage=x sets a nested "
      "member\n"
      "  -a,--answer TEXT ...        FACT=VALUE answers a fact of the playbook (repeatable), typed "
      "as advise reads it; derived facts such as customer_class follow from the answers\n"
      "  --playbook TEXT             Read facts as this playbook has them (default: the built-in "
      "playbook when -a is given without --data)\n"
      "  -o,--output-file FILE       Write the result to FILE instead of stdout: the whole file "
      "or, "
      "after an error, none of it\n"
      "\n"
      "Examples:\n"
      "  closecoach eval \"soft_closes_tried >= 2 and stage in ['negotiation', 'final_20_min']\" "
      "\\\n"
      "      -a soft_closes_tried=3 -a stage=negotiation\n"
      "  true\n"
      "  closecoach eval \"customer_class == 'A'\" -a contact_role=first_kp -a has_need=yes \\\n"
      "      -a can_pay=yes -a sees_value=yes\n"
      "  true\n"
      "  closecoach eval '{\"missing\": [\"has_need\", \"can_pay\"]}' --data '{\"has_need\": "
      "true}'\n"
      "  [\"can_pay\"]\n"
      "With -a and no --data (or with --playbook), the facts are the playbook's: a misspelt fact\n"
      "is an error, answers are typed (yes/no, an enum's value in any case) and derived facts\n"
      "are computed. With --data, the condition reads that JSON as JsonLogic does.\n");
}
