#include <closecoach/line_reader.hpp>

#include <gtest/gtest.h>

#include <sstream>
#include <tuple>
#include <vector>

using namespace closecoach;

namespace {

struct Line {
  std::string text;
  bool too_long;
  std::size_t length;
  bool operator==(const Line& other) const {
    return std::tie(text, too_long, length) == std::tie(other.text, other.too_long, other.length);
  }
};

std::vector<Line> read_all(const std::string& input, std::size_t max) {
  std::istringstream stream(input);
  LineReader reader(stream, max);
  std::vector<Line> lines;
  Line line;
  while (reader.next(line.text, line.too_long, line.length)) lines.push_back(line);
  return lines;
}

}  // namespace

TEST(LineReader, SplitsOnLfAndCrlfAndKeepsALastLineWithoutNewline) {
  EXPECT_EQ(
      read_all("a\r\nbb\n\nccc", 100),
      (std::vector<Line>{{"a", false, 2}, {"bb", false, 2}, {"", false, 0}, {"ccc", false, 3}}));
}

TEST(LineReader, SkipsALineOverTheLimitAndGoesOn) {
  const std::string huge(300000, 'x');
  EXPECT_EQ(read_all("ok\n" + huge + "\nnext\n", 1000),
            (std::vector<Line>{{"ok", false, 2}, {"", true, 300000}, {"next", false, 4}}));
}

TEST(LineReader, ReadsNothingFromEmptyInput) { EXPECT_TRUE(read_all("", 10).empty()); }

TEST(LineReader, ReadsALongLineAndWhatFollowsIt) {
  const std::string long_line(1000000, 'x');
  EXPECT_EQ(read_all("a\n" + long_line + "\r\nb\nc", 2000000),
            (std::vector<Line>{
                {"a", false, 1}, {long_line, false, 1000001}, {"b", false, 1}, {"c", false, 1}}));
}
