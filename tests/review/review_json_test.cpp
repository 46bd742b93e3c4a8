// JSON Lines records that simdjson and nlohmann read differently: keys given
// twice, integers beyond 64 bits.

#include <closecoach/engine.hpp>
#include <closecoach/playbook.hpp>
#include <closecoach/review.hpp>

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "support/test_support.hpp"

namespace closecoach {
namespace {

using testing::default_engine;

struct Read {
  std::optional<std::string> error;
  std::string line;  // the result line
};

Read review_line(const std::string& record) {
  auto reviewer = Reviewer::create(default_engine(), {});
  EXPECT_TRUE(reviewer.ok());
  auto scratch = reviewer->make_scratch();
  Read read;
  ReviewTally tally;
  read.error = reviewer->review_json_line(record, 1, *scratch, read.line, tally);
  return read;
}

}  // namespace

TEST(ReviewJsonLine, RefusesATopLevelKeyGivenTwiceLocatingBoth) {
  const Read read =
      review_line(R"({"id": "a", "facts": {"has_need": true}, "facts": {"has_need": false}})");
  EXPECT_EQ(read.error, "column 42: duplicate key 'facts' (first at column 13)");
  EXPECT_NE(read.line.find(R"({"id":null,"line":1,)"), std::string::npos) << read.line;
}

TEST(ReviewJsonLine, RefusesAFactGivenTwiceAndKeepsTheId) {
  const Read read = review_line(
      R"({"id": "b", "facts": {"has_need": true, "can_pay": true, "has_need": false}})");
  EXPECT_EQ(read.error, "column 58: duplicate key 'has_need' (first at column 23)");
  EXPECT_NE(read.line.find(R"({"id":"b","line":1,)"), std::string::npos) << read.line;
}

TEST(ReviewJsonLine, RefusesAKeyGivenTwiceInsideTheId) {
  const Read read = review_line(R"({"id": {"crm": 1, "crm": 2}, "facts": {"has_need": true}})");
  EXPECT_EQ(read.error, "column 19: duplicate key 'crm' (first at column 9)");
}

TEST(ReviewJsonLine, ReadsAnIntegerBeyond64BitsAsAnswersDo) {
  const Read read = review_line(
      R"({"id": "big", "facts": {"has_need": false, "soft_closes_tried": 18446744073709551616}})");
  EXPECT_EQ(read.error, std::nullopt);
  EXPECT_NE(read.line.find(R"("class":"D")"), std::string::npos) << read.line;
}

TEST(ReviewJsonLine, NamesTheFactAndItsRangeForANumberItCannotTake) {
  const Read read =
      review_line(R"({"id": "n", "facts": {"soft_closes_tried": -18446744073709551616}})");
  EXPECT_EQ(read.error,
            "fact 'soft_closes_tried' must be a whole number >= 0, not -1.8446744073709552e+19");
  EXPECT_NE(read.line.find(R"({"id":"n","line":1,)"), std::string::npos) << read.line;
}

TEST(ReviewJsonLine, LocatesANumberOutOfRange) {
  const Read read = review_line(R"({"id": "huge", "facts": {"soft_closes_tried": 1e400}})");
  EXPECT_EQ(read.error, "column 47: number 1e400 is out of range");
}

}  // namespace closecoach
