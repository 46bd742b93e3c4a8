#include <closecoach/json_logic.hpp>

#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

using closecoach::format_diagnostic;
namespace json_logic = closecoach::json_logic;
using closecoach::json_logic::is_operation;
using closecoach::json_logic::k_max_depth;
using closecoach::json_logic::truthy;
using Json = nlohmann::json;

namespace {

// ---- The official suite, one test per case ----------------------------------

std::string suite_path() {
  const char* from_environment = std::getenv("CLOSECOACH_JSONLOGIC_TESTS");
  if (from_environment != nullptr && *from_environment != '\0') return from_environment;
  return CLOSECOACH_JSONLOGIC_TESTS;
}

struct SuiteCase {
  std::string name;
  Json rule;
  Json data;
  Json expected;
  std::string problem;  // why there is no case to run, when there is none
};

void PrintTo(const SuiteCase& suite_case, std::ostream* out) {
  *out << (suite_case.problem.empty() ? suite_case.rule.dump() : suite_case.problem);
}

// "# Missing, Merge, and If are friends" -> "MissingMergeAndIfAreFriends".
std::string camel_case(const std::string& heading) {
  std::string out;
  bool upper = true;
  for (const char c : heading) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0) {
      upper = true;
    } else if (out.size() < 40) {
      out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      upper = false;
    }
  }
  return out;
}

std::vector<SuiteCase> load_suite() {
  std::ifstream file(suite_path());
  if (!file) return {SuiteCase{"SuiteNotFound", {}, {}, {}, "not found"}};
  const Json suite = Json::parse(file, nullptr, false);
  if (!suite.is_array()) return {SuiteCase{"SuiteUnreadable", {}, {}, {}, "not a JSON array"}};
  std::vector<SuiteCase> cases;
  std::string section = "Start";
  for (const auto& entry : suite) {
    if (entry.is_string()) {
      section = camel_case(entry.get<std::string>());
    } else if (entry.is_array() && entry.size() == 3) {
      const std::string name = "Case" + std::to_string(cases.size() + 1) + "_" + section;
      cases.push_back(SuiteCase{name, entry[0], entry[1], entry[2], {}});
    }
  }
  return cases;
}

class OfficialSuite : public ::testing::TestWithParam<SuiteCase> {};

TEST_P(OfficialSuite, GivesTheExpectedResult) {
  const SuiteCase& suite_case = GetParam();
  if (suite_case.problem == "not found") {
    GTEST_SKIP() << "the JsonLogic suite is not at " << suite_path()
                 << "; set CLOSECOACH_JSONLOGIC_TESTS to the path of tests.json";
  }
  ASSERT_EQ(suite_case.problem, "") << suite_path();
  const auto result = json_logic::apply(suite_case.rule, suite_case.data);
  const std::string context = "rule:     " + suite_case.rule.dump() +
                              "\ndata:     " + suite_case.data.dump() +
                              "\nexpected: " + suite_case.expected.dump();
  ASSERT_TRUE(result.ok()) << context << "\nfailed:   " << result.error().message;
  EXPECT_EQ(*result, suite_case.expected) << context << "\nactual:   " << result->dump();
}

INSTANTIATE_TEST_SUITE_P(JsonLogic, OfficialSuite, ::testing::ValuesIn(load_suite()),
                         [](const auto& test_info) { return test_info.param.name; });

TEST(OfficialSuiteFile, HoldsAll277Cases) {
  const auto cases = load_suite();
  if (cases.size() == 1 && cases[0].problem == "not found")
    GTEST_SKIP() << "no suite at " << suite_path();
  EXPECT_EQ(cases.size(), 277u);
}

// ---- Behaviour beyond the suite ----------------------------------------------

Json run(const std::string& rule, const std::string& data = "null") {
  auto result = json_logic::apply(Json::parse(rule), Json::parse(data));
  if (!result.ok()) return "error: " + result.error().message;
  return std::move(result.value());
}

std::string fails_with(const std::string& rule, const std::string& data = "null") {
  auto result = json_logic::apply(Json::parse(rule), Json::parse(data));
  if (result.ok()) return "succeeded with " + result->dump();
  return format_diagnostic(result.error());
}

Json nested_not(int levels) {
  Json rule = true;
  for (int i = 0; i < levels; ++i) {
    Json wrapper = Json::object();
    wrapper["!"] = std::move(rule);
    rule = std::move(wrapper);
  }
  return rule;
}

}  // namespace

TEST(JsonLogicApply, ReportsUnknownOperator) {
  EXPECT_EQ(fails_with(R"({"foo": [1, 2]})"), "error: unknown operator 'foo'");
}

TEST(JsonLogicApply, PointsAtTheFailingOperationInsideTheRule) {
  EXPECT_EQ(fails_with(R"({"and": [true, {"or": [false, {"bogus": 1}]}]})"),
            "error: unknown operator 'bogus' (/and/1/or/1)");
  EXPECT_EQ(fails_with(R"([1, {"!": {"a/b": 1}}])"), "error: unknown operator 'a/b' (/1/!)");
}

TEST(JsonLogicApply, RefusesRuleNestedDeeperThanTheLimitWithoutOverflowingTheStack) {
  const auto result = json_logic::apply(nested_not(100000), Json::object());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message, "rule nested deeper than 512 levels");
}

TEST(JsonLogicApply, AcceptsRuleNestedUpToTheLimit) {
  const auto result = json_logic::apply(nested_not(static_cast<int>(k_max_depth)), Json::object());
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(*result, true);
}

TEST(JsonLogicApply, RefusesDataNestedDeeperThanTheLimit) {
  Json data = 1;
  for (int i = 0; i < 100000; ++i) {
    Json wrapper = Json::array();
    wrapper.push_back(std::move(data));
    data = std::move(wrapper);
  }
  const auto result = json_logic::apply(Json::parse(R"({"var": "x"})"), data);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message, "data nested deeper than 512 levels");
}

TEST(JsonLogicApply, StopsAReduceThatNestsWithoutBound) {
  Json items = Json::array();
  for (int i = 0; i < 600; ++i) items.push_back(i);
  Json rule = Json::parse(R"({"reduce": [[], [{"var": "accumulator"}], null]})");
  rule["reduce"][0] = items;
  const auto result = json_logic::apply(rule, nullptr);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(format_diagnostic(result.error()),
            "error: 'reduce' built a value nested deeper than 512 levels");
}

TEST(JsonLogicApply, StopsAReduceThatDoublesItsAccumulator) {
  EXPECT_EQ(
      fails_with(
          R"({"reduce": [[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26],
                                      {"cat": [{"var": "accumulator"}, {"var": "accumulator"}]}, "x"]})"),
      "error: the condition builds more than 1000000 values (the limit); map, filter, reduce, "
      "merge and cat over long lists multiply what is built (/reduce/1/cat/1)");
}

namespace {

// {"OP": [[0, 1, ..., n - 1], {"OP": [..., {"OP": [..., inner]}]}]}, `levels` deep.
Json nested_over_list(const std::string& op, int n, int levels, Json inner) {
  Json list = Json::array();
  for (int i = 0; i < n; ++i) list.push_back(i + 1);
  Json rule = std::move(inner);
  for (int i = 0; i < levels; ++i) rule = Json{{op, Json::array({list, std::move(rule)})}};
  return rule;
}

}  // namespace

TEST(JsonLogicApply, StopsAMapInsideAMapInsideAMapAtTheStepBudget) {
  json_logic::Usage usage;
  const auto result = json_logic::apply(nested_over_list("map", 2000, 3, 1), nullptr, &usage);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(format_diagnostic(result.error()),
            "error: the condition needs more than 1000000 steps (the limit); map, filter, reduce, "
            "all, some and none over long lists multiply the work (/map/1/map/1/map/1)");
  EXPECT_TRUE(usage.exceeded);
  EXPECT_EQ(usage.steps, json_logic::k_max_steps + 1);
}

TEST(JsonLogicApply, StopsNestedAllAtTheStepBudget) {
  const auto result = json_logic::apply(nested_over_list("all", 2000, 3, true), nullptr);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().pointer, "/all/1/all/1/all/1");
}

TEST(JsonLogicApply, CountsTheValuesVarCopies) {
  Json list = Json::array();
  for (int i = 0; i < 300000; ++i) list.push_back(i);
  json_logic::Usage usage;
  const auto once = json_logic::apply(Json::parse(R"({"merge": [{"var": "list"}]})"),
                                      Json{{"list", list}}, &usage);
  ASSERT_TRUE(once.ok()) << once.error().message;
  EXPECT_EQ(usage.steps, 3u);
  EXPECT_GT(usage.values, 600000u);  // read out of the data, then merged
  // Five steps, but 1,200,000 values: over the budget.
  const auto twice = json_logic::apply(
      Json::parse(R"({"merge": [{"var": "list"}, {"var": "list"}]})"), Json{{"list", list}});
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(format_diagnostic(twice.error()),
            "error: the condition builds more than 1000000 values (the limit); map, filter, "
            "reduce, merge and cat over long lists multiply what is built");
}

TEST(JsonLogicApply, SaysWhatARuleSpent) {
  json_logic::Usage usage;
  const auto result =
      json_logic::apply(Json::parse(R"({"==": [{"var": "a"}, 1]})"), Json{{"a", 1}}, &usage);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(usage.steps, 4u);  // ==, var, "a" and 1
  EXPECT_FALSE(usage.exceeded);
}

TEST(JsonLogicApply, FindsTextInTextOfAnyLength) {
  const std::string haystack(1 << 20, 'a');
  const std::string needle = std::string(1 << 19, 'a') + "b";
  const auto result = json_logic::apply(Json::parse(R"({"in": [{"var": "n"}, {"var": "h"}]})"),
                                        Json{{"n", needle}, {"h", haystack}});
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(*result, false);
  EXPECT_EQ(run(R"({"in": ["ab", "xxabx"]})"), true);
  EXPECT_EQ(run(R"({"in": ["", "x"]})"), true);
  EXPECT_EQ(run(R"({"in": ["ba", "xxabx"]})"), false);
}

TEST(JsonLogicApply, MultiplyWithoutArgumentsFailsAsJavaScriptDoes) {
  EXPECT_EQ(fails_with(R"({"*": []})"), "error: '*' needs at least one argument");
  EXPECT_EQ(run(R"({"*": ["2"]})"), "2");  // one argument comes back untouched
}

TEST(JsonLogicApply, MissingSomeWithoutKeysFails) {
  EXPECT_EQ(fails_with(R"({"missing_some": [1]})"),
            "error: 'missing_some' needs a list of keys as its second argument");
}

TEST(JsonLogicApply, ComparesMixedTypesAsJavaScriptDoes) {
  EXPECT_EQ(run(R"({"==": [1, "1"]})"), true);
  EXPECT_EQ(run(R"({"==": [0, false]})"), true);
  EXPECT_EQ(run(R"({"==": [null, 0]})"), false);
  EXPECT_EQ(run(R"({"==": [null, null]})"), true);
  EXPECT_EQ(run(R"({"==": [[1], 1]})"), true);
  EXPECT_EQ(run(R"({"==": [[], false]})"), true);
  EXPECT_EQ(run(R"({"==": ["", 0]})"), true);
  EXPECT_EQ(run(R"({"==": [" 12 ", 12]})"), true);
  EXPECT_EQ(run(R"({"==": ["0x10", 16]})"), true);
  EXPECT_EQ(run(R"({"==": [[1, 2], [1, 2]]})"), false);  // two arrays are two objects
  EXPECT_EQ(run(R"({"===": [1, 1.0]})"), true);
  EXPECT_EQ(run(R"({"===": [1, "1"]})"), false);
  EXPECT_EQ(run(R"({"<": ["10", "9"]})"), true);  // both strings: compared as text
  // By UTF-16 code unit, as JavaScript: 0xFFFF sorts after 0xD83D 0xDE00.
  EXPECT_EQ(run(R"({"<": ["\uFFFF", "\uD83D\uDE00"]})"), false);
  EXPECT_EQ(run(R"({">": ["\uFFFF", "\uD83D\uDE00"]})"), true);
  EXPECT_EQ(run(R"({"<": [10, "9"]})"), false);
  EXPECT_EQ(run(R"({"<": ["a", 1]})"), false);
  EXPECT_EQ(run(R"({">=": ["a", 1]})"), false);  // NaN compares false both ways
  EXPECT_EQ(run(R"({"<=": [null, 0]})"), true);
  EXPECT_EQ(run(R"({"<": [1, 2, 3]})"), true);
  EXPECT_EQ(run(R"({"<=": [1, 1, 0]})"), false);
}

TEST(JsonLogicApply, WritesNumbersAsJavaScriptDoes) {
  EXPECT_EQ(
      run(R"({"cat": [1e21, " ", 1e20, " ", 1e-7, " ", 0.000001, " ", 0.1, " ", -0.5, " ", 1.5e300]})"),
      "1e+21 100000000000000000000 1e-7 0.000001 0.1 -0.5 1.5e+300");
  EXPECT_EQ(run(R"({"cat": ["a", null, [1, [2, null]], true, {"x": 1, "y": 2}]})"),
            "a1,2,true[object Object]");
}

TEST(JsonLogicApply, ArithmeticCoercesStrings) {
  EXPECT_EQ(run(R"({"+": ["1.5e1", " 2px"]})"), 17);
  EXPECT_EQ(run(R"({"+": []})"), 0);
  EXPECT_EQ(run(R"({"*": ["2", "3", 0.5]})"), 3);
  EXPECT_EQ(run(R"({"-": ["5"]})"), -5);
  EXPECT_EQ(run(R"({"-": ["5", true]})"), 4);
  EXPECT_EQ(run(R"({"%": [-7, 3]})"), -1);
  EXPECT_EQ(run(R"({"/": [1, 4]})"), 0.25);
  EXPECT_EQ(run(R"({"min": [3, "1", 2]})"), 1);
  EXPECT_TRUE(std::isnan(run(R"({"max": ["x", 1]})").get<double>()));
  EXPECT_TRUE(std::isinf(run(R"({"/": [1, 0]})").get<double>()));
}

TEST(JsonLogicApply, IntegralResultsAreIntegers) {
  const Json result = run(R"({"/": [6, 3]})");
  EXPECT_TRUE(result.is_number_integer());
  EXPECT_EQ(result.dump(), "2");
}

TEST(JsonLogicApply, VarReadsDottedPathsIndicesAndDefaults) {
  const std::string data = R"({"a": {"b": [10, 20]}, "n": null, "s": "héllo", "list": [1, 2, 3]})";
  EXPECT_EQ(run(R"({"var": "a.b.1"})", data), 20);
  EXPECT_EQ(run(R"({"var": ["a.x", "fallback"]})", data), "fallback");
  EXPECT_EQ(run(R"({"var": ["n", "fallback"]})", data), nullptr);  // present but null: no default
  EXPECT_EQ(run(R"({"var": ["n.x", "fallback"]})", data), "fallback");
  EXPECT_EQ(run(R"({"var": "s.1"})", data), "é");
  EXPECT_EQ(run(R"({"var": "s.length"})", data), 5);
  EXPECT_EQ(run(R"({"var": "list.length"})", data), 3);
  EXPECT_EQ(run(R"({"var": "list.01"})", data), nullptr);
  EXPECT_EQ(run(R"({"var": 1})", "[7, 8]"), 8);
  EXPECT_EQ(run(R"({"var": ""})", R"({"k": 1})"), Json::parse(R"({"k": 1})"));
}

TEST(JsonLogicApply, SubstrCountsCodePoints) {
  EXPECT_EQ(run(R"({"substr": ["héllo wörld", 1, 3]})"), "éll");
  EXPECT_EQ(run(R"({"substr": ["héllo wörld", -5, -1]})"), "wörl");
  EXPECT_EQ(run(R"({"substr": [12345, 1, 2]})"), "23");
}

TEST(JsonLogicApply, InSearchesStringsAndLists) {
  EXPECT_EQ(run(R"({"in": ["Spr", "Springfield"]})"), true);
  EXPECT_EQ(run(R"({"in": [1, "a1"]})"), true);
  EXPECT_EQ(run(R"({"in": [1, [1.0, 2]]})"), true);
  EXPECT_EQ(run(R"({"in": ["1", [1, 2]]})"), false);  // lists compare strictly
  EXPECT_EQ(run(R"({"in": ["a", null]})"), false);
  EXPECT_EQ(run(R"({"in": ["a", {"var": "object"}]})", R"({"object": {"a": 1}})"), false);
}

TEST(JsonLogicApply, AndOrReturnTheDecidingValue) {
  EXPECT_EQ(run(R"({"or": [0, "", "x", "y"]})"), "x");
  EXPECT_EQ(run(R"({"and": [1, [], 2]})"), Json::array());
  EXPECT_EQ(run(R"({"and": []})"), nullptr);
}

TEST(JsonLogicApply, ReduceEvaluatesItsInitialValue) {
  EXPECT_EQ(
      run(R"({"reduce": [[1, 2], {"+": [{"var": "current"}, {"var": "accumulator"}]}, {"var": "start"}]})",
          R"({"start": 10})"),
      13);
}

TEST(JsonLogicApply, LogPassesItsValueThrough) {
  EXPECT_EQ(run(R"({"log": ["apple"]})"), "apple");
  EXPECT_EQ(run(R"({"log": []})"), nullptr);
}

TEST(JsonLogicTruthy, FollowsJsonLogicNotJavaScriptForEmptyArrays) {
  for (const char* falsy : {"false", "null", "0", "0.0", "\"\"", "[]"}) {
    EXPECT_FALSE(truthy(Json::parse(falsy))) << falsy;
  }
  for (const char* true_value : {"true", "1", "-1", "\"0\"", "\" \"", "[0]", "{}"}) {
    EXPECT_TRUE(truthy(Json::parse(true_value))) << true_value;
  }
  EXPECT_FALSE(truthy(Json(std::nan(""))));
}

TEST(JsonLogicIsOperation, IsAnObjectWithExactlyOneKey) {
  EXPECT_TRUE(is_operation(Json::parse(R"({"var": "x"})")));
  EXPECT_FALSE(is_operation(Json::parse(R"({})")));
  EXPECT_FALSE(is_operation(Json::parse(R"({"a": 1, "b": 2})")));
  EXPECT_FALSE(is_operation(Json::parse(R"([{"var": "x"}])")));
  EXPECT_FALSE(is_operation(Json::parse(R"("var")")));
}
