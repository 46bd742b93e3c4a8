// What a worker reuses from record to record (its scratch: the advice, the
// id, the note buffers) never leaks from one record into the next: one
// scratch reviewing many records, most of them sharing their facts and
// differing in ids and notes, gives the lines that a fresh scratch per record
// gives.

#include <closecoach/engine.hpp>
#include <closecoach/review.hpp>

#include <gtest/gtest.h>

#include <array>
#include <random>
#include <string>
#include <vector>

#include "support/test_support.hpp"

namespace closecoach {
namespace {

using testing::default_engine;

// A few fact sets, so that records share them; ids that need no escaping
// and ids that do (as simdjson writes them: \b, \f, \u0001, quotes,
// backslashes, DEL and non-ASCII as they are); notes in three languages that
// set facts the record leaves open.
std::vector<std::string> varied_records() {
  const std::array<const char*, 5> facts = {
      R"({"contact_role": "first_kp", "has_need": true, "can_pay": true, "sees_value": "yes", "stage": "final_20_min", "soft_closes_tried": 3})",
      R"({"has_need": false})",
      R"({"contact_role": "second_kp", "has_need": true, "can_pay": true, "sees_value": "yes"})",
      R"({})",
      R"({"contact_role": "third_kp", "sees_value": "not_yet", "last_response": "objection", "win_lose_negotiator": true})"};
  const std::array<const char*, 8> ids = {R"("D-1")",         R"(17)",
                                          R"("a\"b\\c")",     R"("tab\tand\bbell\f\u0001")",
                                          R"("Сделка 契約")", R"({"crm": [1, 2]})",
                                          R"(null)",          "\"del\x7f\""};
  const std::array<const char*, 6> notes = {
      R"("Met the CEO. Budget approved, they need this badly.")",
      R"("客户说需要再考虑一下，下周和老板商量后再回复我们。")",
      R"("Клиент не готов подписать, бюджет урезали.")",
      R"(["He said no.", "They went with a competitor"])",
      R"("")",
      R"("If they cut the scope we lose the margin; she has to take it to the owner.")"};
  std::mt19937_64 random(16);
  std::vector<std::string> records;
  for (int i = 0; i < 400; ++i) {
    std::string record = R"({"id": )";
    record += ids[random() % ids.size()];
    record += R"(, "facts": )";
    record += facts[random() % facts.size()];
    if (random() % 4 != 0) {
      record += R"(, "notes": )";
      record += notes[random() % notes.size()];
    }
    record += '}';
    records.push_back(record);
  }
  return records;
}

}  // namespace

TEST(ReviewReuse, OneScratchForManyRecordsGivesWhatAFreshScratchGivesEach) {
  auto reviewer = Reviewer::create(default_engine(), {});
  ASSERT_TRUE(reviewer.ok());
  const auto shared = reviewer->make_scratch();
  ReviewTally shared_tally, fresh_tally;
  const std::vector<std::string> records = varied_records();
  for (std::size_t i = 0; i < records.size(); ++i) {
    std::string reused, fresh;
    const auto reused_error =
        reviewer->review_json_line(records[i], i + 1, *shared, reused, shared_tally);
    const auto fresh_error = reviewer->review_json_line(
        records[i], i + 1, *reviewer->make_scratch(), fresh, fresh_tally);
    ASSERT_EQ(reused, fresh) << records[i];
    ASSERT_EQ(reused_error, fresh_error) << records[i];
  }
  EXPECT_EQ(shared_tally.by_move, fresh_tally.by_move);
  EXPECT_EQ(shared_tally.by_class, fresh_tally.by_class);
}

// An id is written as simdjson writes JSON text: escapes only where JSON
// needs them, with the short forms \b, \f, \n, \r, \t.
TEST(ReviewReuse, WritesIdsAsJsonTextWithTheirEscapes) {
  auto reviewer = Reviewer::create(default_engine(), {});
  ASSERT_TRUE(reviewer.ok());
  const auto scratch = reviewer->make_scratch();
  ReviewTally tally;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"("D-1")", R"("D-1")"},
      {R"("a\"b\\c\/d")", R"("a\"b\\c/d")"},
      {R"("t\tb\bf\fn\nr\r\u0001")", R"("t\tb\bf\fn\nr\r\u0001")"},
      {"\"del\x7f \\u00e9 \xe5\xa5\x91\"", "\"del\x7f \xc3\xa9 \xe5\xa5\x91\""},
      {R"( 17 )", R"(17)"},
      {R"({"crm": [1, 2]})", R"({"crm":[1,2]})"}};
  for (const auto& [id, written] : cases) {
    std::string line;
    reviewer->review_json_line(R"({"id": )" + id + "}", 1, *scratch, line, tally);
    EXPECT_EQ(line.substr(0, line.find(R"(,"line":)")), R"({"id":)" + written) << id;
  }
}

}  // namespace closecoach
