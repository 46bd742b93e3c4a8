#include <closecoach/playbook.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace closecoach;
using nlohmann::json;

namespace {

// A playbook that loads clean, one key to a line so that tests can name
// lines; tests break one thing in it.
std::string playbook_text(const std::string& rules = R"([
    {"id": "ask", "when": "stage == 'late' and tries >= 2", "recommend": ["close"], "because": {"en": "Ready."}}
  ])") {
  return R"({
  "languages": ["en"],
  "facts": [
    {"id": "stage", "type": "enum", "values": ["early", "late"], "question": {"en": "Stage?"}},
    {"id": "tries", "type": "integer", "minimum": 0, "question": {"en": "Tries?"}}
  ],
  "techniques": [
    {"id": "close", "name": {"en": "Close"}, "summary": {"en": "Ask."}, "say": {"en": ["Shall we?"]}}
  ],
  "warnings": [],
  "rules": )" +
         rules + "\n}\n";
}

// Every diagnostic of loading `text`, formatted.
std::vector<std::string> problems(const std::string& text) {
  const PlaybookLoad load = load_playbook(text, "p.json");
  std::vector<std::string> out;
  for (const auto& diagnostic : load.diagnostics) out.push_back(format_diagnostic(diagnostic));
  return out;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST(PlaybookLoad, ReadsAPlaybookFromText) {
  const PlaybookLoad load = load_playbook(playbook_text(), "p.json");
  ASSERT_FALSE(load.has_errors());
  ASSERT_TRUE(load.playbook.has_value());
  const Playbook& playbook = *load.playbook;
  EXPECT_EQ(playbook.languages, std::vector<std::string>{"en"});
  ASSERT_EQ(playbook.facts.size(), 2u);
  EXPECT_EQ(playbook.facts[1].spec.type, FactType::integer);
  EXPECT_EQ(playbook.facts[1].spec.minimum, 0.0);
  EXPECT_EQ(playbook.facts[1].pointer, "/facts/1");
  ASSERT_EQ(playbook.rules.size(), 1u);
  EXPECT_EQ(playbook.rules[0].logic,
            json::parse(
                R"({"and": [{"==": [{"var": "stage"}, "late"]}, {">=": [{"var": "tries"}, 2]}]})"));
  EXPECT_EQ(playbook.rules[0].targets, std::vector<std::string>{"close"});
  EXPECT_EQ(playbook.find_technique("close"), &playbook.techniques[0]);
  EXPECT_EQ(playbook.find_rule("nope"), nullptr);
}

TEST(PlaybookLoad, LoadsTheDefaultPlaybook) {
  const PlaybookLoad load = load_playbook(default_playbook_text(), "data/playbook.json");
  for (const auto& diagnostic : load.diagnostics) ADD_FAILURE() << format_diagnostic(diagnostic);
  EXPECT_TRUE(load.playbook.has_value());
}

TEST(PlaybookLoad, ReportsAnUnknownTechniqueWhereItIsNamed) {
  const std::string text = playbook_text(R"([
    {"id": "ask", "when": true, "recommend": ["close", "wait"], "because": {"en": "x"}}
  ])");
  EXPECT_EQ(
      problems(text),
      Lines{
          "p.json:12:56: error: rule 'ask' names unknown technique 'wait' (/rules/0/recommend/1)"});
  EXPECT_FALSE(load_playbook(text, "p.json").playbook.has_value());
}

TEST(PlaybookLoad, ReportsADuplicateIdAndWhereItWasFirst) {
  const std::string text = playbook_text(R"([
    {"id": "ask", "when": true, "recommend": ["close"], "because": {"en": "x"}},
    {"id": "ask", "when": false, "recommend": ["close"], "because": {"en": "y"}}
  ])");
  EXPECT_EQ(
      problems(text),
      Lines{
          "p.json:13:6: error: duplicate rule id 'ask' (first defined at /rules/0) (/rules/1/id)"});
}

TEST(PlaybookLoad, PointsInsideAnExpressionAtItsSyntaxError) {
  const std::string text = playbook_text(R"([
    {"id": "ask", "when": "stage == 'late' and", "recommend": ["close"], "because": {"en": "x"}}
  ])");
  // The string starts at column 27; the error is at its end, 19 characters in.
  EXPECT_EQ(
      problems(text),
      Lines{"p.json:12:47: error: in rule 'ask': expected a value after 'and' (/rules/0/when)"});
}

TEST(PlaybookLoad, CountsEscapesBeforeASyntaxErrorInAnExpression) {
  const std::string text = playbook_text(R"([
    {"id": "ask", "when": "stage == \"late\" and\n\u0027é\u0027 ==", "recommend": ["close"], "because": {"en": "x"}}
  ])");
  // \" takes two characters, \n ends no line of the file, \u0027 takes six:
  // the end of the expression is the closing quote, at column 67.
  EXPECT_EQ(
      problems(text),
      Lines{"p.json:12:67: error: in rule 'ask': expected a value after '==' (/rules/0/when)"});
}

TEST(PlaybookLoad, ReportsStructureErrorsAtTheirKeys) {
  const std::string text = playbook_text(R"([
    {"id": "ask", "when": true, "recommend": ["close"], "set": {"stage": "late"}, "because": {"en": "x"}, "colour": 1}
  ])");
  EXPECT_EQ(
      problems(text),
      (Lines{"p.json:12:5: error: rule 'ask' needs exactly one of 'set', 'recommend', 'avoid', "
             "'warn' (it has 2) (/rules/0)",
             "p.json:12:107: warning: unknown key 'colour' in a rule (ignored) (/rules/0/colour)",
             "p.json:12:65: error: rule 'ask' sets fact 'stage', which is not derived "
             "(/rules/0/set/stage)"}));
}

TEST(PlaybookLoad, ReportsFactsThatRulesCannotSet) {
  const std::string text = playbook_text(R"([
    {"id": "derive", "when": true, "set": {"stage": "late", "mood": "good"}}
  ])");
  EXPECT_EQ(
      problems(text),
      (Lines{"p.json:12:61: error: rule 'derive' sets unknown fact 'mood' (/rules/0/set/mood)",
             "p.json:12:44: error: rule 'derive' sets fact 'stage', which is not derived "
             "(/rules/0/set/stage)"}));
}

TEST(PlaybookLoad, ReportsJsonSyntaxAndTextThatIsNoObject) {
  EXPECT_EQ(
      problems("{\n  \"facts\": [,]\n}"),
      Lines{"p.json:2:13: error: invalid JSON: syntax error while parsing value - unexpected ','; "
            "expected '[', '{', or a literal"});
  EXPECT_EQ(problems("[]"), Lines{"p.json:1:1: error: a playbook must be a JSON object"});
}
