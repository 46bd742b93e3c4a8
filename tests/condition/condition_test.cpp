#include <closecoach/condition.hpp>
#include <closecoach/json_logic.hpp>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <memory>
#include <random>
#include <set>
#include <string>

#include "condition_program.hpp"  // to hold the general path to the same answers
#include "support/contract_facts.hpp"

namespace closecoach {

// gtest prints a Truth by this name (found by ADL).
void PrintTo(Truth truth, std::ostream* out);
void PrintTo(Truth truth, std::ostream* out) {
  *out << (truth == Truth::yes ? "yes" : truth == Truth::no ? "no" : "unknown");
}

namespace {

using nlohmann::json;

// The contract's vocabulary, plus free text and a fraction.
const FactSchema& schema() {
  static const FactSchema k_schema = [] {
    auto specs = testing::contract_fact_specs();
    specs.push_back(testing::fact_spec("notes", FactType::string));
    specs.push_back(testing::fact_spec("share", FactType::number));
    return FactSchema(std::move(specs));
  }();
  return k_schema;
}

int slot(std::string_view id) { return schema().slot_of(id); }

// A deal's answers as the engine holds them: one Value per slot, unknown where
// not answered. Free text points into the answers, so a Record stays put.
class Record {
 public:
  explicit Record(json answers) : m_answers(std::move(answers)), m_values(schema().size()) {
    for (const auto& [id, answer] : m_answers.items())
      m_values[static_cast<std::size_t>(slot(id))] =
          schema().value_from_json(slot(id), answer).value();
  }
  Record(const Record&) = delete;
  Record& operator=(const Record&) = delete;
  FactValues values() const { return m_values; }
  const json& answers() const { return m_answers; }

 private:
  json m_answers;
  std::vector<Value> m_values;
};

Condition compiled(const json& logic) {
  auto condition = Condition::compile(logic, schema());
  EXPECT_TRUE(condition.ok()) << logic.dump() << ": " << format_diagnostic(condition.error());
  return condition.ok() ? std::move(condition.value()) : Condition();
}

Truth truth(const std::string& logic, const json& answers = json::object()) {
  const Record record(answers);
  return compiled(json::parse(logic)).evaluate(record.values());
}

std::string error(const std::string& logic) {
  const auto condition = Condition::compile(json::parse(logic), schema());
  return condition.ok() ? "(compiled)" : format_diagnostic(condition.error());
}

std::vector<std::string> dependencies(const std::string& logic, const json& answers) {
  const Record record(answers);
  std::vector<int> slots;
  compiled(json::parse(logic)).unknown_dependencies(record.values(), slots);
  std::vector<std::string> ids;
  for (const int s : slots) ids.push_back(schema().spec(s).id);
  return ids;
}

constexpr Truth yes = Truth::yes;
constexpr Truth no = Truth::no;
constexpr Truth unknown = Truth::unknown;

TEST(Condition, ComparesEnumFactsWithConstants) {
  const json deal = {{"stage", "negotiation"}};
  EXPECT_EQ(truth(R"({"==": [{"var": "stage"}, "negotiation"]})", deal), yes);
  EXPECT_EQ(truth(R"({"==": ["discovery", {"var": "stage"}]})", deal), no);
  EXPECT_EQ(truth(R"({"!=": [{"var": "stage"}, "discovery"]})", deal), yes);
  EXPECT_EQ(truth(R"({"===": [{"var": "stage"}, "negotiation"]})", deal), yes);
  EXPECT_EQ(truth(R"({"!==": [{"var": "stage"}, "negotiation"]})", deal), no);
  EXPECT_EQ(truth(R"({"==": [{"var": "stage"}, {"var": "stage"}]})", deal), yes);
}

TEST(Condition, ComparesNumbersIncludingTheBetweenForms) {
  const json deal = {{"soft_closes_tried", 2}, {"days_in_cycle", 14}};
  EXPECT_EQ(truth(R"({">=": [{"var": "soft_closes_tried"}, 2]})", deal), yes);
  EXPECT_EQ(truth(R"({">": [{"var": "soft_closes_tried"}, 2]})", deal), no);
  EXPECT_EQ(truth(R"({"<": [{"var": "soft_closes_tried"}, 3]})", deal), yes);
  EXPECT_EQ(truth(R"({"<=": [3, {"var": "soft_closes_tried"}]})", deal), no);
  EXPECT_EQ(truth(R"({"<": [10, {"var": "days_in_cycle"}, 15]})", deal), yes);
  EXPECT_EQ(truth(R"({"<": [10, {"var": "days_in_cycle"}, 14]})", deal), no);
  EXPECT_EQ(truth(R"({"<=": [10, {"var": "days_in_cycle"}, 14]})", deal), yes);
  EXPECT_EQ(truth(R"({">": [{"var": "days_in_cycle"}, {"var": "soft_closes_tried"}]})", deal), yes);
}

TEST(Condition, ReadsBoolFactsForTheirTruth) {
  const json deal = {{"has_need", true}, {"can_pay", false}};
  EXPECT_EQ(truth(R"({"var": "has_need"})", deal), yes);
  EXPECT_EQ(truth(R"({"var": "can_pay"})", deal), no);
  EXPECT_EQ(truth(R"({"!": {"var": "can_pay"}})", deal), yes);
  EXPECT_EQ(truth(R"({"!!": [{"var": "can_pay"}]})", deal), no);
  EXPECT_EQ(truth(R"({"==": [{"var": "can_pay"}, false]})", deal), yes);
}

TEST(Condition, CoercesTypesLikeJsonLogic) {
  const json deal = {
      {"soft_closes_tried", 2}, {"has_need", true}, {"stage", "discovery"}, {"notes", ""}};
  EXPECT_EQ(truth(R"({"==": [{"var": "soft_closes_tried"}, "2"]})", deal), yes);
  EXPECT_EQ(truth(R"({"===": [{"var": "soft_closes_tried"}, "2"]})", deal), no);
  EXPECT_EQ(truth(R"({"==": [{"var": "has_need"}, 1]})", deal), yes);
  EXPECT_EQ(truth(R"({"==": [{"var": "has_need"}, "1"]})", deal), yes);
  EXPECT_EQ(truth(R"({"===": [{"var": "has_need"}, 1]})", deal), no);
  EXPECT_EQ(truth(R"({"==": [{"var": "stage"}, 0]})", deal), no);
  EXPECT_EQ(truth(R"({"==": [{"var": "notes"}, 0]})", deal), yes);  // "" is 0
  EXPECT_EQ(truth(R"({"==": [{"var": "notes"}, null]})", deal), no);
  EXPECT_EQ(truth(R"({"<": ["10", {"var": "soft_closes_tried"}]})", deal), no);
  EXPECT_EQ(truth(R"({"<": [{"var": "soft_closes_tried"}, "abc"]})", deal), no);  // NaN
  EXPECT_EQ(truth(R"({">=": [{"var": "soft_closes_tried"}, null]})", deal), yes);
  EXPECT_EQ(truth(R"({"<": [{"var": "stage"}, "e"]})", deal), yes);  // text orders as text
}

TEST(Condition, FollowsJsonLogicTruthiness) {
  const json deal = {
      {"soft_closes_tried", 0}, {"days_in_cycle", 3}, {"notes", ""}, {"stage", "discovery"}};
  EXPECT_EQ(truth(R"({"var": "soft_closes_tried"})", deal), no);
  EXPECT_EQ(truth(R"({"var": "days_in_cycle"})", deal), yes);
  EXPECT_EQ(truth(R"({"var": "notes"})", deal), no);
  EXPECT_EQ(truth(R"({"var": "stage"})", deal), yes);
  EXPECT_EQ(truth("[]"), no);
  EXPECT_EQ(truth("[0]"), yes);
  EXPECT_EQ(truth("null"), no);
  EXPECT_EQ(truth(R"("0")"), yes);
}

TEST(Condition, FindsMembersOfListsAndText) {
  const json deal = {
      {"stage", "final_20_min"}, {"soft_closes_tried", 2}, {"notes", "wants a 10% discount"}};
  EXPECT_EQ(truth(R"({"in": [{"var": "stage"}, ["negotiation", "final_20_min"]]})", deal), yes);
  EXPECT_EQ(truth(R"({"in": [{"var": "stage"}, ["discovery"]]})", deal), no);
  EXPECT_EQ(truth(R"({"in": [{"var": "soft_closes_tried"}, [1, 2]]})", deal), yes);
  EXPECT_EQ(truth(R"({"in": [{"var": "soft_closes_tried"}, ["2"]]})", deal),
            no);  // membership is strict
  EXPECT_EQ(truth(R"({"in": ["discount", {"var": "notes"}]})", deal), yes);
  EXPECT_EQ(truth(R"({"in": [10, {"var": "notes"}]})", deal), yes);
  EXPECT_EQ(truth(R"({"in": ["final", {"var": "stage"}]})", deal), yes);
  EXPECT_EQ(truth(R"({"in": ["2", {"var": "soft_closes_tried"}]})", deal),
            no);  // a number has no indexOf
}

// "in" looks for String(number), as JavaScript writes numbers.
TEST(Condition, FindsNumbersInTextAsJavaScriptWritesThem) {
  const json deal = {{"notes", "1e+21, 0.000001, 1e-7, 123456789012, 1.5, -2"}};
  for (const char* number : {"1e21", "0.000001", "1e-7", "123456789012", "1.5", "-2", "1.50"})
    EXPECT_EQ(truth(fmt::format(R"({{"in": [{}, {{"var": "notes"}}]}})", number), deal), yes)
        << number;
  for (const char* number : {"1e20", "2.5", "1e-8", "0.5"})
    EXPECT_EQ(truth(fmt::format(R"({{"in": [{}, {{"var": "notes"}}]}})", number), deal), no)
        << number;
}

TEST(Condition, ComputesArithmetic) {
  const json deal = {{"soft_closes_tried", 3}, {"days_in_cycle", 10}};
  EXPECT_EQ(truth(R"({"==": [{"+": [{"var": "soft_closes_tried"}, 1]}, 4]})", deal), yes);
  EXPECT_EQ(truth(R"({"==": [{"+": [{"var": "soft_closes_tried"}, "1"]}, 4]})", deal), yes);
  EXPECT_EQ(truth(R"({"==": [{"-": [{"var": "days_in_cycle"}, {"var": "soft_closes_tried"}]}, 7]})",
                  deal),
            yes);
  EXPECT_EQ(truth(R"({"==": [{"-": {"var": "days_in_cycle"}}, -10]})", deal), yes);
  EXPECT_EQ(truth(R"({"==": [{"*": [{"var": "soft_closes_tried"}, 2, 2]}, 12]})", deal), yes);
  EXPECT_EQ(truth(R"({"==": [{"/": [{"var": "days_in_cycle"}, 4]}, 2.5]})", deal), yes);
  EXPECT_EQ(truth(R"({"==": [{"%": [{"var": "days_in_cycle"}, 3]}, 1]})", deal), yes);
  EXPECT_EQ(truth(R"({"==": [{"min": [{"var": "days_in_cycle"}, 5, 7]}, 5]})", deal), yes);
  EXPECT_EQ(truth(R"({"==": [{"max": [{"var": "days_in_cycle"}, 5, 7]}, 10]})", deal), yes);
  EXPECT_EQ(truth(R"({"+": [{"var": "soft_closes_tried"}, -3]})", deal), no);
  EXPECT_EQ(truth(R"({"/": [{"var": "soft_closes_tried"}, 0]})", deal), yes);  // Infinity
}

TEST(Condition, ChoosesBranchesWithIf) {
  const std::string logic =
      R"({"if": [{"==": [{"var": "stage"}, "negotiation"]}, {">=": [{"var": "soft_closes_tried"}, 2]},
                 {"==": [{"var": "stage"}, "discovery"]}, {"var": "has_need"}, false]})";
  EXPECT_EQ(truth(logic, {{"stage", "negotiation"}, {"soft_closes_tried", 2}}), yes);
  EXPECT_EQ(truth(logic, {{"stage", "negotiation"}, {"soft_closes_tried", 1}}), no);
  EXPECT_EQ(truth(logic, {{"stage", "discovery"}, {"has_need", true}}), yes);
  EXPECT_EQ(truth(logic, {{"stage", "follow_up"}}), no);
  EXPECT_EQ(truth(R"({"?:": [{"var": "has_need"}, "yes", ""]})", {{"has_need", false}}), no);
  EXPECT_EQ(
      truth(R"({"==": [{"if": [{"var": "has_need"}, "a", "b"]}, "b"]})", {{"has_need", false}}),
      yes);
}

TEST(Condition, UsesAndOrAsValuesInsideComparisons) {
  const json deal = {{"soft_closes_tried", 0}, {"days_in_cycle", 5}};
  EXPECT_EQ(
      truth(R"({"==": [{"or": [{"var": "soft_closes_tried"}, {"var": "days_in_cycle"}]}, 5]})",
            deal),
      yes);
  EXPECT_EQ(
      truth(R"({"==": [{"and": [{"var": "days_in_cycle"}, {"var": "soft_closes_tried"}]}, 0]})",
            deal),
      yes);
}

// The rep may still answer, and an answer must not overturn a known result.
TEST(Condition, KeepsUnansweredFactsUnknownDespiteDefaults) {
  EXPECT_EQ(truth(R"({"==": [{"var": ["soft_closes_tried", 0]}, 0]})"), unknown);
  EXPECT_EQ(truth(R"({"==": [{"var": ["soft_closes_tried", 0]}, 0]})", {{"soft_closes_tried", 1}}),
            no);
  EXPECT_EQ(truth(R"({"var": ["has_need", true]})", {{"has_need", false}}), no);
}

TEST(Condition, TreatsUnknownFactAsUnknown) {
  EXPECT_EQ(truth(R"({"==": [{"var": "stage"}, "negotiation"]})"), unknown);
  EXPECT_EQ(truth(R"({">=": [{"var": "soft_closes_tried"}, 2]})"), unknown);
  EXPECT_EQ(truth(R"({"var": "has_need"})"), unknown);
  EXPECT_EQ(truth(R"({"!": {"var": "has_need"}})"), unknown);
  EXPECT_EQ(truth(R"({"==": [{"+": [{"var": "soft_closes_tried"}, 1]}, 1]})"), unknown);
  EXPECT_EQ(truth(R"({"in": [{"var": "stage"}, ["negotiation"]]})"), unknown);
}

TEST(Condition, AndIsFalseOnceAnyPartIsFalse) {
  const std::string logic = R"({"and": [{"var": "has_need"}, {"var": "can_pay"}]})";
  EXPECT_EQ(truth(logic, {{"can_pay", false}}), no);
  EXPECT_EQ(truth(logic, {{"can_pay", true}}), unknown);
  EXPECT_EQ(truth(logic, {{"can_pay", true}, {"has_need", true}}), yes);
}

TEST(Condition, OrIsTrueOnceAnyPartIsTrue) {
  const std::string logic = R"({"or": [{"var": "has_need"}, {"var": "can_pay"}]})";
  EXPECT_EQ(truth(logic, {{"can_pay", true}}), yes);
  EXPECT_EQ(truth(logic, {{"can_pay", false}}), unknown);
  EXPECT_EQ(truth(logic, {{"can_pay", false}, {"has_need", false}}), no);
}

TEST(Condition, BetweenIsFalseWhenEitherKnownHalfFails) {
  EXPECT_EQ(truth(R"({"<": [{"var": "days_in_cycle"}, 5, {"var": "soft_closes_tried"}]})",
                  {{"days_in_cycle", 9}}),
            no);
  EXPECT_EQ(truth(R"({"<": [{"var": "days_in_cycle"}, 5, {"var": "soft_closes_tried"}]})",
                  {{"days_in_cycle", 1}}),
            unknown);
}

TEST(Condition, IfWithAnUnknownConditionIsKnownWhenBothWaysAgree) {
  EXPECT_EQ(truth(R"({"if": [{"var": "has_need"}, {"var": "can_pay"}, {"var": "on_shortlist"}]})",
                  {{"can_pay", true}, {"on_shortlist", true}}),
            yes);
  EXPECT_EQ(truth(R"({"if": [{"var": "has_need"}, {"var": "can_pay"}, {"var": "on_shortlist"}]})",
                  {{"can_pay", true}, {"on_shortlist", false}}),
            unknown);
}

TEST(Condition, ListsOnlyTheUnknownFactsThatCanChangeTheResult) {
  const std::string logic =
      R"({"and": [{"var": "has_need"}, {"or": [{"var": "can_pay"}, {"==": [{"var": "stage"}, "negotiation"]}]}]})";
  EXPECT_EQ(dependencies(logic, json::object()),
            (std::vector<std::string>{"has_need", "can_pay", "stage"}));
  EXPECT_EQ(dependencies(logic, {{"can_pay", true}}), (std::vector<std::string>{"has_need"}));
  EXPECT_EQ(dependencies(logic, {{"has_need", false}}), std::vector<std::string>{});
  EXPECT_EQ(dependencies(logic, {{"has_need", true}, {"can_pay", false}}),
            (std::vector<std::string>{"stage"}));
  EXPECT_EQ(dependencies(R"({"if": [{"var": "has_need"}, {"var": "can_pay"}, true]})",
                         {{"can_pay", true}}),
            std::vector<std::string>{});
  EXPECT_EQ(dependencies(R"({"if": [{"var": "has_need"}, {"var": "can_pay"}, false]})",
                         {{"can_pay", true}}),
            std::vector<std::string>{"has_need"});
}

TEST(Condition, ListsTheFactsItReadsInFirstUseOrder) {
  const Condition condition = compiled(json::parse(
      R"({"or": [{"and": [{"var": "stage"}, {"var": "has_need"}]}, {"var": "stage"}, {"missing": ["can_pay"]}]})"));
  EXPECT_EQ(condition.slots(),
            (std::vector<int>{slot("stage"), slot("has_need"), slot("can_pay")}));
}

TEST(Condition, ReportsAnUnknownFactWhereItIsRead) {
  EXPECT_EQ(error(R"({"and": [true, {"==": [{"var": "budget_ok"}, true]}]})"),
            "error: unknown fact 'budget_ok' (/and/1/==/0)");
  EXPECT_EQ(error(R"({"!": {"var": "budget_ok"}})"), "error: unknown fact 'budget_ok' (/!)");
  EXPECT_EQ(error(R"({"missing": ["has_need", "budget_ok"]})"),
            "error: unknown fact 'budget_ok' (/missing/1)");
  EXPECT_EQ(error(R"({"cat": [{"var": ["budget_ok", 1]}]})"),
            "error: unknown fact 'budget_ok' (/cat/0)");
}

TEST(Condition, RejectsFormsItCannotCompile) {
  EXPECT_EQ(error(R"({"==": [{"var": ""}, 1]})"),
            "error: \"var\" must name a fact; reading the whole data is not supported (/==/0)");
  EXPECT_EQ(error(R"({"var": {"cat": ["st", "age"]}})"),
            "error: \"var\" must name a fact literally; computed names are not supported");
  EXPECT_EQ(error(R"({"or": [{"var": "has_need"}, {"regex": ["a", "b"]}]})"),
            "error: unknown operator 'regex' (/or/1)");
  EXPECT_EQ(error(R"({"missing": {"merge": ["a"]}})"),
            "error: \"missing\" must list fact names literally (/missing)");
}

TEST(Condition, RejectsEnumValuesTheFactCannotHold) {
  EXPECT_EQ(error(R"({"==": [{"var": "stage"}, "closing"]})"),
            "error: fact 'stage' cannot be 'closing' (allowed: discovery, presentation, "
            "negotiation, final_20_min, "
            "follow_up) (/==/1)");
  EXPECT_EQ(error(R"({"in": [{"var": "sees_value"}, ["yes", "maybe"]]})"),
            "error: fact 'sees_value' cannot be 'maybe' (allowed: yes, not_yet, no) (/in/1/1)");
}

TEST(Condition, RefusesNestingDeeperThanJsonLogicAccepts) {
  json logic = json{{"var", "has_need"}};
  for (std::size_t i = 0; i < json_logic::k_max_depth + 5; ++i)
    logic = json{{"!", json::array({logic})}};
  const auto condition = Condition::compile(logic, schema());
  ASSERT_FALSE(condition.ok());
  EXPECT_EQ(condition.error().message, "condition nests deeper than 512 levels");
}

TEST(Condition, RunsOtherOperatorsThroughJsonLogic) {
  const json deal = {{"stage", "negotiation"}, {"notes", "Price"}};
  EXPECT_EQ(truth(R"({"==": [{"cat": [{"var": "stage"}, "!"]}, "negotiation!"]})", deal), yes);
  EXPECT_EQ(truth(R"({"==": [{"substr": [{"var": "notes"}, 0, 1]}, "P"]})", deal), yes);
  EXPECT_EQ(truth(R"({"missing": ["stage", "notes"]})", deal), no);
  EXPECT_EQ(truth(R"({"some": [[1, 2], {"==": [{"var": ""}, 2]}]})", deal), yes);
  EXPECT_EQ(
      truth(R"({"and": [{"==": [{"var": "stage"}, "negotiation"]}, {"cat": [{"var": "notes"}]}]})",
            deal),
      yes);
}

TEST(Condition, TreatsJsonLogicFallbackOnUnknownFactsAsUnknown) {
  EXPECT_EQ(truth(R"({"==": [{"cat": [{"var": "stage"}, "!"]}, "negotiation!"]})"), unknown);
  EXPECT_EQ(truth(R"({"and": [{"var": "has_need"}, {"cat": [{"var": "notes"}]}]})",
                  {{"has_need", false}}),
            no);
  EXPECT_EQ(dependencies(R"({"cat": [{"var": "notes"}, {"var": ["stage", "x"]}]})", json::object()),
            (std::vector<std::string>{"notes", "stage"}));
}

TEST(Condition, SettlesLogicWithoutFactsWhenCompiled) {
  EXPECT_EQ(truth("true"), yes);
  EXPECT_EQ(truth(R"({"and": []})"), no);
  EXPECT_EQ(truth(R"({"==": [{"cat": ["a", "b"]}, "ab"]})"), yes);
  EXPECT_EQ(truth(R"({"or": [{"var": "has_need"}, {"<": [1, 2]}]})"), yes);
  EXPECT_EQ(truth(R"({"and": [{"var": "has_need"}, {"in": ["x", "abc"]}]})"), no);
}

namespace {

json numbers(int count) {
  json list = json::array();
  for (int i = 1; i <= count; ++i) list.push_back(i);
  return list;
}

// {"some": [outer, {"some": [list, {"some": [list, false]}]}]}: count^3 steps
// and more when `outer` is a list of `count`.
json nested_some(json outer, int count) {
  const json list = numbers(count);
  const json inner = {{"some", {list, {{"some", {list, false}}}}}};
  return {{"some", {std::move(outer), inner}}};
}

}  // namespace

TEST(Condition, RefusesAPartThatReadsNoFactAndGoesOverTheBudget) {
  const json logic = {{"and", {{{"var", "has_need"}}, nested_some(numbers(2000), 2000)}}};
  const auto condition = Condition::compile(logic, schema());
  ASSERT_FALSE(condition.ok());
  EXPECT_EQ(format_diagnostic(condition.error()),
            "error: the condition needs more than 1000000 steps (the limit); map, filter, reduce, "
            "all, some and none over long lists multiply the work (/and/1/some/1/some/1/some/1)");
}

TEST(Condition, TriesAPartThatReadsFactsAndRefusesItOverTheBudget) {
  const json outer = {{"merge", {numbers(2000), {{"var", "has_need"}}}}};
  const auto condition = Condition::compile(nested_some(outer, 2000), schema());
  ASSERT_FALSE(condition.ok());
  // The lists, built again at each step, run out the budget of values first.
  EXPECT_EQ(format_diagnostic(condition.error()),
            "error: the condition builds more than 1000000 values (the limit); map, filter, "
            "reduce, merge and cat over long lists multiply what is built (/some/1/some/1/0/1744)");
}

TEST(Condition, IsUnknownWhereAPartGoesOverTheBudgetForValuesNotTried) {
  // Empty notes (the text tried) give an empty list; other notes, 200^3 steps.
  const json outer = {{"if", {{{"var", "notes"}}, numbers(200), json::array()}}};
  EXPECT_EQ(truth(nested_some(outer, 200).dump(), {{"notes", ""}}), no);
  EXPECT_EQ(truth(nested_some(outer, 200).dump(), {{"notes", "x"}}), unknown);
}

TEST(Condition, AcceptsValuesThatDoNotComeFromTheSchema) {
  const std::string stage = "negotiation";
  std::vector<Value> values(schema().size());
  values[static_cast<std::size_t>(slot("stage"))] = Value::of(std::string_view(stage));
  EXPECT_EQ(compiled(json::parse(R"({"==": [{"var": "stage"}, "negotiation"]})")).evaluate(values),
            yes);
  EXPECT_EQ(
      compiled(json::parse(R"({"in": [{"var": "stage"}, ["final_20_min"]]})")).evaluate(values),
      no);
  values[static_cast<std::size_t>(slot("has_need"))] =
      Value::of(1.0);  // not a bool: compared as JsonLogic would
  EXPECT_EQ(compiled(json::parse(R"({"==": [{"var": "has_need"}, true]})")).evaluate(values), yes);
}

TEST(Condition, TreatsFactsBeyondTheGivenValuesAsUnknown) {
  const Condition condition =
      compiled(json::parse(R"({"or": [{"var": "has_need"}, {"var": "real_urgency"}]})"));
  const std::vector<Value> few = {Value::unknown_value(), Value::of(true)};
  EXPECT_EQ(condition.evaluate(few), yes);
  EXPECT_EQ(condition.evaluate({}), unknown);
}

TEST(Condition, KeepsWorkingWhenCopiedOrMoved) {
  const Record deal({{"stage", "negotiation"}, {"soft_closes_tried", 3}});
  Condition original = compiled(json::parse(
      R"({"and": [{"in": [{"var": "stage"}, ["negotiation"]]}, {">": [{"var": "soft_closes_tried"}, 2]}]})"));
  Condition copy = original;
  Condition moved = std::move(original);
  EXPECT_EQ(copy.evaluate(deal.values()), yes);
  EXPECT_EQ(moved.evaluate(deal.values()), yes);
  const std::vector<int> reads = {slot("stage"), slot("soft_closes_tried")};
  EXPECT_EQ(copy.slots(), reads);
  EXPECT_EQ(moved.slots(), reads);
  EXPECT_EQ(Condition().evaluate(deal.values()), no);
}

TEST(Condition, TestsEnumValuesOfACopiedSchemaByTheirIndex) {
  const FactSchema copy = schema();  // holds its own copy of every value
  const int stage = slot("stage");
  const Condition condition =
      compiled(json::parse(R"({"in": [{"var": "stage"}, ["negotiation", "final_20_min"]]})"));
  std::vector<Value> values(copy.size());
  for (const auto& text : copy.spec(stage).values) {
    values[static_cast<std::size_t>(stage)] = copy.value_from_json(stage, text).value();
    EXPECT_EQ(condition.evaluate(values),
              text == "negotiation" || text == "final_20_min" ? yes : no)
        << text;
  }
  // A Value whose index and text disagree shows which one was read: the
  // index, on the fast path, comparing no text.
  Value probe = copy.value_from_json(stage, "negotiation").value();
  probe.string = "discovery";
  values[static_cast<std::size_t>(stage)] = probe;
  EXPECT_EQ(condition.evaluate(values), yes);
}

// ---- Against the reference interpreter ---------------------------------------

// Random conditions over the schema, of the shapes playbooks use and then some.
class Generator {
 public:
  explicit Generator(unsigned seed) : m_random(seed) {}

  json condition(int depth) {
    if (depth == 0 || chance(0.3)) return leaf();
    switch (pick(6)) {
      case 0:
      case 1:
        return group(chance(0.5) ? "and" : "or", depth);
      case 2:
        return {{chance(0.5) ? "!" : "!!", json::array({condition(depth - 1)})}};
      case 3:
        return {{"if", {condition(depth - 1), condition(depth - 1), condition(depth - 1)}}};
      case 4:
        return {{"==", {value_of_logic(depth - 1), constant_for(pick_slot())}}};
      default:
        return leaf();
    }
  }

  json record(double unanswered) {
    json answers = json::object();
    for (std::size_t s = 0; s < schema().size(); ++s)
      if (!chance(unanswered))
        answers[schema().spec(static_cast<int>(s)).id] = answer_for(static_cast<int>(s));
    return answers;
  }

  json answer_for(int s) {
    const FactSpec& fact = schema().spec(s);
    switch (fact.type) {
      case FactType::enumeration:
        return fact.values[static_cast<std::size_t>(pick(static_cast<int>(fact.values.size())))];
      case FactType::boolean:
        return chance(0.5);
      case FactType::integer:
        return pick(8);
      case FactType::number:
        return pick(8) / 4.0;
      case FactType::string:
        return std::array{"", "price", "wants a discount", "2"}[static_cast<std::size_t>(pick(4))];
    }
    return nullptr;
  }

 private:
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(m_random) < p; }
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(m_random); }
  int pick_slot() { return pick(static_cast<int>(schema().size())); }
  json var(int s) { return {{"var", schema().spec(s).id}}; }

  json group(const char* op, int depth) {
    json parts = json::array();
    for (int i = 0, n = 2 + pick(3); i < n; ++i) parts.push_back(condition(depth - 1));
    return {{op, parts}};
  }

  // Constants of the fact's own type mostly, of other types sometimes.
  json constant_for(int s) {
    static const std::array<json, 8> k_odd = {json(nullptr), json(true), json(false), json(0),
                                              json(1),       json("1"),  json(""),    json("2")};
    const FactSpec& fact = schema().spec(s);
    if (chance(fact.type == FactType::enumeration ? 0.9 : 0.7)) return answer_for(s);
    // Text an enum cannot hold does not compile.
    const int odd = fact.type == FactType::enumeration ? 5 : static_cast<int>(k_odd.size());
    return k_odd[static_cast<std::size_t>(pick(odd))];
  }

  json leaf() {
    static const std::array<const char*, 8> k_compare = {
        "==", "!=", "===", "!==", "<", "<=", ">", ">="};
    const int s = pick_slot();
    switch (pick(7)) {
      case 0:
        return var(s);
      case 1:
        return {{"in", {var(s), {constant_for(s), constant_for(s)}}}};
      case 2:
        return {{"<", {constant_for(s), var(s), constant_for(s)}}};
      case 3:
        return {{"in", {"e", var(s)}}};
      case 4:
        return {{"var", {schema().spec(s).id, constant_for(s)}}};
      default: {
        const char* op = k_compare[static_cast<std::size_t>(pick(8))];
        return chance(0.8) ? json{{op, {var(s), constant_for(s)}}}
                           : json{{op, {constant_for(s), var(s)}}};
      }
    }
  }

  json value_of_logic(int depth) {
    static const std::array<const char*, 10> k_ops = {"+",   "-",   "*",   "/",  "%",
                                                      "min", "max", "and", "or", "cat"};
    const char* op = k_ops[static_cast<std::size_t>(pick(static_cast<int>(k_ops.size())))];
    json args = {depth > 0 && chance(0.3) ? value_of_logic(depth - 1) : var(pick_slot()),
                 var(pick_slot())};
    if (chance(0.5)) args.push_back(constant_for(pick_slot()));
    return {{op, args}};
  }

  std::mt19937 m_random;
};

Truth reference(const json& logic, const json& answers) {
  const auto result = json_logic::apply(logic, answers);
  EXPECT_TRUE(result.ok()) << logic.dump() << " on " << answers.dump();
  if (!result.ok()) return Truth::unknown;
  return json_logic::truthy(result.value()) ? Truth::yes : Truth::no;
}

TEST(Condition, AgreesWithJsonLogicOnRandomConditions) {
  Generator generator(20240611);
  std::array<int, 3> outcomes{};
  for (int c = 0; c < 400; ++c) {
    const json logic = generator.condition(3);
    const Condition condition = compiled(logic);
    for (int r = 0; r < 25; ++r) {
      const Record record(generator.record(0.0));
      const Truth truth = condition.evaluate(record.values());
      ASSERT_EQ(truth, reference(logic, record.answers()))
          << logic.dump() << " on " << record.answers().dump();
      ++outcomes[static_cast<std::size_t>(truth)];
    }
  }
  EXPECT_GT(outcomes[0], 2000);  // the conditions are not trivially false
  EXPECT_GT(outcomes[1], 2000);  // nor true
}

// JavaScript orders strings by UTF-16 code unit: U+FFFF (0xFFFF) sorts after
// U+1F600 (0xD83D 0xDE00), though its UTF-8 bytes sort before.
TEST(Condition, OrdersStringsAsJsonLogicDoesByUtf16CodeUnit) {
  struct Pair {
    const char* a;
    const char* b;
    bool less;  // a < b in JavaScript
  };
  const std::vector<Pair> pairs = {
      {"\uFFFF", "\U0001F600", false},
      {"\U0001F600", "\uFFFF", true},
      {"\uE000", "\U0001F600", false},
      {"\uD7FF", "\U0001F600", true},
      {"x\U0001F600", "x\uFB01", true},
      {"\U0001F600", "\U0001F601", true},
      {"10", "9", true},
      {"abc", "ab", false},
  };
  for (const auto& [a, b, less] : pairs) {
    const json answers = {{"notes", a}};
    for (const char* op : {"<", "<=", ">", ">="}) {
      const json logic = {{op, {{{"var", "notes"}}, b}}};
      const bool expected = op[0] == '<' ? less : !less && std::string_view(a) != b;
      const Truth truth = compiled(logic).evaluate(Record(answers).values());
      EXPECT_EQ(truth, reference(logic, answers)) << logic.dump() << " on " << answers.dump();
      if (op[1] == '\0') {
        EXPECT_EQ(truth, expected ? yes : no) << logic.dump() << " on " << answers.dump();
      }
    }
  }
}

// The fast path's two ways, the truth table and the step walk (with or
// without unknown facts), and the tree the walk hands over to must agree.
// The walk is held to the tree even where a table would answer first.
TEST(Condition, GeneralPathAgreesWithTheFastPath) {
  Generator generator(4242);
  std::array<int, 2> tables{};  // conditions without a truth table, with one
  for (int c = 0; c < 200; ++c) {
    const json logic = generator.condition(3);
    const Condition condition = compiled(logic);
    const auto program = condition_detail::compile_program(logic, schema());
    ASSERT_TRUE(program.ok());
    ++tables[program->table.usable ? 1 : 0];
    for (int r = 0; r < 20; ++r) {
      const Record record(generator.record(r % 2 == 0 ? 0.0 : 0.3));
      const condition_detail::Evaluator general(program.value(), record.values());
      const Truth tree = general.truth(program->root);
      ASSERT_EQ(tree, condition.evaluate(record.values()))
          << logic.dump() << " on " << record.answers().dump();
      ASSERT_EQ(tree, condition_detail::walk_steps(program.value(), record.values()))
          << logic.dump() << " on " << record.answers().dump();
      const auto table = condition_detail::look_up(program.value(), record.values());
      if (table) {
        ASSERT_EQ(tree, *table) << logic.dump() << " on " << record.answers().dump();
      }
    }
  }
  EXPECT_GT(tables[0], 20);  // both ways are tried
  EXPECT_GT(tables[1], 20);
}

// Values to try for a fact: unknown, the values that meet every outcome of
// the comparisons in `logic`, and values its steps cannot read (null, NaN,
// text without an enum index) that the walk leaves to the tree.
std::vector<Value> values_to_try(const json& logic, int s) {
  std::set<double> boundaries;
  collect_boundaries(logic, schema().spec(s).id, boundaries);
  std::vector<Value> values = values_worth_trying(schema(), s, boundaries);
  values.push_back(Value::unknown_value());
  values.push_back(Value::null_value());
  values.push_back(Value::of(std::numeric_limits<double>::quiet_NaN()));
  values.push_back(Value::of(std::string_view("x")));
  return values;
}

// Every combination of the values to try for the facts `condition` reads.
void for_each_record(const json& logic, const Condition& condition,
                     const std::function<void(FactValues)>& visit) {
  std::vector<std::vector<Value>> choices;
  for (const int s : condition.slots()) choices.push_back(values_to_try(logic, s));
  std::vector<std::size_t> at(choices.size(), 0);
  std::vector<Value> values(schema().size());
  for (;;) {
    for (std::size_t i = 0; i < choices.size(); ++i)
      values[static_cast<std::size_t>(condition.slots()[i])] = choices[i][at[i]];
    visit(values);
    std::size_t i = 0;
    while (i < at.size() && ++at[i] == choices[i].size()) at[i++] = 0;
    if (i == at.size()) return;
  }
}

std::string describe(FactValues values) {
  std::string out;
  for (std::size_t s = 0; s < values.size(); ++s)
    if (values[s].known())
      out += fmt::format(" {}={}", schema().spec(static_cast<int>(s)).id,
                         FactSchema::value_to_json(values[s]).dump());
  return out;
}

// A condition of few specialized tests is read through its truth table: for
// every combination of known, unknown and unreadable values of its facts it
// gives the tree's answer, as the walk does.
TEST(Condition, TruthTableAgreesWithTheTreeForEveryValueOfItsFacts) {
  const std::vector<std::string> conditions = {
      R"({"and": [{"var": "has_need"}, {"==": [{"var": "stage"}, "negotiation"]},
                  {"<": [{"var": "days_in_cycle"}, 10]}]})",
      R"({"or": [{"and": [{"!": {"var": "can_pay"}},
                          {"in": [{"var": "sees_value"}, ["yes", "not_yet"]]}]},
                 {"and": [{"<=": [1, {"var": "soft_closes_tried"}, 3]},
                          {"!=": [{"var": "relationship_value"}, "low"]}]}]})",
      R"({"!": {"or": [{"var": "hard_close_tried"}, {"==": [{"var": "last_response"}, "refused"]},
                       {">": [{"var": "days_in_cycle"}, 7]}]}})",
      // An if's condition may help or hurt (polarity 0).
      R"({"if": [{"var": "has_need"}, {">": [{"var": "days_in_cycle"}, 5]},
                 {"var": "real_urgency"}]})",
      // One fact tested twice: unknown stays unknown, as Kleene has it.
      R"({"or": [{"<": [{"var": "days_in_cycle"}, 3]}, {">=": [{"var": "days_in_cycle"}, 3]}]})",
      // Tests known even for an unknown fact: never true, and always true.
      R"({"or": [{"<": [{"var": "has_need"}, 5, 3]}, {"var": "can_pay"}]})",
      R"({"and": [{"==": [{"or": [true, {"var": "has_need"}]}, true]},
                  {"!=": [{"var": "contact_role"}, "unknown"]}]})",
      R"({"and": [{"var": "has_need"}, {"var": "can_pay"}, {"var": "on_shortlist"},
                  {"var": "hard_close_tried"}, {"var": "win_lose_negotiator"},
                  {"var": "real_urgency"}, {"==": [{"var": "stage"}, "discovery"]},
                  {"<": [{"var": "soft_closes_tried"}, 2]}]})",
  };
  std::array<bool, 2> known_when_unknown{};  // a test false, a test true for an unknown fact
  for (const std::string& text : conditions) {
    const json logic = json::parse(text);
    const Condition condition = compiled(logic);
    const auto program = condition_detail::compile_program(logic, schema());
    ASSERT_TRUE(program.ok());
    ASSERT_TRUE(program->table.usable) << text;
    for (const auto& step : program->steps)
      if (step.when_unknown < 2) known_when_unknown[step.when_unknown] = true;
    int count = 0;
    for_each_record(logic, condition, [&](FactValues values) {
      const Truth tree = condition_detail::Evaluator(program.value(), values).truth(program->root);
      ASSERT_EQ(condition.evaluate(values), tree) << text << " on" << describe(values);
      ASSERT_EQ(condition_detail::walk_steps(program.value(), values), tree)
          << text << " on" << describe(values);
      ++count;
    });
    EXPECT_GE(count, 6) << text;  // a bool alone: false, true, unknown, null, NaN, text
  }
  EXPECT_TRUE(known_when_unknown[0]);
  EXPECT_TRUE(known_when_unknown[1]);
}

// More tests than a truth table holds: the walk answers, as the tree.
TEST(Condition, WalksConditionsTooBigForATruthTable) {
  json parts = json::array();
  for (int limit = 1; limit <= 10; ++limit)
    parts.push_back({{limit % 2 == 0 ? "<" : ">=", {{{"var", "days_in_cycle"}}, limit * 3}}});
  parts.push_back({{"var", "has_need"}});
  const json logic = {{"or", {{{"and", parts}}, {{"!", {{"var", "can_pay"}}}}}}};
  const Condition condition = compiled(logic);
  const auto program = condition_detail::compile_program(logic, schema());
  ASSERT_TRUE(program.ok());
  ASSERT_GT(program->steps.size(), condition_detail::k_table_steps);
  EXPECT_FALSE(program->table.usable);
  for_each_record(logic, condition, [&](FactValues values) {
    const Truth tree = condition_detail::Evaluator(program.value(), values).truth(program->root);
    ASSERT_EQ(condition.evaluate(values), tree) << logic.dump() << " on" << describe(values);
  });
}

// Whatever the unanswered facts turn out to be, a known result stays; and
// answering the facts unknown_dependencies names settles it.
TEST(Condition, KnownResultsHoldForEveryAnswerStillMissing) {
  Generator generator(77);
  for (int c = 0; c < 300; ++c) {
    const json logic = generator.condition(3);
    const Condition condition = compiled(logic);
    for (int r = 0; r < 10; ++r) {
      const Record partial(generator.record(0.4));
      const Truth truth = condition.evaluate(partial.values());
      std::vector<int> needed;
      condition.unknown_dependencies(partial.values(), needed);
      EXPECT_EQ(needed.empty(), truth != Truth::unknown)
          << logic.dump() << " on " << partial.answers().dump();
      for (int k = 0; k < 6; ++k) {
        json full = partial.answers();
        json settled = partial.answers();
        for (std::size_t s = 0; s < schema().size(); ++s) {
          const std::string& id = schema().spec(static_cast<int>(s)).id;
          if (full.contains(id)) continue;
          full[id] = generator.answer_for(static_cast<int>(s));
          if (std::find(needed.begin(), needed.end(), static_cast<int>(s)) != needed.end())
            settled[id] = full[id];
        }
        if (truth != Truth::unknown) {
          ASSERT_EQ(reference(logic, full), truth) << logic.dump() << " on " << full.dump();
        }
        const Record answered(settled);
        ASSERT_NE(condition.evaluate(answered.values()), Truth::unknown)
            << logic.dump() << " on " << settled.dump();
      }
    }
  }
}

}  // namespace
}  // namespace closecoach
