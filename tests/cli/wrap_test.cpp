// Lines laid out for a terminal's width, counted in cells.

#include "wrap.hpp"

#include <closecoach/utf8.hpp>

#include <gtest/gtest.h>

#include <sstream>

namespace closecoach::cli {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(Wrap, BreaksAtSpacesAndKeepsWordsWhole) {
  EXPECT_EQ(wrap_text("the quick brown fox jumps", 10), "the quick\nbrown fox\njumps");
  EXPECT_EQ(wrap_text("short\nlines stay", 20), "short\nlines stay");
}

TEST(Wrap, IndentsContinuedListItemsUnderTheirText) {
  EXPECT_EQ(wrap_text("  > one two three four", 12), "  > one two\n    three\n    four");
  EXPECT_EQ(wrap_text("   1) alpha beta gamma", 14), "   1) alpha\n      beta\n      gamma");
}

TEST(Wrap, CountsChineseAsTwoCellsAndBreaksBetweenCharacters) {
  const std::string text = "在建议确定之前停止了，这是根据目前回答给出的建议。";
  const std::string wrapped = wrap_text(text, 10);
  for (const auto& line : lines_of(wrapped)) {
    EXPECT_LE(utf8::display_width(line), 10u) << line;
    EXPECT_NE(line.rfind("，", 0), 0u) << "a line starts with closing punctuation";
    EXPECT_NE(line.rfind("。", 0), 0u) << "a line starts with closing punctuation";
  }
  std::string joined;
  for (const auto& line : lines_of(wrapped)) joined += line;
  EXPECT_EQ(joined, text);
}

TEST(Wrap, ColourEscapesTakeNoRoom) {
  const std::string bold = "\x1b[1mone two\x1b[0m";
  EXPECT_EQ(wrap_text(bold, 7), bold);
  EXPECT_EQ(wrap_text("\x1b[1mone two three\x1b[0m", 8), "\x1b[1mone two\nthree\x1b[0m");
}

TEST(Wrap, BreaksAWordOnlyWhenItAloneIsWiderThanALine) {
  EXPECT_EQ(wrap_text("ab abcdefghijkl", 8), "ab\nabcdefgh\nijkl");
}

TEST(Wrap, KeepsThePromptsTrailingSpace) {
  EXPECT_EQ(wrap_text("   [1-2] > ", 40), "   [1-2] > ");
  EXPECT_EQ(wrap_text("   [one two three] > ", 14), "   [one two\n   three] > ");
}

TEST(Wrap, ContinuesALongCommandSoItStillPastesAsOne) {
  const std::vector<std::string> words{"closecoach",    "advise", "-a",
                                       "has_need=true", "-a",     "stage=negotiation"};
  EXPECT_EQ(wrap_command(words, 2, 80),
            "  closecoach advise -a has_need=true -a stage=negotiation");
  EXPECT_EQ(wrap_command(words, 2, 30),
            "  closecoach advise -a \\\n      has_need=true -a \\\n      stage=negotiation");
}

}  // namespace
}  // namespace closecoach::cli
