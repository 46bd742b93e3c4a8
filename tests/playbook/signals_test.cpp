#include <closecoach/signals.hpp>
#include <closecoach/text.hpp>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace closecoach {
namespace {

SignalSpec think_it_over() {
  return {"think_it_over",
          "last_response",
          "think_about_it",
          {"think it over", "考慮一下", "考虑一下", "подумать"},
          "/signals/0"};
}

SignalSpec ceo() {
  return {"ceo", "contact_role", "first_kp", {"CEO", "генеральный директор"}, "/signals/1"};
}

SignalMatcher make_matcher(std::vector<SignalSpec> specs) {
  auto matcher = SignalMatcher::create(std::move(specs));
  if (!matcher) throw std::runtime_error(matcher.error().message);
  return std::move(matcher).value();
}

// The ids of the signals `note` (normalised here) asserts, in the order of
// the note. What each reading's evidence is, is tested in note_reading_test.
std::vector<std::string> hits(const SignalMatcher& matcher, std::string_view note) {
  const std::string normalized = normalize_for_matching(note);
  std::vector<SignalReading> found;
  matcher.read(normalized, found);
  std::vector<std::string> ids;
  for (const SignalReading& reading : found)
    if (!reading.overridden) ids.push_back(matcher.specs()[reading.signal].id);
  return ids;
}

using Hits = std::vector<std::string>;

TEST(SignalMatcher, FindsAPhraseWhateverItsCase) {
  const SignalMatcher matcher = make_matcher({think_it_over()});
  EXPECT_EQ(hits(matcher, "Client said he will Think it OVER"), (Hits{"think_it_over"}));
}

TEST(SignalMatcher, FindsTraditionalAndSimplifiedChinesePhrases) {
  const SignalMatcher matcher = make_matcher({think_it_over()});
  EXPECT_EQ(hits(matcher, "客戶說要考慮一下。"), (Hits{"think_it_over"}));
  EXPECT_EQ(hits(matcher, "客户说要考虑一下，下周再联系"), (Hits{"think_it_over"}));
}

TEST(SignalMatcher, FindsRussianPhrasesWhateverTheirCase) {
  const SignalMatcher matcher = make_matcher({think_it_over()});
  EXPECT_EQ(hits(matcher, "Клиент хочет подумать"), (Hits{"think_it_over"}));
  EXPECT_EQ(hits(matcher, "ОБЕЩАЛ ПОДУМАТЬ ДО ПЯТНИЦЫ"), (Hits{"think_it_over"}));
}

TEST(SignalMatcher, FindsPhrasesTypedInFullwidthOrCompatibilityForms) {
  const SignalMatcher matcher = make_matcher({think_it_over()});
  EXPECT_EQ(hits(matcher, "ＴＨＩＮＫ　ＩＴ　ＯＶＥＲ"), (Hits{"think_it_over"}));
  EXPECT_EQ(hits(matcher, "Need to think\u00A0it\nover"), (Hits{"think_it_over"}));
}

TEST(SignalMatcher, MatchesSpacedScriptsOnlyAtWordBoundaries) {
  const SignalMatcher matcher = make_matcher({ceo(), think_it_over()});
  EXPECT_EQ(hits(matcher, "we need to ceorganize; the aceo"), Hits{});
  EXPECT_EQ(hits(matcher, "rethink it overall"), Hits{});
  EXPECT_EQ(hits(matcher, "обподумать, подуматься"), Hits{});
  EXPECT_EQ(hits(matcher, "ceorg first, then the CEO's call"), (Hits{"ceo"}));
}

TEST(SignalMatcher, MatchesChineseAnywhereAndLatinBesideChinese) {
  const SignalMatcher matcher = make_matcher({ceo(), think_it_over()});
  EXPECT_EQ(hits(matcher, "我们的CEO说要考虑一下吧"), (Hits{"ceo", "think_it_over"}));
}

TEST(SignalMatcher, MatchesRegularExpressionsCaseInsensitively) {
  const SignalMatcher matcher = make_matcher({{"call_back",
                                               "last_response",
                                               "interested",
                                               {"re:Call (me|us) back", "re:\\bperezvon"},
                                               ""}});
  EXPECT_EQ(hits(matcher, "Please CALL me back tomorrow"), (Hits{"call_back"}));
  EXPECT_EQ(hits(matcher, "Просил перезвонить"), Hits{});
}

TEST(SignalMatcher, FindsNothingWithoutPatternsOrInAnEmptyNote) {
  EXPECT_EQ(hits(make_matcher({}), "think it over"), Hits{});
  EXPECT_EQ(hits(make_matcher({{"none", "has_need", true, {}, ""}}), "think it over"), Hits{});
  EXPECT_EQ(hits(make_matcher({think_it_over()}), ""), Hits{});
}

TEST(SignalMatcher, RefusesARegularExpressionThatDoesNotCompile) {
  SignalSpec spec = think_it_over();
  spec.patterns.push_back("re:(think");
  const auto matcher = SignalMatcher::create({spec});
  ASSERT_FALSE(matcher.ok());
  EXPECT_EQ(matcher.error().message,
            "signal 'think_it_over': pattern 're:(think' does not compile: missing ): (think");
  EXPECT_EQ(matcher.error().pointer, "/signals/0");
}

TEST(SignalMatcher, RefusesEmptyPatterns) {
  const auto blank = SignalMatcher::create({{"x", "has_need", true, {" \u3000"}, ""}});
  ASSERT_FALSE(blank.ok());
  EXPECT_EQ(blank.error().message, "signal 'x': pattern ' \u3000' is empty");
  const auto empty_regex = SignalMatcher::create({{"x", "has_need", true, {"re:"}, ""}});
  ASSERT_FALSE(empty_regex.ok());
  EXPECT_EQ(empty_regex.error().message, "signal 'x': pattern 're:' is empty");
}

TEST(SignalMatcher, RefusesARegularExpressionThatMatchesEmptyText) {
  const auto matcher = SignalMatcher::create({{"x", "has_need", true, {"re:(need)?"}, ""}});
  ASSERT_FALSE(matcher.ok());
  EXPECT_EQ(matcher.error().message,
            "signal 'x': pattern 're:(need)?' matches empty text, so it would fire on every note");
}

TEST(SignalMatcher, FindsAPhraseThatOverlapsItselfAtItsFirstPlaceBetweenWords) {
  const SignalMatcher matcher = make_matcher({{"abab", "has_need", true, {"abab"}, ""}});
  EXPECT_EQ(hits(matcher, "ababab abab"), (Hits{"abab"}));
  EXPECT_EQ(hits(matcher, "abababab ababa"), Hits{});
}

TEST(SignalMatcher, FindsALongPhraseOnlyWhereItIsAWholeWord) {
  const std::string phrase(500, 'a');
  const SignalMatcher matcher = make_matcher({{"long", "has_need", true, {phrase}, ""}});
  EXPECT_EQ(hits(matcher, std::string(5000, 'a')), Hits{});
  EXPECT_EQ(hits(matcher, std::string(5000, 'a') + " " + phrase + ". Then more"), (Hits{"long"}));
}

// Patterns that would make a backtracking engine explode, or that nearly
// match everywhere (a 5,000-byte phrase in a megabyte of the letter it is
// made of). How long this takes is measured in tests/bench/note_bench.cpp.
TEST(SignalMatcher, MatchesAMegabyteNoteAgainstPatternsThatNearlyMatchEverywhere) {
  const SignalMatcher matcher =
      make_matcher({{"nested", "has_need", true, {"re:(a|aa)*c", "re:(a*)*b$"}, ""},
                    {"near", "has_need", true, {std::string(64, 'a') + "b", "aa"}, ""},
                    {"long", "has_need", true, {std::string(5000, 'a')}, ""},
                    think_it_over()});
  const std::string note = std::string(std::size_t{1} << 20, 'a') + " think it over";
  EXPECT_EQ(hits(matcher, note), (Hits{"think_it_over"}));
}

// Regular expressions and phrases with room are compiled the first time a
// note may match them, here by several threads at once.
TEST(SignalMatcher, MatchesFromManyThreadsAtOnce) {
  const SignalSpec cut{
      "cut", "budget", "cut", {"re:\\bscal(e|ed|ing) back\\b", "budget … cut"}, "/signals/2"};
  const SignalMatcher matcher = make_matcher({ceo(), think_it_over(), cut});
  const std::vector<std::pair<std::string, Hits>> cases = {
      {"They SCALED BACK the order", {"cut"}},
      {"The CEO wants to think it over", {"ceo", "think_it_over"}},
      {"the budget was cut", {"cut"}},
      {"Генеральный директор хочет подумать", {"ceo", "think_it_over"}},
      {"nothing here", {}},
  };
  std::vector<int> failures(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < failures.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 2000; ++round) {
        const auto& [note, expected] = cases[static_cast<std::size_t>(round) % cases.size()];
        failures[t] += hits(matcher, note) != expected;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures, (std::vector<int>{0, 0, 0, 0}));
}

}  // namespace
}  // namespace closecoach
