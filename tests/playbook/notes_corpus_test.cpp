// The labelled corpus of notes (tests/data/notes/corpus.jsonl): what the
// default playbook reads out of each note through `review`, against what a
// person reads. Prints precision, recall and reversals per language and
// fails below the targets of issue 12.

#include <closecoach/engine.hpp>
#include <closecoach/review.hpp>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "support/test_support.hpp"

namespace closecoach {
namespace {

using nlohmann::json;

constexpr double k_min_precision = 0.97;
constexpr double k_min_recall = 0.90;

// A reading, as "fact=value".
std::string reading(const std::string& fact, const json& value) {
  return fmt::format("{}={}", fact, value.dump());
}

// part / whole, 1 when there is nothing to count.
double ratio(std::size_t part, std::size_t whole) {
  return whole == 0 ? 1.0 : static_cast<double>(part) / static_cast<double>(whole);
}

struct Tally {
  std::size_t notes = 0;
  std::size_t read = 0;       // facts read (applied)
  std::size_t right = 0;      // read and labelled so
  std::size_t expected = 0;   // facts labelled
  std::size_t reversals = 0;  // read, and labelled as what the note must not assert
  std::vector<std::string> mistakes;

  double precision() const { return ratio(right, read); }
  double recall() const { return ratio(right, expected); }
};

// The facts `review` reads out of the record's notes and applies.
std::map<std::string, json> facts_read(const Reviewer& reviewer, Reviewer::Scratch& scratch,
                                       const json& record) {
  const json line = {{"id", record["id"]}, {"notes", record["notes"]}};
  std::string out;
  ReviewTally tally;
  if (auto error = reviewer.review_json_line(line.dump(), 1, scratch, out, tally))
    throw std::runtime_error(*error);
  const json result = json::parse(out);
  std::map<std::string, json> read;
  for (const json& signal : result.at("signals"))
    if (!signal.value("overridden", false)) read[signal.at("fact")] = signal.at("value");
  return read;
}

void score(const json& record, const std::map<std::string, json>& read, Tally& tally) {
  const json& expected = record.at("facts");
  const json& forbidden = record.at("not");
  const std::string id = record.at("id");
  ++tally.notes;
  tally.expected += expected.size();
  for (const auto& [fact, value] : read) {
    ++tally.read;
    if (expected.contains(fact) && expected[fact] == value) {
      ++tally.right;
      continue;
    }
    bool reversal = false;
    if (forbidden.contains(fact))
      for (const json& no : forbidden[fact]) reversal = reversal || no == value;
    tally.reversals += reversal ? 1 : 0;
    tally.mistakes.push_back(
        fmt::format("{}: read {}{}", id, reading(fact, value), reversal ? " (REVERSAL)" : ""));
  }
  for (const auto& [fact, value] : expected.items()) {
    const auto found = read.find(fact);
    if (found == read.end() || found->second != value)
      tally.mistakes.push_back(fmt::format("{}: missed {}", id, reading(fact, value)));
  }
}

std::vector<json> corpus() {
  const std::string text = testing::read_file(CLOSECOACH_TEST_DATA "/notes/corpus.jsonl");
  std::vector<json> records;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) records.push_back(json::parse(text.substr(start, end - start)));
    start = end + 1;
  }
  return records;
}

TEST(NotesCorpus, CorpusHasAQuarterPerScriptAndHalfNotPlainStatements) {
  std::map<std::string, std::size_t> per_language, hedged;
  const std::vector<json> records = corpus();
  for (const json& record : records) {
    const std::string kind = record.at("kind");
    ++per_language[record.at("lang")];
    if (kind != "plain" && kind != "conflict" && kind != "mixed") ++hedged[record.at("lang")];
  }
  EXPECT_GE(records.size(), 200u);
  for (const char* language : {"en", "zh-Hans", "zh-Hant", "ru"}) {
    EXPECT_GE(per_language[language] * 5, records.size()) << language;
    EXPECT_GE(hedged[language] * 2, per_language[language]) << language;
  }
}

TEST(NotesCorpus, DefaultPlaybookReadsNotesAsAPersonDoes) {
  const Engine engine = testing::engine_from_text(default_playbook_text());
  const Reviewer reviewer = std::move(Reviewer::create(engine, {}).value());
  auto scratch = reviewer.make_scratch();
  std::map<std::string, Tally> tallies;
  for (const json& record : corpus()) {
    Tally& tally = tallies[record.at("lang")];
    score(record, facts_read(reviewer, *scratch, record), tally);
  }
  std::string report = fmt::format("{:<8} {:>5} {:>5} {:>9} {:>7} {:>9}\n", "language", "notes",
                                   "read", "precision", "recall", "reversals");
  for (const auto& [language, tally] : tallies) {
    report +=
        fmt::format("{:<8} {:>5} {:>5} {:>8.1f}% {:>6.1f}% {:>9}\n", language, tally.notes,
                    tally.read, 100 * tally.precision(), 100 * tally.recall(), tally.reversals);
  }
  std::printf("%s", report.c_str());
  for (const auto& [language, tally] : tallies) {
    std::string mistakes;
    for (const std::string& mistake : tally.mistakes) mistakes += "  " + mistake + "\n";
    EXPECT_GE(tally.precision(), k_min_precision) << language << "\n" << mistakes;
    EXPECT_GE(tally.recall(), k_min_recall) << language << "\n" << mistakes;
    EXPECT_EQ(tally.reversals, 0u) << language << "\n" << mistakes;
  }
}

}  // namespace
}  // namespace closecoach
