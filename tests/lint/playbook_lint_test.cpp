#include <closecoach/engine.hpp>
#include <closecoach/playbook.hpp>
#include <closecoach/playbook_lint.hpp>
#include <closecoach/scenarios.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <functional>

#include "support/test_support.hpp"

using namespace closecoach;
using nlohmann::json;

namespace {

// A small playbook that lints clean; tests break one thing in it.
json base_playbook() {
  return json::parse(R"({
    "languages": ["en", "zh"],
    "facts": [
      {"id": "stage", "type": "enum", "values": ["discovery", "negotiation"], "question": {"en": "Stage?", "zh": "阶段？"}},
      {"id": "has_need", "type": "bool", "question": {"en": "Need?", "zh": "需求？"}},
      {"id": "tries", "type": "integer", "minimum": 0, "question": {"en": "Tries?", "zh": "次数？"}},
      {"id": "budget", "type": "number", "minimum": 0, "question": {"en": "Budget?", "zh": "预算？"}},
      {"id": "tier", "type": "enum", "values": ["A", "D"], "derived": true}
    ],
    "techniques": [
      {"id": "close", "name": {"en": "Close", "zh": "成交"}, "summary": {"en": "Ask.", "zh": "问。"},
       "say": {"en": ["Shall we?"], "zh": ["好吗？"]}, "warn": ["careful"]}
    ],
    "warnings": [{"id": "careful", "text": {"en": "Careful.", "zh": "小心。"}}],
    "rules": [
      {"id": "tier_a", "when": "has_need", "set": {"tier": "A"}},
      {"id": "ask", "when": "tier == 'A' and tries < 2", "recommend": ["close"], "because": {"en": "Fit.", "zh": "合适。"}}
    ],
    "signals": [
      {"id": "no_need", "fact": "has_need", "value": false, "patterns": {"en": ["no need"], "zh": ["不需要"]}}
    ]
  })");
}

json& rule(json& playbook, std::string_view id) {
  for (auto& item : playbook["rules"])
    if (item["id"] == id) return item;
  throw std::runtime_error("no such rule");
}

json add_rule(json playbook, const json& when, std::string id = "extra") {
  playbook["rules"].push_back({{"id", id},
                               {"when", when},
                               {"recommend", {"close"}},
                               {"because", {{"en", "x"}, {"zh", "x"}}}});
  return playbook;
}

struct Found {
  Severity severity;
  std::string message;
  std::string pointer;
  bool operator==(const Found&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Found& found) {
  return out << (found.severity == Severity::error ? "error: " : "warning: ") << found.message
             << " (" << found.pointer << ")";
}

std::vector<Found> lint(const json& playbook) {
  const LintReport report = lint_playbook(playbook.dump(2), "p.json");
  std::vector<Found> out;
  for (const auto& d : report.diagnostics) out.push_back({d.severity, d.message, d.pointer});
  return out;
}

Found error(std::string message, std::string pointer) {
  return {Severity::error, std::move(message), std::move(pointer)};
}
Found warning(std::string message, std::string pointer) {
  return {Severity::warning, std::move(message), std::move(pointer)};
}

using Findings = std::vector<Found>;

}  // namespace

TEST(LintPlaybook, FindsNothingInTheBasePlaybook) { EXPECT_EQ(lint(base_playbook()), Findings{}); }

TEST(LintPlaybook, ReportsEveryUnknownFactInEveryRule) {
  json playbook = base_playbook();
  rule(playbook, "ask")["when"] = "tier == 'A' and trys < 2 and mood";
  playbook = add_rule(playbook, json::parse(R"({"var": "budget_ok"})"));
  EXPECT_EQ(lint(playbook),
            (Findings{
                error("in rule 'ask': unknown fact 'trys'; did you mean 'tries'?", "/rules/1/when"),
                error("in rule 'ask': unknown fact 'mood'", "/rules/1/when"),
                error("in rule 'extra': unknown fact 'budget_ok'; did you mean 'budget'?",
                      "/rules/2/when"),
            }));
}

TEST(LintPlaybook, PointsAtTheFactInsideTheExpressionString) {
  json playbook = base_playbook();
  rule(playbook, "ask")["when"] = "tier == 'A' and trys < 2";
  const std::string broken = playbook.dump();  // one line
  const LintReport report = lint_playbook(broken, "p.json");
  ASSERT_EQ(report.diagnostics.size(), 1u);
  const std::string before = broken.substr(0, broken.find("\"tier == 'A' and trys"));
  const auto code_points =
      static_cast<std::size_t>(std::count_if(before.begin(), before.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
      }));
  EXPECT_EQ(report.diagnostics[0].line, 1u);
  EXPECT_EQ(report.diagnostics[0].column, code_points + 2 + std::string("tier == 'A' and ").size());
}

TEST(LintPlaybook, CountsEscapesWhenPointingInsideAString) {
  const std::string text =
      R"({"facts": [{"id": "stage", "type": "enum", "values": ["a"], "question": {"en": "?"}}],)"
      "\n"
      R"("techniques": [{"id": "t", "name": {"en": "T"}, "summary": {"en": "S"}, "say": {"en": ["x"]}}],)"
      "\n"
      R"("rules": [{"id": "r", "when": "stage == \"a\" or stage == \u0027b\u0027", "recommend": ["t"], "because": {"en": "b"}}]})";
  const LintReport report = lint_playbook(text, "p.json");
  ASSERT_EQ(report.diagnostics.size(), 1u) << format_diagnostic(report.diagnostics[0]);
  EXPECT_EQ(
      format_diagnostic(report.diagnostics[0]),
      "p.json:3:59: error: in rule 'r': fact 'stage' cannot be 'b' (allowed: a) (/rules/0/when)");
}

TEST(LintPlaybook, ReportsComparisonsWithValuesTheFactCannotTake) {
  json playbook = base_playbook();
  rule(playbook, "ask")["when"] =
      "tier == 'B' and stage in ['discovery', 'closing'] and has_need == 'yes'";
  playbook = add_rule(playbook, "tries == 1.5 or budget > 'lots' or stage < 3", "numbers");
  EXPECT_EQ(
      lint(playbook),
      (Findings{
          error("in rule 'ask': fact 'tier' cannot be 'B' (allowed: A, D)", "/rules/1/when"),
          error("in rule 'ask': fact 'stage' cannot be 'closing' (allowed: discovery, negotiation)",
                "/rules/1/when"),
          error("in rule 'ask': fact 'has_need' must be true or false, not 'yes'", "/rules/1/when"),
          error("in rule 'numbers': fact 'tries' must be a whole number >= 0, not 1.5",
                "/rules/2/when"),
          error("in rule 'numbers': fact 'budget' is compared with 'lots', which is not a number",
                "/rules/2/when"),
          error("in rule 'numbers': '<' compares numbers, but fact 'stage' is an enum",
                "/rules/2/when"),
      }));
}

TEST(LintPlaybook, PointsIntoJsonLogicAtTheImpossibleValue) {
  const json playbook = add_rule(
      base_playbook(), json::parse(R"({"in": [{"var": "stage"}, ["discovery", "demo"]]})"));
  EXPECT_EQ(lint(playbook),
            (Findings{error(
                "in rule 'extra': fact 'stage' cannot be 'demo' (allowed: discovery, negotiation)",
                "/rules/2/when/in/1/1")}));
}

TEST(LintPlaybook, ReportsASetValueTheDerivedFactCannotTake) {
  json playbook = base_playbook();
  rule(playbook, "tier_a")["set"]["tier"] = "E";
  EXPECT_EQ(lint(playbook),
            (Findings{error("in rule 'tier_a': fact 'tier' cannot be 'E' (allowed: A, D)",
                            "/rules/0/set/tier")}));
}

TEST(LintPlaybook, ReportsDerivedFactsThatDependOnThemselves) {
  json playbook = base_playbook();
  playbook["facts"].push_back({{"id", "fit"}, {"type", "bool"}, {"derived", true}});
  rule(playbook, "tier_a")["when"] = "has_need and fit";
  playbook["rules"].push_back(
      {{"id", "fit_rule"}, {"when", "tier == 'A'"}, {"set", {{"fit", true}}}});
  EXPECT_EQ(lint(playbook),
            (Findings{error("derived fact 'fit' depends on itself: fit -> tier -> fit",
                            "/rules/2/when")}));
}

TEST(LintPlaybook, ReportsADerivedFactReadByItsOwnRule) {
  json playbook = base_playbook();
  rule(playbook, "tier_a")["when"] = "has_need and tier == 'A'";
  const auto found = lint(playbook);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0],
            error("derived fact 'tier' depends on itself: tier -> tier", "/rules/0/when"));
}

TEST(LintPlaybook, WarnsAboutRulesThatCanNeverFire) {
  json playbook = base_playbook();
  playbook = add_rule(playbook, "stage == 'discovery' and stage == 'negotiation'", "stages");
  playbook = add_rule(playbook, "tries < 2 and tries > 5", "tries");
  playbook = add_rule(playbook, "has_need and not has_need", "need");
  playbook = add_rule(playbook, json::parse(R"({"==": [1, 2]})"), "constant");
  EXPECT_EQ(
      lint(playbook),
      (Findings{
          warning(
              "rule 'stages' can never fire: its condition is false whatever the values of stage",
              "/rules/2/when"),
          warning(
              "rule 'tries' can never fire: its condition is false whatever the values of tries",
              "/rules/3/when"),
          warning(
              "rule 'need' can never fire: its condition is false whatever the values of has_need",
              "/rules/4/when"),
          warning("rule 'constant' can never fire: its condition is always false", "/rules/5/when"),
      }));
}

TEST(LintPlaybook, DoesNotWarnAboutANarrowButPossibleCondition) {
  json playbook = base_playbook();
  playbook = add_rule(playbook, "budget > 2 and budget < 2.1", "narrow_number");
  playbook = add_rule(playbook, "tries > 2 and tries < 4 and tier != 'D'", "narrow_integer");
  playbook = add_rule(playbook, "budget > tries", "two_facts");
  EXPECT_EQ(lint(playbook), Findings{});
}

TEST(LintPlaybook, WarnsAboutAnIntegerRangeWithNoIntegerInIt) {
  const json playbook = add_rule(base_playbook(), "tries > 2 and tries < 3", "gap");
  EXPECT_EQ(lint(playbook),
            (Findings{warning(
                "rule 'gap' can never fire: its condition is false whatever the values of tries",
                "/rules/2/when")}));
}

TEST(LintPlaybook, WarnsAboutTechniquesAndWarningsNothingUses) {
  json playbook = base_playbook();
  playbook["techniques"].push_back({{"id", "idle"},
                                    {"name", {{"en", "I"}, {"zh", "I"}}},
                                    {"summary", {{"en", "I"}, {"zh", "I"}}},
                                    {"say", {{"en", {"i"}}, {"zh", {"i"}}}}});
  playbook["warnings"].push_back({{"id", "quiet"}, {"text", {{"en", "Q"}, {"zh", "Q"}}}});
  EXPECT_EQ(lint(playbook),
            (Findings{
                warning("technique 'idle' is recommended by no rule", "/techniques/1/id"),
                warning("warning 'quiet' is raised by no rule or technique", "/warnings/1/id"),
            }));
}

TEST(LintPlaybook, WarnsAboutTextsMissingInADeclaredLanguage) {
  json playbook = base_playbook();
  playbook["facts"][0]["question"].erase("zh");
  playbook["techniques"][0]["say"].erase("zh");
  playbook["facts"][1]["labels"] = {{"true", {{"en", "Yes"}}},
                                    {"perhaps", {{"en", "P"}, {"zh", "P"}}}};
  EXPECT_EQ(lint(playbook),
            (Findings{
                warning("fact 'stage': 'question' has no text in 'zh'", "/facts/0/question"),
                warning("fact 'has_need' has a label for 'perhaps', which it cannot take",
                        "/facts/1/labels/perhaps"),
                warning("fact 'has_need': the label of 'true' has no text in 'zh'",
                        "/facts/1/labels/true"),
                warning("technique 'close': 'say' has no lines in 'zh'", "/techniques/0/say"),
            }));
}

TEST(LintPlaybook, ReportsBadSignals) {
  json playbook = base_playbook();
  playbook["signals"].push_back(
      {{"id", "stage_x"}, {"fact", "stage"}, {"value", "closing"}, {"patterns", {{"en", {"x"}}}}});
  playbook["signals"].push_back(
      {{"id", "tier_a"}, {"fact", "tier"}, {"value", "A"}, {"patterns", {{"en", {"y"}}}}});
  playbook["signals"].push_back({{"id", "regex"},
                                 {"fact", "has_need"},
                                 {"value", true},
                                 {"patterns", {{"en", {"re:(a|b"}}}}});
  EXPECT_EQ(
      lint(playbook),
      (Findings{
          error("in signal 'stage_x': fact 'stage' cannot be 'closing' (allowed: discovery, "
                "negotiation)",
                "/signals/1/value"),
          error("signal 'tier_a' sets fact 'tier', which is derived by rules", "/signals/2/fact"),
          error("signal 'regex': pattern 're:(a|b' does not compile: missing ): (a|b",
                "/signals/3/patterns/en/0"),
      }));
}

TEST(LintPlaybook, KeepsEveryProblemTheLoaderFinds) {
  json playbook = base_playbook();
  playbook["techniques"][0]["warn"] = {"nope"};
  rule(playbook, "ask")["recommend"] = {"nothing"};
  const auto found = lint(playbook);
  EXPECT_EQ(found,
            (Findings{
                error("rule 'ask' names unknown technique 'nothing'", "/rules/1/recommend/0"),
                error("unknown warning 'nope'", "/techniques/0/warn/0"),
            }));
}

TEST(LintPlaybook, StructuralErrorsDoNotHideTheRest) {
  json playbook = base_playbook();
  playbook["facts"][3]["type"] = 7;
  playbook["techniques"][0]["say"] = 5;
  playbook["warnings"][0]["id"] = "Careful!";
  rule(playbook, "tier_a")["when"] = "has_need and mood";
  playbook = add_rule(playbook, "stage == 'closing'");
  playbook["signals"][0]["value"] = "maybe";
  const auto found = lint(playbook);
  const auto has = [&](std::string_view message, std::string_view pointer) {
    return std::any_of(found.begin(), found.end(), [&](const Found& f) {
      return f.severity == Severity::error && f.message == message && f.pointer == pointer;
    });
  };
  const std::string all = ::testing::PrintToString(found);
  // The structural errors,
  EXPECT_TRUE(has("'type' must be a string, not an integer", "/facts/3/type")) << all;
  EXPECT_TRUE(has("unknown warning 'careful'", "/techniques/0/warn/0")) << all;
  // and beside them what only the deeper checks find.
  EXPECT_TRUE(has("in rule 'tier_a': unknown fact 'mood'", "/rules/0/when")) << all;
  EXPECT_TRUE(
      has("in rule 'extra': fact 'stage' cannot be 'closing' (allowed: discovery, "
          "negotiation)",
          "/rules/2/when"))
      << all;
  EXPECT_TRUE(has("in signal 'no_need': fact 'has_need' must be true or false, not 'maybe'",
                  "/signals/0/value"))
      << all;
}

TEST(LintPlaybook, LeavesOutWhatFollowsFromAFactInError) {
  json playbook = base_playbook();
  playbook["facts"][2]["type"] = "count";
  rule(playbook, "ask")["when"] = "tier == 'A' and tries < 'x' and mood";
  playbook = add_rule(playbook, "stage == 'closing'");
  const auto found = lint(playbook);
  ASSERT_EQ(found.size(), 3u) << ::testing::PrintToString(found);
  EXPECT_EQ(found[0].pointer, "/facts/2/type");
  EXPECT_EQ(found[1], error("in rule 'ask': unknown fact 'mood'", "/rules/1/when"));
  EXPECT_EQ(found[2], error("in rule 'extra': fact 'stage' cannot be 'closing' (allowed: "
                            "discovery, negotiation)",
                            "/rules/2/when"));
}

TEST(LintPlaybook, ReportsJsonSyntaxWithItsPlace) {
  const LintReport report = lint_playbook("{\n  \"facts\": [,]\n}", "p.json");
  ASSERT_EQ(report.diagnostics.size(), 1u);
  EXPECT_EQ(report.diagnostics[0].line, 2u);
  EXPECT_EQ(report.error_count(), 1u);
}

TEST(LintPlaybook, ReportsAKeyGivenTwiceAtBothPlaces) {
  std::string text = base_playbook().dump(2);
  text.insert(text.rfind('}'), ",\n  \"rules\": []\n");
  const auto line_of = [&](std::size_t offset) {
    return std::to_string(1 +
                          std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
  };
  const std::string first = line_of(text.find("\"rules\""));
  const std::string second = line_of(text.rfind("\"rules\""));
  const LintReport report = lint_playbook(text, "p.json");
  ASSERT_EQ(report.diagnostics.size(), 1u);
  EXPECT_EQ(format_diagnostic(report.diagnostics[0]),
            "p.json:" + second + ":3: error: duplicate key 'rules' (first at " + first + ":3)");
}

TEST(LintPlaybook, ReportsAConditionOverTheEvaluationBudget) {
  json list = json::array();
  for (int i = 0; i < 2000; ++i) list.push_back(i);
  const json bomb = {{"some", {list, {{"some", {list, {{"some", {list, false}}}}}}}}};
  const json playbook = add_rule(base_playbook(), {{"and", {{{"var", "has_need"}}, bomb}}}, "bomb");
  EXPECT_EQ(lint(playbook),
            (Findings{error("in rule 'bomb': the condition needs more than 1000000 steps (the "
                            "limit); map, filter, reduce, all, some and none over long lists "
                            "multiply the work",
                            "/rules/2/when/and/1/some/1/some/1/some/1")}));
}

TEST(CheckPlaybook, GivesTheEngineWhenThereIsNoError) {
  json playbook = base_playbook();
  rule(playbook, "ask")["when"] = "tier == 'A' and tries < 2 and stage == 'discovery'";
  playbook["techniques"].push_back(playbook["techniques"][0]);
  playbook["techniques"][1]["id"] = "unused";  // a warning only
  CheckedPlaybook checked = check_playbook(playbook.dump(2), "p.json");
  EXPECT_EQ(checked.report.error_count(), 0u);
  EXPECT_EQ(checked.report.warning_count(), 1u);
  ASSERT_TRUE(checked.engine.has_value());
  EXPECT_EQ(checked.engine->playbook().rules.size(), 2u);
}

TEST(CheckPlaybook, GivesNoEngineForWhatValidateRejects) {
  json playbook = base_playbook();
  playbook["facts"].push_back({{"id", "fit"}, {"type", "bool"}, {"derived", true}});
  rule(playbook, "tier_a")["when"] = "has_need and fit";
  playbook["rules"].push_back(
      {{"id", "fit_rule"}, {"when", "tier == 'A'"}, {"set", {{"fit", true}}}});
  const CheckedPlaybook checked = check_playbook(playbook.dump(2), "p.json");
  EXPECT_EQ(checked.report.error_count(), 1u);
  EXPECT_FALSE(checked.engine.has_value());
}

// The built-in playbook is loaded without these checks (for a fast start), so
// this test is what holds it to them.
TEST(LintPlaybook, FindsNothingInTheDefaultPlaybook) {
  const LintReport report = lint_playbook(default_playbook_text(), "data/playbook.json");
  for (const auto& diagnostic : report.diagnostics) ADD_FAILURE() << format_diagnostic(diagnostic);
}

// ---- format_playbook --------------------------------------------------------

namespace {

std::string formatted(std::string_view text, ConditionForm form = ConditionForm::as_written) {
  auto result = format_playbook(text, "p.json", form);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : format_diagnostic(result.error()));
  return result.ok() ? result->text : std::string();
}

Engine engine_for(const std::string& text) {
  PlaybookLoad load = load_playbook(text, "p.json");
  if (!load.playbook) throw std::runtime_error(format_diagnostic(load.diagnostics.front()));
  auto engine = Engine::create(std::move(*load.playbook));
  if (!engine.ok()) throw std::runtime_error(format_diagnostic(engine.error()));
  return std::move(engine.value());
}

// The advice on every case of data/playbook.tests.json, as JSON text.
std::vector<std::string> advice_on_cases(const std::string& playbook_text) {
  const Engine engine = engine_for(playbook_text);
  const std::string tests =
      closecoach::testing::read_file(CLOSECOACH_SOURCE_DIR "/data/playbook.tests.json");
  auto scenarios = read_scenarios(tests, "playbook.tests.json");
  EXPECT_TRUE(scenarios.ok());
  std::vector<std::string> out;
  for (const auto& scenario : scenarios.ok() ? *scenarios : std::vector<Scenario>{}) {
    std::vector<Value> facts = engine.blank_facts();
    EXPECT_TRUE(engine.read_answers(scenario.answers, facts).ok()) << scenario.name;
    out.push_back(engine.to_json(engine.advise(facts), "en").dump());
  }
  return out;
}

}  // namespace

TEST(FormatPlaybook, PutsKeysInTheDocumentedOrderAndIdFirst) {
  const std::string text =
      R"({"rules": [{"because": {"zh": "因为", "en": "because"}, "recommend": ["t"], "when": "a", "id": "r"}],
    "facts": [{"type": "bool", "id": "a", "question": {"en": "A?"}}], "languages": ["en", "zh"], "x_custom": 1})";
  EXPECT_EQ(formatted(text), R"({
  "languages": ["en", "zh"],
  "facts": [
    {
      "id": "a",
      "type": "bool",
      "question": {
        "en": "A?"
      }
    }
  ],
  "rules": [
    {
      "id": "r",
      "when": "a",
      "recommend": ["t"],
      "because": {
        "en": "because",
        "zh": "因为"
      }
    }
  ],
  "x_custom": 1
}
)");
}

TEST(FormatPlaybook, KeepsUtf8AsWritten) {
  const std::string out = formatted(R"({"name": "\u4f60\u597d — да"})");
  EXPECT_EQ(out, "{\n  \"name\": \"你好 — да\"\n}\n");
}

TEST(FormatPlaybook, IsIdempotentOnTheDefaultPlaybook) {
  const std::string once = formatted(default_playbook_text());
  EXPECT_EQ(formatted(once), once);
}

TEST(FormatPlaybook, IsIdempotentAfterConvertingConditions) {
  for (const auto form : {ConditionForm::expression, ConditionForm::json_logic}) {
    const std::string once = formatted(default_playbook_text(), form);
    EXPECT_EQ(formatted(once, form), once);
  }
}

TEST(FormatPlaybook, KeepsTheAdviceOfTheDefaultPlaybook) {
  if (!std::filesystem::exists(CLOSECOACH_SOURCE_DIR "/data/playbook.tests.json")) GTEST_SKIP();
  const auto before = advice_on_cases(std::string(default_playbook_text()));
  EXPECT_EQ(advice_on_cases(formatted(default_playbook_text())), before);
  EXPECT_EQ(advice_on_cases(formatted(default_playbook_text(), ConditionForm::json_logic)), before);
  EXPECT_EQ(advice_on_cases(formatted(formatted(default_playbook_text(), ConditionForm::json_logic),
                                      ConditionForm::expression)),
            before);
}

TEST(FormatPlaybook, ConvertsConditionsBothWays) {
  const std::string text =
      R"({"rules": [{"id": "r", "when": "tries >= 2 and stage in ['a', 'b']"}]})";
  const std::string logic = formatted(text, ConditionForm::json_logic);
  EXPECT_EQ(logic, R"({
  "rules": [
    {
      "id": "r",
      "when": {"and": [{">=": [{"var": "tries"}, 2]}, {"in": [{"var": "stage"}, ["a", "b"]]}]}
    }
  ]
}
)");
  EXPECT_EQ(formatted(logic, ConditionForm::expression), formatted(text));
}

TEST(FormatPlaybook, LeavesJsonLogicTheGrammarCannotExpressWithANote) {
  const std::string text =
      R"({"rules": [{"id": "r", "when": {"some": [{"var": "xs"}, {"==": [{"var": ""}, 1]}]}}]})";
  auto result = format_playbook(text, "p.json", ConditionForm::expression);
  ASSERT_TRUE(result.ok());
  EXPECT_NE(result->text.find("\"when\": {\"some\""), std::string::npos);
  ASSERT_EQ(result->notes.size(), 1u);
  EXPECT_EQ(format_diagnostic(result->notes[0]),
            "p.json:1:32: warning: rule 'r': the condition cannot be written as an expression; it "
            "stays JsonLogic "
            "(/rules/0/when)");
}

TEST(FormatPlaybook, KeepsNumbersAsWritten) {
  const std::string text =
      R"({"facts": [{"id": "n", "maximum": 123456789012345678901234567890, "minimum": 1.50}],)"
      R"( "rules": [{"id": "r", "when": {"<": [1.0000000000000000001, {"var": "n"}, 1e2]}}]})";
  EXPECT_EQ(formatted(text), R"({
  "facts": [
    {
      "id": "n",
      "minimum": 1.50,
      "maximum": 123456789012345678901234567890
    }
  ],
  "rules": [
    {
      "id": "r",
      "when": {"<": [1.0000000000000000001, {"var": "n"}, 1e2]}
    }
  ]
}
)");
}

TEST(FormatPlaybook, LeavesAConditionWithANumberADoubleWouldChangeWithANote) {
  const std::string text =
      R"({"rules": [{"id": "r", "when": "n > 1.0000000000000000001"},)"
      R"( {"id": "s", "when": {">": [{"var": "n"}, 123456789012345678901234567890]}},)"
      R"( {"id": "t", "when": "n > 1.5"}]})";
  auto to_logic = format_playbook(text, "p.json", ConditionForm::json_logic);
  ASSERT_TRUE(to_logic.ok());
  EXPECT_NE(to_logic->text.find(R"("when": "n > 1.0000000000000000001")"), std::string::npos);
  EXPECT_NE(to_logic->text.find(R"("when": {">": [{"var": "n"}, 1.5]})"), std::string::npos);
  ASSERT_EQ(to_logic->notes.size(), 1u);
  EXPECT_EQ(format_diagnostic(to_logic->notes[0]),
            "p.json:1:32: warning: rule 'r': the condition holds the number 1.0000000000000000001, "
            "which converting it would change (a double holds about 17 significant digits); it "
            "stays as written (/rules/0/when)");
  auto to_expression = format_playbook(text, "p.json", ConditionForm::expression);
  ASSERT_TRUE(to_expression.ok());
  EXPECT_NE(to_expression->text.find("123456789012345678901234567890]}"), std::string::npos);
  ASSERT_EQ(to_expression->notes.size(), 1u);
  EXPECT_EQ(to_expression->notes[0].pointer, "/rules/1/when");
}

TEST(FormatPlaybook, BreaksALongConditionOverLines) {
  const std::string long_name(70, 'x');
  const std::string text = R"({"rules": [{"id": "r", "when": {"and": [{"var": ")" + long_name +
                           R"("}, {"var": "b"}]}}]})";
  EXPECT_EQ(formatted(text),
            "{\n  \"rules\": [\n    {\n      \"id\": \"r\",\n      \"when\": {\n        \"and\": "
            "[\n          {\"var\": \"" +
                long_name +
                "\"},\n          {\"var\": \"b\"}\n        ]\n      }\n    }\n  ]\n}\n");
}

TEST(FormatPlaybook, RejectsTextThatIsNotAnObject) {
  auto result = format_playbook("[1]", "p.json");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(format_diagnostic(result.error()),
            "p.json:1:1: error: a playbook must be a JSON object");
}

// ---- the linter and the engine agree ------------------------------------------

namespace {

// The base playbook with a number fact `share` and a rule recommending a
// second technique when `when` holds, above a fallback.
json with_share_rule(const std::string& when) {
  json playbook = base_playbook();
  playbook["facts"].push_back(
      {{"id", "share"}, {"type", "number"}, {"question", {{"en", "Share?"}, {"zh", "份额？"}}}});
  playbook["techniques"].push_back({{"id", "hold"},
                                    {"name", {{"en", "Hold"}, {"zh", "等"}}},
                                    {"summary", {{"en", "Wait."}, {"zh", "等。"}}},
                                    {"say", {{"en", {"Later."}}, {"zh", {"以后。"}}}}});
  playbook["rules"] = json::array();
  playbook["rules"].push_back({{"id", "narrow"},
                               {"when", when},
                               {"priority", 10},
                               {"recommend", {"close"}},
                               {"because", {{"en", "x"}, {"zh", "x"}}}});
  playbook["rules"].push_back({{"id", "fallback"},
                               {"when", true},
                               {"recommend", {"hold"}},
                               {"because", {{"en", "y"}, {"zh", "y"}}}});
  playbook["signals"] = json::array();
  return playbook;
}

}  // namespace

TEST(LintPlaybook, AgreesWithTheEngineOnANarrowRangeThatCanHold) {
  const json playbook = with_share_rule("share > 2.9 and share < 3.1");
  EXPECT_EQ(lint(playbook), Findings{});
  const Engine engine = engine_for(playbook.dump());
  const Advice blank = engine.advise(engine.blank_facts());
  EXPECT_FALSE(blank.settled);
  EXPECT_EQ(blank.next_question, engine.schema().slot_of("share"));
  std::vector<Value> facts = engine.blank_facts();
  ASSERT_TRUE(engine.read_answers({{"share", 3}}, facts).ok());
  EXPECT_EQ(engine.to_json(engine.advise(facts), "en")["moves"][0]["technique"], "close");
}

TEST(LintPlaybook, AgreesWithTheEngineOnARangeThatCannotHold) {
  const json playbook = with_share_rule("share > 3.1 and share < 2.9");
  EXPECT_EQ(lint(playbook),
            (Findings{warning(
                "rule 'narrow' can never fire: its condition is false whatever the values of share",
                "/rules/0/when")}));
  const Engine engine = engine_for(playbook.dump());
  EXPECT_TRUE(engine.advise(engine.blank_facts()).settled);
}
