#include <closecoach/csv.hpp>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <array>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <streambuf>
#include <string>
#include <vector>

#include "support/test_support.hpp"

namespace closecoach {
namespace {

// A record as one line of text, so that a test can assert all it holds:
// "2: [a|b]" or "2: error 2:5: MESSAGE".
std::string describe(const CsvRecord& record) {
  if (record.error) {
    return fmt::format("{}: error {}:{}: {}", record.line, record.error->line, record.error->column,
                       record.error->message);
  }
  return fmt::format("{}: [{}]", record.line, fmt::join(record.fields, "|"));
}

std::vector<std::string> read_all(CsvReader& reader) {
  std::vector<std::string> records;
  CsvRecord record;
  while (reader.next(record)) records.push_back(describe(record));
  return records;
}

std::vector<std::string> read_text(std::string_view text, CsvOptions options = {}) {
  CsvReader reader(text, options);
  return read_all(reader);
}

std::vector<std::string> read_stream(const std::string& text, CsvOptions options = {}) {
  std::istringstream input(text);
  CsvReader reader(input, options);
  return read_all(reader);
}

using Records = std::vector<std::string>;

TEST(CsvReader, ReadsRecordsWithTheirLineNumbers) {
  EXPECT_EQ(read_text("id,stage\n1,negotiation\n2,discovery\n"),
            (Records{"1: [id|stage]", "2: [1|negotiation]", "3: [2|discovery]"}));
}

TEST(CsvReader, ReadsQuotedDelimitersDoubledQuotesAndLineBreaks) {
  EXPECT_EQ(read_text("id,notes\n1,\"said \"\"think it over\"\", then left\"\n"
                      "2,\"two\nlines\"\n3,\"\"\n"),
            (Records{"1: [id|notes]", "2: [1|said \"think it over\", then left]",
                     "3: [2|two\nlines]", "5: [3|]"}));
}

TEST(CsvReader, AcceptsCrlfLoneCrAndNoFinalLineEnd) {
  EXPECT_EQ(read_text("a,b\r\nc,\"d\r\ne\"\r\nf,g\rh,i"),
            (Records{"1: [a|b]", "2: [c|d\r\ne]", "4: [f|g]", "5: [h|i]"}));
}

TEST(CsvReader, SkipsAByteOrderMarkAtTheStart) {
  EXPECT_EQ(read_text("\xEF\xBB\xBFid;stage\r\n1;x\r\n"), (Records{"1: [id|stage]", "2: [1|x]"}));
}

TEST(CsvReader, ReadsNothingFromEmptyInput) {
  EXPECT_EQ(read_text(""), Records{});
  EXPECT_EQ(read_text("\xEF\xBB\xBF"), Records{});
  EXPECT_EQ(read_stream(""), Records{});
}

TEST(CsvReader, ReadsABlankLineAsOneEmptyField) {
  EXPECT_EQ(read_text("a,b\n\n,\nc,\n"), (Records{"1: [a|b]", "2: []", "3: [|]", "4: [c|]"}));
}

TEST(CsvReader, SniffsTheDelimiterFromTheHeaderOutsideQuotes) {
  CsvReader semicolons("\"a,b,c\";d;e\n1;2;3\n");
  EXPECT_EQ(read_all(semicolons), (Records{"1: [a,b,c|d|e]", "2: [1|2|3]"}));
  EXPECT_EQ(semicolons.delimiter(), ';');
  CsvReader tabs("id\tnotes\n1\tok, fine; sure\n");
  EXPECT_EQ(read_all(tabs), (Records{"1: [id|notes]", "2: [1|ok, fine; sure]"}));
  EXPECT_EQ(tabs.delimiter(), '\t');
}

TEST(CsvReader, PrefersACommaOnATieOrWhenNoCandidateOccurs) {
  CsvReader tie("a,b;c\n");
  EXPECT_EQ(read_all(tie), (Records{"1: [a|b;c]"}));
  EXPECT_EQ(tie.delimiter(), ',');
  CsvReader single("notes\nx;y\n");
  EXPECT_EQ(read_all(single), (Records{"1: [notes]", "2: [x;y]"}));
  EXPECT_EQ(single.delimiter(), ',');
}

TEST(CsvReader, UsesTheDelimiterGivenInsteadOfSniffing) {
  EXPECT_EQ(read_text("a;b,c;d\n", CsvOptions{.delimiter = ';'}), (Records{"1: [a|b,c|d]"}));
}

TEST(CsvReader, ReportsAQuoteInsideAnUnquotedFieldAndGoesOnAtTheNextLine) {
  EXPECT_EQ(read_text("id,notes\n1,he said \"no\"\n2,ok\n"),
            (Records{"1: [id|notes]",
                     "2: error 2:11: a quote inside an unquoted field (quote the whole field and "
                     "write the quote as \"\")",
                     "3: [2|ok]"}));
}

TEST(CsvReader, ReportsTextAfterAClosingQuote) {
  EXPECT_EQ(read_text("1,\"a\"b,c\n2,ok"),
            (Records{"1: error 1:6: 'b' after the closing quote of a field (write a quote "
                     "inside a quoted field as \"\")",
                     "2: [2|ok]"}));
}

TEST(CsvReader, CountsColumnsInCodePoints) {
  EXPECT_EQ(read_text("имя,\"да\"ж\n"),
            (Records{"1: error 1:9: 'ж' after the closing quote of a field (write a quote "
                     "inside a quoted field as \"\")"}));
}

TEST(CsvReader, ReportsAnUnclosedQuoteWhereItOpensAndGoesOnAfterThatLine) {
  EXPECT_EQ(read_text("id,notes\n1,\"never closed\n2,ok\n3,fine\n"),
            (Records{"1: [id|notes]",
                     "2: error 2:3: a quoted field is not closed before the end of the input",
                     "3: [2|ok]", "4: [3|fine]"}));
}

TEST(CsvReader, RereadsTheLaterLinesOfABrokenMultiLineRecord) {
  EXPECT_EQ(read_text("1,\"a\nb\"x\n2,ok\n"),
            (Records{"1: error 2:3: 'x' after the closing quote of a field (write a quote "
                     "inside a quoted field as \"\")",
                     "2: error 2:2: a quote inside an unquoted field (quote the whole field and "
                     "write the quote as \"\")",
                     "3: [2|ok]"}));
}

TEST(CsvReader, ReportsARecordLongerThanTheLimitAndGoesOn) {
  const CsvOptions options{.delimiter = ',', .max_record_bytes = 16};
  const std::string text = "a,b\n" + std::string(40, 'x') + "\nc,d\n";
  const Records expected{"1: [a|b]", "2: error 2:0: record is 40 bytes, over the limit of 16 bytes",
                         "3: [c|d]"};
  EXPECT_EQ(read_text(text, options), expected);
  EXPECT_EQ(read_stream(text, options), expected);
}

TEST(CsvReader, SkipsAQuotedFieldLongerThanTheLimitToItsClosingQuote) {
  const CsvOptions options{.delimiter = ',', .max_record_bytes = 16};
  EXPECT_EQ(read_text("1,\"" + std::string(40, 'x') + "\"\n2,ok\n", options),
            (Records{"1: error 1:0: record is 44 bytes, over the limit of 16 bytes", "2: [2|ok]"}));
  const std::string text = "1,\"short\nline\n" + std::string(40, 'x') + "\",\"a\"\"b\"\n2,ok\n";
  const Records expected{
      "1: error 1:0: record is 62 bytes, over the limit of 16 bytes (lines 1 to 3)", "4: [2|ok]"};
  EXPECT_EQ(read_text(text, options), expected);
  EXPECT_EQ(read_stream(text, options), expected);
}

// A 3 MiB quoted note with a line break every 8 bytes: one error, and no
// line of the note read as a record of its own.
TEST(CsvReader, SkipsALongMultiLineFieldFromAStreamAsOneRecord) {
  const CsvOptions options{.delimiter = ',', .max_record_bytes = std::size_t{1} << 20};
  std::string note;
  for (int i = 0; i < 393216; ++i) note += "a,b\"\"c\n";
  const std::string text = "id,notes\n1,\"" + note + "\"\r\n2,ok\n";
  EXPECT_EQ(read_stream(text, options),
            (Records{"1: [id|notes]",
                     "2: error 2:0: record is 2752516 bytes, over the limit of 1048576 bytes "
                     "(lines 2 to 393218)",
                     "393219: [2|ok]"}));
}

TEST(CsvReader, EndsALongRecordWhoseQuoteNeverClosesWithTheInput) {
  const CsvOptions options{.delimiter = ',', .max_record_bytes = 16};
  EXPECT_EQ(
      read_text("id\n\"" + std::string(20, 'x') + "\n" + std::string(20, 'y') + "\n2\n", options),
      (Records{"1: [id]",
               "2: error 2:0: record is over the limit of 16 bytes, and a quoted field in "
               "it is not closed before the end of the input (lines 2 to 5)"}));
}

TEST(CsvReader, EndsALongRecordWithBrokenQuotingAtTheLineOfTheBreak) {
  const CsvOptions options{.delimiter = ',', .max_record_bytes = 16};
  EXPECT_EQ(read_text("1,\"" + std::string(20, 'x') + "\nsaid \"no\" then\n2,ok\n", options),
            (Records{"1: error 1:0: record is 38 bytes, over the limit of 16 bytes (lines 1 to 2)",
                     "3: [2|ok]"}));
}

// A single 3 MiB line read from a stream with a 1 MiB limit: the reader
// reports it and reads the next record without holding the whole line.
TEST(CsvReader, SkipsAnOverlongLineFromAStream) {
  const CsvOptions options{.delimiter = ',', .max_record_bytes = std::size_t{1} << 20};
  const std::string text = "id\n" + std::string(std::size_t{3} << 20, 'x') + "\n2\n";
  EXPECT_EQ(
      read_stream(text, options),
      (Records{"1: [id]", "2: error 2:0: record is 3145728 bytes, over the limit of 1048576 bytes",
               "3: [2]"}));
}

// Text as UTF-16 code units, little- or big-endian, with the BOM or without.
std::string utf16(std::u16string_view text, bool big_endian, bool bom) {
  std::string out;
  const auto put = [&](char16_t unit) {
    const auto high = static_cast<char>(unit >> 8);
    const auto low = static_cast<char>(unit & 0xFF);
    out += big_endian ? high : low;
    out += big_endian ? low : high;
  };
  if (bom) put(0xFEFF);
  for (const char16_t unit : text) put(unit);
  return out;
}

TEST(CsvReader, ReadsUtf16WithAByteOrderMarkAsUtf8) {
  const std::u16string text = u"id\tnotes\r\nD-1\tСоветы 客户 😀\r\nD-2\t\"a\tb\"\r\n";
  const Records expected{"1: [id|notes]", "2: [D-1|Советы 客户 😀]", "3: [D-2|a\tb]"};
  for (const bool big_endian : {false, true}) {
    const std::string bytes = utf16(text, big_endian, true);
    EXPECT_EQ(read_text(bytes), expected);
    EXPECT_EQ(read_stream(bytes), expected);
    CsvReader reader(bytes);
    CsvRecord record;
    ASSERT_TRUE(reader.next(record));
    EXPECT_EQ(reader.encoding(), big_endian ? CsvEncoding::utf16be : CsvEncoding::utf16le);
    EXPECT_EQ(reader.delimiter(), '\t');
  }
}

TEST(CsvReader, KnowsUtf16WithoutAByteOrderMarkByItsNulBytes) {
  for (const bool big_endian : {false, true}) {
    EXPECT_EQ(read_text(utf16(u"id,stage\nD-1,closing\n", big_endian, false)),
              (Records{"1: [id|stage]", "2: [D-1|closing]"}));
  }
}

TEST(CsvReader, ReadsALongUtf16StreamAcrossChunks) {
  std::u16string text = u"id,notes\n";
  for (int i = 0; i < 20000; ++i) text += u"D,客户说要考虑一下 😀\n";
  const Records records = read_stream(utf16(text, false, true));
  ASSERT_EQ(records.size(), 20001u);
  EXPECT_EQ(records[20000], "20001: [D|客户说要考虑一下 😀]");
}

TEST(CsvReader, RefusesUtf32) {
  EXPECT_EQ(read_text(std::string("\xFF\xFE\0\0i\0\0\0", 8)),
            (Records{"1: error 1:0: the input is UTF-32, which is not read here: save it as "
                     "UTF-8 (or UTF-16)"}));
}

TEST(CsvReader, ReadsTextThatIsNotUtf8AfterAsciiAsWindows1252WithAWarning) {
  CsvReader reader(
      "id,name\nD-1,Acme\nD-2,Soci\xE9t\xE9 G\xE9n\xE9rale \x80\x93\n\"D-3\",Caf\xE9\n");
  CsvRecord record;
  ASSERT_TRUE(reader.next(record));
  ASSERT_TRUE(reader.next(record));
  EXPECT_FALSE(record.warning);
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(describe(record), "3: [D-2|Société Générale €“]");
  ASSERT_TRUE(record.warning);
  EXPECT_EQ(fmt::format("{}:{}: {}", record.warning->line, record.warning->column,
                        record.warning->message),
            "3:9: byte 0xE9 is not UTF-8 and nothing before it was: reading the input as "
            "Windows-1252 from here on (save it as UTF-8 to be sure)");
  EXPECT_EQ(reader.encoding(), CsvEncoding::windows1252);
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(describe(record), "4: [D-3|Café]");
  EXPECT_FALSE(record.warning);
}

TEST(CsvReader, ReportsBytesThatAreNotUtf8AfterUtf8Text) {
  EXPECT_EQ(read_text("id,name\nD-1,Société\nD-2,\"two\nSoci\xE9t\xE9\"\nD-3,ok\n"),
            (Records{"1: [id|name]", "2: [D-1|Société]",
                     "3: error 4:5: byte 0xE9 is not UTF-8, though the text before it was",
                     "5: [D-3|ok]"}));
}

TEST(CsvReader, ReportsANulByte) {
  EXPECT_EQ(read_text(std::string("id,name\nD-1,a\0b\nD-2,ok\n", 22)),
            (Records{"1: [id|name]",
                     "2: error 2:6: a NUL byte, which no text holds (is this a "
                     "CSV file?)",
                     "3: [D-2|ok]"}));
}

// Records of every length, quoted and not, with CRLF line ends, so that the
// 64 KiB chunks of a stream end at every kind of place.
std::string tricky_csv() {
  std::string text = "id,notes,stage\r\n";
  for (int i = 0; i < 6000; ++i) {
    const std::string filler(static_cast<std::size_t>(i % 97), static_cast<char>('a' + i % 26));
    if (i % 3 == 0) {
      text += fmt::format("{},\"{} \"\"q\"\"\r\n{}\",s{}\r\n", i, filler, filler, i);
    } else {
      text += fmt::format("{},{},s{}\r\n", i, filler, i);
    }
  }
  return text;
}

TEST(CsvReader, ReadsAStreamInChunksAsItReadsAWholeBuffer) {
  const std::string text = tricky_csv();
  const Records from_buffer = read_text(text);
  EXPECT_EQ(from_buffer.size(), 6001U);
  EXPECT_EQ(from_buffer[1], "2: [0| \"q\"\r\n|s0]");
  EXPECT_EQ(from_buffer[2], "4: [1|b|s1]");
  EXPECT_EQ(read_stream(text), from_buffer);
}

// Fails as a disk can: libstdc++'s filebuf throws on a read error and the
// istream turns that into badbit.
class FailingBuffer : public std::streambuf {
 protected:
  int_type underflow() override { throw std::runtime_error("disk on fire"); }
};

TEST(CsvReader, EndsWithAnErrorRecordWhenTheStreamFails) {
  FailingBuffer buffer;
  std::istream input(&buffer);
  CsvReader reader(input);
  EXPECT_EQ(read_all(reader), (Records{"1: error 1:0: cannot read the input"}));
}

TEST(CsvReader, LeavesTheRecordAsItWasAtTheEnd) {
  CsvReader reader("a,b\n");
  CsvRecord record;
  ASSERT_TRUE(reader.next(record));
  EXPECT_FALSE(reader.next(record));
  EXPECT_EQ(describe(record), "1: [a|b]");
}

// A record as one line of a golden file: describe() with line breaks,
// tabs and backslashes escaped, and what classify_row makes of it.
std::string describe_for_golden_file(const CsvRecord& record) {
  std::string line;
  for (const char c : describe(record)) {
    if (c == '\n')
      line += "\\n";
    else if (c == '\r')
      line += "\\r";
    else if (c == '\t')
      line += "\\t";
    else if (c == '\\')
      line += "\\\\";
    else
      line += c;
  }
  if (record.error) return line;
  constexpr std::array<std::string_view, 3> k_kinds = {"data", "blank", "footer"};
  return fmt::format("{} {}", k_kinds[static_cast<std::size_t>(classify_row(record.fields))], line);
}

// Exports as CRMs and spreadsheets write them, read from the file as review
// reads a file, each with the records it holds in NAME.records beside it.
class CsvExport : public ::testing::TestWithParam<std::string> {};

TEST_P(CsvExport, ReadsAsItsGoldenFileSays) {
  const std::string path = std::string(CLOSECOACH_TEST_DATA) + "/review/" + GetParam();
  std::ifstream input(path + ".csv", std::ios::binary);
  ASSERT_TRUE(input) << path;
  CsvReader reader(input);
  std::string records;
  CsvRecord record;
  while (reader.next(record)) records += describe_for_golden_file(record) + "\n";
  EXPECT_EQ(records, testing::read_file(path + ".records"));
}

INSTANTIATE_TEST_SUITE_P(Fixtures, CsvExport,
                         ::testing::Values("reader_salesforce", "reader_excel_semicolon",
                                           "reader_malformed"));

TEST(HeaderKey, IgnoresCaseSpacesHyphensAndWidth) {
  EXPECT_EQ(header_key("Soft Closes Tried"), "soft_closes_tried");
  EXPECT_EQ(header_key(" Contact Role "), "contact_role");
  EXPECT_EQ(header_key("days-in-cycle"), "days_in_cycle");
  EXPECT_EQ(header_key("Has  Need"), "has_need");
  EXPECT_EQ(header_key("ＳＴＡＧＥ"), "stage");
  EXPECT_EQ(header_key("__id__"), "id");
  EXPECT_EQ(header_key("Win/Lose Negotiator"), "win/lose_negotiator");
}

TEST(ClassifyRow, SeesBlankRows) {
  EXPECT_EQ(classify_row({}), CsvRowKind::blank);
  EXPECT_EQ(classify_row({"", " ", "\t"}), CsvRowKind::blank);
}

TEST(ClassifyRow, SeesReportFooters) {
  const std::vector<std::vector<std::string>> footers = {
      {"Grand Totals (12 records)", "", ""},
      {"Total", "", "5"},
      {"", "Totals:", "7"},
      {"Subtotal"},
      {"GRAND TOTAL"},
      {"Confidential Information - Do Not Distribute", ""},
      {"Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved."},
      {"Generated by Salesforce.com"},
      {"Filtered By:", ""},
      {"Итого", "3"},
      {"Общие итоги (12 записей)"},
      {"总计 (12 条记录)"},
  };
  for (const auto& row : footers) {
    EXPECT_EQ(classify_row(row), CsvRowKind::footer) << fmt::format("{}", fmt::join(row, "|"));
  }
}

TEST(ClassifyRow, SeesDealsThatMerelyMentionFooterWords) {
  const std::vector<std::vector<std::string>> deals = {
      {"D-1", "Total Energies"},
      {"Total Energies renewal", "negotiation"},
      {"Confidential deal", "negotiation"},
      {"1", "", "", "generated by referral"},
  };
  for (const auto& row : deals) {
    EXPECT_EQ(classify_row(row), CsvRowKind::data) << fmt::format("{}", fmt::join(row, "|"));
  }
}

}  // namespace
}  // namespace closecoach
