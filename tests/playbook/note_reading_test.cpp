// SignalMatcher::read: what a note asserts once negations, suppositions,
// questions, plans and doubt around each mention are taken into account.

#include <closecoach/signals.hpp>
#include <closecoach/text.hpp>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace closecoach {
namespace {

std::vector<SignalSpec> signals() {
  return {{"budget_problem",
           "can_pay",
           false,
           {"budget … problem", "预算…问题", "бюджет … проблема"},
           "",
           true},
          {"no_budget", "can_pay", false, {"no budget", "没有预算"}, ""},
          {"asked_for_order",
           "hard_close_tried",
           true,
           {"asked for the order", "ask for the order"},
           "",
           false},
          {"ready", "last_response", "ready_to_buy", {"ready to sign"}, ""},
          {"think", "last_response", "think_about_it", {"think it over"}, ""},
          {"need", "has_need", true, {"need it"}, "", false}};
}

std::vector<CueSpec> cues() {
  return {{"negation",
           CueKind::negation,
           false,
           false,
           6,
           {"not", "no", "didn't", "не", "没", "不"},
           ""},
          {"negation_after", CueKind::negation, true, false, 4, {"нет"}, ""},
          {"if", CueKind::hypothetical, false, true, 0, {"if", "если"}, ""},
          {"question", CueKind::question, true, true, 0, {"?"}, ""},
          {"plan", CueKind::plan, false, true, 0, {"next call", "will ask"}, ""},
          {"doubt", CueKind::doubt, true, true, 0, {"i doubt it"}, ""},
          {"pseudo", CueKind::pseudo, false, false, 0, {"not only"}, ""},
          {"but", CueKind::terminator, false, false, 0, {"but"}, ""}};
}

const SignalMatcher& matcher() {
  static const SignalMatcher instance = [] {
    auto created = SignalMatcher::create(signals(), cues());
    if (!created) throw std::runtime_error(created.error().message);
    return std::move(created).value();
  }();
  return instance;
}

// What `note` asserts, as "signal=value | evidence" ("(overridden)" after
// a reading that lost).
std::vector<std::string> read(std::string_view note) {
  NormalizedNote normalized;
  normalize_note(note, normalized);
  std::vector<SignalReading> readings;
  matcher().read(normalized.text, readings);
  std::vector<std::string> out;
  for (const SignalReading& reading : readings) {
    const std::size_t start = normalized.origins(reading.start);
    const std::size_t end = normalized.origins(reading.end);
    out.push_back(fmt::format("{}={} | {}{}", matcher().specs()[reading.signal].id,
                              matcher().value_of(reading).dump(), note.substr(start, end - start),
                              reading.overridden ? " (overridden)" : ""));
  }
  return out;
}

using Readings = std::vector<std::string>;

TEST(NoteReading, ReadsANegatedPhraseAsTheValueItsSignalGivesForANegation) {
  EXPECT_EQ(read("Budget is NOT a problem, but if they cut the scope we lose the margin."),
            (Readings{"budget_problem=true | Budget is NOT a problem"}));
  EXPECT_EQ(read("预算不是问题"), (Readings{"budget_problem=true | 预算不是问题"}));
  EXPECT_EQ(read("Бюджет не проблема"), (Readings{"budget_problem=true | Бюджет не проблема"}));
  EXPECT_EQ(read("No, not yet asked for the order."),
            (Readings{"asked_for_order=false | not yet asked for the order."}));
}

TEST(NoteReading, ANegatedPhraseWithoutAValueForNegationAssertsNothing) {
  EXPECT_EQ(read("Not ready to sign yet."), Readings{});
}

TEST(NoteReading, SuppositionsQuestionsPlansAndDoubtAssertNothing) {
  EXPECT_EQ(read("If they are ready to sign, send it."), Readings{});
  EXPECT_EQ(read("Ready to sign?"), Readings{});
  EXPECT_EQ(read("Next call: check they are ready to sign."), Readings{});
  EXPECT_EQ(read("He says they are ready to sign, I doubt it."), Readings{});
}

TEST(NoteReading, ACueCoversAMentionThatStartsInsideIt) {
  EXPECT_EQ(read("Will ask for the order."), Readings{});
}

TEST(NoteReading, ATerminatorOrAClauseEndEndsAScope) {
  EXPECT_EQ(read("Not much time, but they need it"), (Readings{"need=true | but they need it"}));
  EXPECT_EQ(read("No, they need it"), (Readings{"need=true | they need it"}));
}

TEST(NoteReading, APseudoCueAndTwoNegationsAreNotANegation) {
  EXPECT_EQ(read("Not only do they need it"), (Readings{"need=true | Not only do they need it"}));
  EXPECT_EQ(read("Not that they didn't need it"),
            (Readings{"need=true | Not that they didn't need it"}));
}

TEST(NoteReading, ACueAfterItsMentionCoversIt) {
  EXPECT_EQ(read("С бюджетом проблема? Нет"), Readings{});
  EXPECT_EQ(read("бюджет — проблема нет"),
            (Readings{"budget_problem=true | бюджет — проблема нет"}));
}

TEST(NoteReading, TheLaterStatementWinsAndTheEarlierIsKeptAsOverridden) {
  EXPECT_EQ(read("Wants to think it over. Later: ready to sign. Ready to sign!"),
            (Readings{"think=\"think_about_it\" | Wants to think it over. (overridden)",
                      "ready=\"ready_to_buy\" | Ready to sign!"}));
}

TEST(NoteReading, QuotesEvidenceAsTheNoteHasIt) {
  EXPECT_EQ(read("ОБЪЁМ урезали.  They NEED   IT，today"),
            (Readings{"need=true | They NEED   IT"}));
}

TEST(NoteReading, StopsReadingPastACuePatternFoundSixtyFourTimes) {
  std::string note;
  for (int i = 0; i < 64; ++i) note += "if. ";
  EXPECT_EQ(read(note + "they need it"), Readings{});
  EXPECT_EQ(read("they need it. " + note), (Readings{"need=true | they need it."}));
}

TEST(NoteReading, RefusesACuePatternThatDoesNotCompile) {
  const auto created = SignalMatcher::create(
      {}, {{"bad", CueKind::negation, false, false, 0, {"re:(not"}, "/cues/0"}});
  ASSERT_FALSE(created.ok());
  EXPECT_NE(created.error().message.find("cue 'bad': pattern 're:(not'"), std::string::npos)
      << created.error().message;
  EXPECT_EQ(created.error().pointer, "/cues/0");
}

TEST(NormalizeNote, KeepsLineBreaksAndMapsEveryByteBackToTheNote) {
  NormalizedNote normalized;
  normalize_note("  ＴＨＩＮＫ\u00A0it\r\n\nOVER  é", normalized);
  EXPECT_EQ(normalized.text, "think it\nover \u00e9");
  EXPECT_EQ(normalized.origins(0), 2u);   // "Ｔ"
  EXPECT_EQ(normalized.origins(5), 17u);  // the no-break space
  EXPECT_EQ(normalized.origins(8), 21u);  // the line break stands for "\r\n\n"
  EXPECT_EQ(normalized.origins(9), 24u);  // "O"
  EXPECT_EQ(normalized.origins(normalized.text.size()), 32u);
}

TEST(NormalizeNote, StripHtmlMapsItsTextBackToTheTags) {
  OffsetMap origins;
  const std::string plain = strip_html("<p>A &amp; <b>B</b></p>", &origins);
  EXPECT_EQ(plain, "A & B\n");
  EXPECT_EQ(origins(0), 3u);   // "A"
  EXPECT_EQ(origins(2), 5u);   // "&amp;"
  EXPECT_EQ(origins(4), 14u);  // "B"
  EXPECT_EQ(origins(plain.size()), 23u);
}

}  // namespace
}  // namespace closecoach
