// review_streams and Reviewer::layout_csv on in-memory input: no files, no CLI.

#include <closecoach/engine.hpp>
#include <closecoach/playbook.hpp>
#include <closecoach/review.hpp>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "bench/deal_generator.hpp"
#include "support/test_support.hpp"

namespace closecoach {
namespace {

using testing::default_engine;

Reviewer make_reviewer(ReviewOptions options = {}) {
  auto reviewer = Reviewer::create(default_engine(), std::move(options));
  EXPECT_TRUE(reviewer.ok()) << reviewer.error().message;
  return std::move(reviewer.value());
}

// What a run wrote, with each message as "KIND FILE:LINE: TEXT".
struct Reviewed {
  std::string out;
  std::vector<std::string> messages;
  ReviewTally tally;
  std::string failure;  // the failure's message, when review_streams failed
};

const char* kind_name(ReviewMessage::Kind kind) {
  switch (kind) {
    case ReviewMessage::Kind::error:
      return "error";
    case ReviewMessage::Kind::note:
      return "note";
    case ReviewMessage::Kind::info:
      return "info";
    case ReviewMessage::Kind::warning:
      return "warning";
  }
  return "?";
}

Reviewed review(const std::vector<std::string>& texts, bool csv, ReviewStreamOptions options = {},
                ReviewOptions review_options = {}) {
  const Reviewer reviewer = make_reviewer(std::move(review_options));
  std::vector<std::istringstream> streams;
  streams.reserve(texts.size());
  std::vector<ReviewInput> inputs;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    streams.emplace_back(texts[i]);
    inputs.push_back({&streams.back(), fmt::format("in{}", i + 1), csv});
  }
  Reviewed run;
  ReviewCallbacks callbacks;
  callbacks.message = [&](const ReviewMessage& message) {
    run.messages.push_back(fmt::format("{} {}:{}: {}", kind_name(message.kind), message.file,
                                       message.line, message.text));
  };
  std::ostringstream out;
  auto tally = review_streams(reviewer, inputs, options, out, callbacks);
  run.out = out.str();
  if (tally.ok())
    run.tally = *tally;
  else
    run.failure = tally.error().message;
  return run;
}

Reviewed review(const std::string& text, bool csv, ReviewStreamOptions options = {},
                ReviewOptions review_options = {}) {
  return review(std::vector<std::string>{text}, csv, options, std::move(review_options));
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  std::string line;
  while (std::getline(stream, line)) lines.push_back(line);
  return lines;
}

using Lines = std::vector<std::string>;

// The result of a deal whose customer does not need the product.
std::string no_need_result(std::string_view id_json, std::size_t line) {
  return fmt::format(
      R"({{"id":{},"line":{},"class":"D","name":null,"owner":null,"closed":null,)"
      R"("moves":[{{"technique":"graceful_exit","rules":["p1_graceful_exit_from_d"]}}],)"
      R"("avoid":[{{"technique":"hard_close","rule":"avoid_hard_close_before_two_soft_closes"}},)"
      R"({{"technique":"pain_driver","rule":"avoid_pain_without_real_urgency"}},)"
      R"({{"technique":"assumptive_close","rule":"avoid_closing_a_d"}},)"
      R"({{"technique":"trial_close","rule":"avoid_closing_a_d"}},)"
      R"({{"technique":"helpful_close","rule":"avoid_closing_a_d"}},)"
      R"({{"technique":"motivation_driver","rule":"avoid_closing_a_d"}},)"
      R"({{"technique":"isolate_objection","rule":"avoid_closing_a_d"}}],"warnings":[],"signals":[],"error":null}})",
      id_json, line);
}

// `error_json`: the message as it reads inside a JSON string.
std::string error_result(std::string_view id_json, std::size_t line, std::string_view error_json) {
  return fmt::format(
      R"({{"id":{},"line":{},"class":null,"name":null,"owner":null,"closed":null,"moves":[],"avoid":[],)"
      R"("warnings":[],"signals":[],"error":"{}"}})",
      id_json, line, error_json);
}

}  // namespace

TEST(ReviewStreams, WritesOneResultLinePerJsonRecord) {
  const Reviewed run = review(R"({"id": "a", "facts": {"has_need": false}})"
                              "\n"
                              R"({"id": "b", "facts": {"has_need": false}})"
                              "\n",
                              false);
  EXPECT_EQ(lines_of(run.out), (Lines{no_need_result(R"("a")", 1), no_need_result(R"("b")", 2)}));
  EXPECT_EQ(run.messages, Lines{});
  EXPECT_EQ(run.tally.records, 2u);
  EXPECT_EQ(run.tally.errors, 0u);
  EXPECT_EQ(run.tally.by_class, (std::map<std::string, std::size_t>{{"D", 2}}));
  EXPECT_EQ(run.tally.by_move, (std::map<std::string, std::size_t>{{"graceful_exit", 2}}));
}

TEST(ReviewStreams, GivesABadRecordAnErrorLineAndGoesOn) {
  const Reviewed run = review(R"({"id": "a", "facts": {"has_need": false}})"
                              "\n[1]\n\n"
                              R"({"id": "c", "facts": {"stage": "closing"}})"
                              "\n"
                              R"({"id": "d", "facts": {"has_need": false}})"
                              "\n",
                              false);
  EXPECT_EQ(
      lines_of(run.out),
      (Lines{no_need_result(R"("a")", 1), error_result("null", 2, "a record must be a JSON object"),
             error_result(R"("c")", 4,
                          "fact 'stage' cannot be 'closing' (allowed: discovery, presentation, "
                          "negotiation, final_20_min, follow_up)"),
             no_need_result(R"("d")", 5)}));
  EXPECT_EQ(run.messages,
            (Lines{"error in1:2: a record must be a JSON object",
                   "error in1:4: fact 'stage' cannot be 'closing' (allowed: discovery, "
                   "presentation, negotiation, final_20_min, follow_up)"}));
  EXPECT_EQ(run.tally.records, 4u);
  EXPECT_EQ(run.tally.errors, 2u);
}

TEST(ReviewStreams, TurnsARecordOverTheLimitIntoAnError) {
  ReviewStreamOptions options;
  options.max_record_bytes = 50;
  const Reviewed run = review(R"({"id": "long", "notes": ")" + std::string(60, 'x') + "\"}\n" +
                                  R"({"id": "d", "facts": {"has_need": false}})" + "\n",
                              false, options);
  EXPECT_EQ(lines_of(run.out),
            (Lines{error_result("null", 1, "record is 87 bytes, over the limit of 50 bytes"),
                   no_need_result(R"("d")", 2)}));
  EXPECT_EQ(run.messages, Lines{"error in1:1: record is 87 bytes, over the limit of 50 bytes"});
}

TEST(ReviewStreams, NumbersLinesFromFirstLine) {
  ReviewStreamOptions options;
  options.first_line = 1001;
  const Reviewed run = review(
      "[1]\n"
      R"({"id": "d", "facts": {"has_need": false}})"
      "\n",
      false, options);
  EXPECT_EQ(lines_of(run.out), (Lines{error_result("null", 1001, "a record must be a JSON object"),
                                      no_need_result(R"("d")", 1002)}));
  EXPECT_EQ(run.messages, Lines{"error in1:1001: a record must be a JSON object"});
}

TEST(ReviewStreams, ReadsCsvByHeaderAndMap) {
  ReviewOptions map;
  map.column_map = {{"Deal ID", "id"}, {"Need", "has_need"}};
  const Reviewed run =
      review("Deal ID,Need,Owner,Region\r\nD-1,no,Ann,EU\r\nD-2,maybe,Bob,US\r\n", true, {}, map);
  EXPECT_EQ(lines_of(run.out),
            (Lines{no_need_result(R"("D-1")", 2),
                   error_result(R"("D-2")", 3,
                                "column 2: fact 'has_need' must be true or false, not 'maybe'")}));
  EXPECT_EQ(run.messages,
            (Lines{"info in1:1: columns kept and ignored: Owner, Region",
                   "error in1:3: column 2: fact 'has_need' must be true or false, not 'maybe'"}));
}

TEST(ReviewStreams, SkipsBlankRowsWithANoteAndTheReportTrailerWithAWarning) {
  const Reviewed run = review(
      "id,has_need\nD-1,no\n,\nD-2,no\n\nGrand Totals (2 records),\n\n\"Pipeline\"\n"
      "Confidential Information - Do Not Distribute\nGenerated By: Ann Lee 1/2/2025\n",
      true);
  EXPECT_EQ(lines_of(run.out),
            (Lines{no_need_result(R"("D-1")", 2), no_need_result(R"("D-2")", 4)}));
  EXPECT_EQ(run.messages,
            (Lines{"note in1:3: skipped a blank row", "note in1:5: skipped a blank row",
                   "warning in1:6: skipped the report footer 'Grand Totals (2 records)'",
                   "note in1:7: skipped a blank row",
                   "warning in1:8: skipped the report footer 'Pipeline'",
                   "warning in1:9: skipped the report footer 'Confidential Information - Do "
                   "Not Distri…' (44 bytes)",
                   "warning in1:10: skipped the report footer 'Generated By: Ann Lee 1/2/2025'"}));
  EXPECT_EQ(run.tally.records, 2u);
}

// Issue 8, finding 9: a record is never dropped for what its first cell says.
TEST(ReviewStreams, KeepsRowsThatOnlyLookLikeAFooter) {
  ReviewOptions map;
  map.column_map = {{"Account", "id"}};
  const Reviewed last =
      review("Account,stage\nAcme,negotiation\nTOTAL,negotiation\n", true, {}, map);
  EXPECT_EQ(last.tally.records, 2u);
  EXPECT_EQ(lines_of(last.out).size(), 2u);
  EXPECT_TRUE(last.messages.empty());
  const Reviewed middle = review("id,has_need\nD-1,no\nGrand Totals (1 records),\nD-2,no\n", true);
  EXPECT_EQ(lines_of(middle.out)[2], no_need_result(R"("D-2")", 4));
  EXPECT_EQ(middle.tally.records, 3u);
  EXPECT_TRUE(middle.messages.empty());
}

TEST(ReviewStreams, FailsOnAMapNamingAColumnTheHeaderLacks) {
  ReviewOptions map;
  map.column_map = {{"Nope", "stage"}};
  const Reviewed run = review("Account,stage\nAcme,negotiation\n", true, {}, map);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.failure, "--map: no column 'Nope' in in1 (columns: Account, stage)");
}

TEST(ReviewStreams, WarnsWhenNoColumnMatchesAnything) {
  const Reviewed run = review("Deal\tPhase\nAcme\tnegotiation\n", true);
  EXPECT_EQ(run.tally.records, 1u);
  EXPECT_EQ(run.messages, Lines{"warning in1:0: no column matched a fact, id or notes; columns: "
                                "Deal, Phase; use --map"});
}

TEST(ReviewStreams, SaysWhenACsvInputIsEmptyOrHasOnlyItsHeader) {
  EXPECT_EQ(review("", true).messages,
            Lines{"warning in1:0: the input is empty: no header row, no deals"});
  EXPECT_EQ(review("id,stage\r\n", true).messages,
            Lines{"note in1:0: no deals: the header is the only row"});
}

TEST(ReviewStreams, ReportsARowWithMoreFieldsThanTheHeader) {
  const Reviewed run = review("id,has_need\nD-1,no,he said yes, but later\nD-2,no,,\n", true);
  EXPECT_EQ(lines_of(run.out),
            (Lines{error_result(R"("D-1")", 2,
                                "the row has 4 fields but the header has 2 (a field holding the "
                                "delimiter must be quoted)"),
                   no_need_result(R"("D-2")", 3)}));
}

// Issue 8, finding 11: Excel's "Unicode Text" is UTF-16LE with a BOM, tab-delimited.
TEST(ReviewStreams, ReadsAUtf16ExportAsItsText) {
  std::string text = "\xFF\xFE";
  for (const char c : std::string("id\thas_need\r\nD-1\tno\r\n")) {
    text += c;
    text += '\0';
  }
  const Reviewed run = review(text, true);
  EXPECT_EQ(lines_of(run.out), Lines{no_need_result(R"("D-1")", 2)});
  EXPECT_EQ(run.messages, Lines{"info in1:0: read as UTF-16LE"});
}

TEST(ReviewStreams, ReadsAWindows1252ExportWithAWarning) {
  const Reviewed run = review("id,has_need\nD-1,no\nD-\xE9,no\n", true);
  EXPECT_EQ(lines_of(run.out),
            (Lines{no_need_result(R"("D-1")", 2), no_need_result(R"("D-é")", 3)}));
  EXPECT_EQ(run.messages,
            Lines{"warning in1:3: byte 0xE9 is not UTF-8 and nothing before it was: reading the "
                  "input as Windows-1252 from here on (save it as UTF-8 to be sure)"});
}

// Issue 8, finding 10: a quoted note over the limit, its line breaks and all,
// is one bad row; the rows after it are read as they are.
TEST(ReviewStreams, MakesALongMultiLineCsvFieldOneError) {
  ReviewStreamOptions options;
  options.max_record_bytes = 100;
  std::string note;
  for (int i = 0; i < 1000; ++i) note += "line\n";
  const Reviewed run =
      review("id,has_need,notes\nD-1,no,\"" + note + "\"\nD-2,no,ok\n", true, options);
  const std::string message = "record is 5009 bytes, over the limit of 100 bytes (lines 2 to 1002)";
  EXPECT_EQ(lines_of(run.out),
            (Lines{error_result("null", 2, message), no_need_result(R"("D-2")", 1003)}));
  EXPECT_EQ(run.messages, Lines{"error in1:2: " + message});
}

// Issue 8, finding 13: a message quotes a value's first 40 characters and its length.
TEST(ReviewStreams, QuotesOnlyTheStartOfAHugeValue) {
  const std::string value(1 << 20, 'a');
  const Reviewed run = review("id,stage\nD-1," + value + "\n", true);
  const std::string message =
      "column 2: fact 'stage' cannot be 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…' (1048576 "
      "bytes) (allowed: ";
  ASSERT_EQ(run.messages.size(), 1u);
  EXPECT_EQ(run.messages[0].substr(0, 13 + message.size()), "error in1:2: " + message);
  EXPECT_LT(run.out.size(), 400u);
}

TEST(ReviewStreams, ReportsARowTheReaderCannotRead) {
  const Reviewed run = review("id,has_need\nD-1,n\"o\"\nD-2,no\n", true);
  EXPECT_EQ(
      lines_of(run.out),
      (Lines{error_result("null", 2,
                          R"(column 6: a quote inside an unquoted field (quote the whole field )"
                          R"(and write the quote as \"\"))"),
             no_need_result(R"("D-2")", 3)}));
  EXPECT_EQ(run.messages,
            Lines{"error in1:2: column 6: a quote inside an unquoted field (quote the "
                  "whole field and write the quote as \"\")"});
}

TEST(ReviewStreams, FailsOnAHeaderWithTwoColumnsForOneFact) {
  const Reviewed run =
      review(Lines{"id,has_need\nD-1,no\n", "Stage,x,stage\ndiscovery,,discovery\n"}, true);
  EXPECT_EQ(lines_of(run.out), Lines{no_need_result(R"("D-1")", 2)});
  EXPECT_EQ(run.failure, "in2:1: columns 1 ('Stage') and 3 ('stage') both name 'stage'");
}

TEST(ReviewStreams, FailsOnAHeaderTheReaderCannotRead) {
  const Reviewer reviewer = make_reviewer();
  std::istringstream input("id,\"has_need\n");
  std::ostringstream out;
  const auto tally = review_streams(reviewer, {{&input, "in", true}}, {}, out);
  ASSERT_FALSE(tally.ok());
  EXPECT_EQ(format_diagnostic(tally.error()),
            "in:1:4: error: a quoted field is not closed before the end of the input");
}

TEST(ReviewStreams, ReadsSeveralInputsInTurn) {
  const std::string deal = R"({"id": "a", "facts": {"has_need": false}})"
                           "\n";
  const Reviewed run = review(Lines{deal, "[1]\n" + deal}, false);
  EXPECT_EQ(lines_of(run.out), (Lines{no_need_result(R"("a")", 1),
                                      error_result("null", 1, "a record must be a JSON object"),
                                      no_need_result(R"("a")", 2)}));
  EXPECT_EQ(run.messages, Lines{"error in2:1: a record must be a JSON object"});
  EXPECT_EQ(run.tally.records, 3u);
}

TEST(ReviewStreams, WritesCsvAndTableOutput) {
  const std::string deal = R"({"id": "a", "facts": {"has_need": false}})"
                           "\n";
  ReviewStreamOptions options;
  options.format = ReviewFormat::csv;
  EXPECT_EQ(review(deal, false, options).out,
            "id,line,class,next_move,moves,avoid,warnings,signals,error,name,owner,closed\n"
            "a,1,D,graceful_exit,graceful_exit,hard_close;pain_driver;assumptive_close;trial_close;"
            "helpful_close;motivation_driver;isolate_objection,,,,,,\n");
  options.format = ReviewFormat::table;
  EXPECT_EQ(
      review(deal, false, options).out,
      "  LINE  ID              CLASS  OWNER           NEXT MOVE             AVOID                "
      "     WARNINGS\n"
      "     1  a               D                      graceful_exit         "
      "hard_close;pain_driver;~"
      "  \n");
}

// Issue 8, finding 12: what reaches a terminal has its controls escaped, and
// the table cuts and aligns by characters and terminal cells.
TEST(ReviewStreams, EscapesControlsAndAlignsWideCharactersInTheTable) {
  ReviewStreamOptions options;
  options.format = ReviewFormat::table;
  const std::string deals =
      "{\"id\": \"\\u001b[2J\\nX\", \"facts\": {\"has_need\": false}}\n"
      "{\"id\": \"客户关系管理系统的大单子\", \"facts\": {\"has_need\": false}}\n"
      "{\"id\": \"\\u202eabc\", \"facts\": {\"stage\": \"\\u001b]0;x\\u0007\"}}\n";
  const Reviewed run = review(deals, false, options);
  const Lines lines = lines_of(run.out);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[1],
            "     1  \\x1b[2J\\nX      D                      graceful_exit         "
            "hard_close;pain_driver;~  ");
  EXPECT_EQ(lines[2],
            "     2  客户关系管理~   D                      graceful_exit         "
            "hard_close;pain_driver;~  ");
  const std::string error =
      "     3  \\u202eabc       -                      error: fact 'stage' cannot be "
      "'\\x1b]0;x\\x07' (allowed: ";
  EXPECT_EQ(lines[3].substr(0, error.size()), error);
  // JSON Lines and CSV are data: they keep every character.
  EXPECT_NE(review(deals, false).out.find(R"("id":"\u001b[2J\nX")"), std::string::npos);
}

TEST(FormatReviewMessage, PutsAMessageOnOneLineWithControlsEscaped) {
  EXPECT_EQ(
      format_review_message({ReviewMessage::Kind::error, "in\x1b[1m", 3, "bad\nid \xE2\x80\xAE"}),
      "in\\x1b[1m:3: error: bad\\nid \\u202e");
  EXPECT_EQ(format_review_message({ReviewMessage::Kind::warning, "in", 0, "no column"}),
            "in: warning: no column");
  EXPECT_EQ(format_review_message({ReviewMessage::Kind::note, "in", 2, "skipped"}),
            "in:2: note: skipped");
}

TEST(ReviewStreams, GivesTheSameBytesOnTwoThreadsAsOnOne) {
  std::string jsonl;
  std::string csv = "id,has_need,stage\n";
  for (std::size_t i = 0; i < 3000; ++i) {
    jsonl += bench::synthetic_deal(i) + "\n";
    if (i % 700 == 0) jsonl += "{broken\n\n";
    csv += i % 900 == 0 ? "Total,,\n"
                        : fmt::format("D-{},{},{}\n", i, i % 3 == 0 ? "no" : "yes",
                                      i % 1000 == 0 ? "closing" : "discovery");
  }
  for (const bool is_csv : {false, true}) {
    ReviewStreamOptions options;
    options.threads = 1;
    const Reviewed one = review(is_csv ? csv : jsonl, is_csv, options);
    options.threads = 2;
    const Reviewed two = review(is_csv ? csv : jsonl, is_csv, options);
    EXPECT_FALSE(one.messages.empty());
    EXPECT_TRUE(one.out == two.out) << "-j 2 output differs from -j 1";
    EXPECT_EQ(one.messages, two.messages);
    EXPECT_EQ(one.tally.records, two.tally.records);
    EXPECT_EQ(one.tally.by_move, two.tally.by_move);
  }
}

TEST(ReviewStreams, ReportsProgressPerInput) {
  const Reviewer reviewer = make_reviewer();
  std::istringstream first(R"({"id": "a", "facts": {"has_need": false}})"
                           "\n");
  std::istringstream second("id\nD-1\nD-2\n");
  std::vector<std::string> stages;
  std::size_t first_bytes = 0;
  ReviewCallbacks callbacks;
  callbacks.progress = [&](const ReviewProgress& progress) {
    const char* stage = progress.stage == ReviewProgress::Stage::start   ? "start"
                        : progress.stage == ReviewProgress::Stage::batch ? "batch"
                                                                         : "end";
    stages.push_back(fmt::format("{} {} {}", stage, progress.input, progress.records));
    if (progress.input == 0) first_bytes = progress.bytes;
  };
  std::ostringstream out;
  ASSERT_TRUE(
      review_streams(reviewer, {{&first, "a", false}, {&second, "b", true}}, {}, out, callbacks)
          .ok());
  EXPECT_EQ(stages,
            (Lines{"start 0 0", "batch 0 1", "end 0 1", "start 1 1", "batch 1 3", "end 1 3"}));
  EXPECT_EQ(first_bytes, 42u);
}

// Reviewer::layout_csv: the one place CSV headers are matched to facts.

TEST(LayoutCsv, MatchesHeadersToFactsByTheirKey) {
  const Reviewer reviewer = make_reviewer();
  const FactSchema& schema = default_engine().schema();
  const auto layout = reviewer.layout_csv({"Deal ID", "Contact Role", "stage", "Soft Closes Tried",
                                           "Owner", "ID", "Note", "NOTES", "Customer Class"});
  ASSERT_TRUE(layout.ok()) << layout.error().message;
  EXPECT_EQ(layout->slot_of_column,
            (std::vector<int>{-1, schema.slot_of("contact_role"), schema.slot_of("stage"),
                              schema.slot_of("soft_closes_tried"), -1, -1, -1, -1, -1}));
  EXPECT_EQ(layout->id_column, 5);
  EXPECT_EQ(layout->note_columns, (std::vector<std::size_t>{6, 7}));
  EXPECT_EQ(layout->ignored, (Lines{"Deal ID", "Owner", "Customer Class"}));
}

TEST(LayoutCsv, AppliesTheMapFirstAndKeepsTheFirstIdColumn) {
  ReviewOptions options;
  options.column_map = {{"deal id", "id"}, {"Deal Stage", "stage"}, {"Comments", "notes"}};
  const Reviewer reviewer = make_reviewer(options);
  const auto layout = reviewer.layout_csv({"Deal_ID", "Deal Stage", "ID", "comments"});
  ASSERT_TRUE(layout.ok()) << layout.error().message;
  EXPECT_EQ(layout->slot_of_column,
            (std::vector<int>{-1, default_engine().schema().slot_of("stage"), -1, -1}));
  EXPECT_EQ(layout->id_column, 0);
  EXPECT_EQ(layout->note_columns, (std::vector<std::size_t>{3}));
  EXPECT_EQ(layout->ignored, Lines{"ID"});
}

TEST(LayoutCsv, RefusesTwoColumnsNamingTheSameFact) {
  const Reviewer reviewer = make_reviewer();
  const auto layout = reviewer.layout_csv({"Stage", "x", "stage"});
  ASSERT_FALSE(layout.ok());
  EXPECT_EQ(layout.error().message, "columns 1 ('Stage') and 3 ('stage') both name 'stage'");
}

TEST(LayoutCsv, RefusesAMappedColumnAndAColumnNamingTheSameFact) {
  ReviewOptions options;
  options.column_map = {{"Deal Stage", "stage"}};
  const Reviewer reviewer = make_reviewer(options);
  const auto layout = reviewer.layout_csv({"Deal Stage", "STAGE"});
  ASSERT_FALSE(layout.ok());
  EXPECT_EQ(layout.error().message, "columns 1 ('Deal Stage') and 2 ('STAGE') both name 'stage'");
}

}  // namespace closecoach
