// format_diagnostic and quote: what every message is made of.

#include <closecoach/diagnostic.hpp>

#include <gtest/gtest.h>

#include <string>

namespace closecoach {
namespace {

TEST(FormatDiagnostic, PutsTheMessageOnOneLineWithControlsEscaped) {
  Diagnostic diagnostic = make_error("unknown id 'a\nb\x1b[2J' \xE2\x80\xAEtxt", "/a\tb");
  diagnostic.file = "deals\r.jsonl";
  diagnostic.line = 2;
  diagnostic.column = 7;
  EXPECT_EQ(format_diagnostic(diagnostic),
            "deals\\r.jsonl:2:7: error: unknown id 'a\\nb\\x1b[2J' \\u202etxt (/a\\tb)");
}

TEST(FormatDiagnostic, KeepsTextWithoutControlsAsItIs) {
  Diagnostic diagnostic = make_error(R"(a path C:\deals, "客户", 'x')");
  diagnostic.severity = Severity::warning;
  EXPECT_EQ(format_diagnostic(diagnostic), R"(warning: a path C:\deals, "客户", 'x')");
}

TEST(Quote, QuotesAShortValueWhole) {
  EXPECT_EQ(quote("negotiation"), "'negotiation'");
  EXPECT_EQ(quote(""), "''");
  EXPECT_EQ(quote(std::string(40, 'a')), "'" + std::string(40, 'a') + "'");
}

TEST(Quote, QuotesTheFirstFortyCharactersOfALongValueAndItsLength) {
  EXPECT_EQ(quote(std::string(15728640, 'a')), "'" + std::string(40, 'a') + "…' (15728640 bytes)");
  std::string chinese;
  for (int i = 0; i < 41; ++i) chinese += "客";
  std::string forty;
  for (int i = 0; i < 40; ++i) forty += "客";
  EXPECT_EQ(quote(chinese), "'" + forty + "…' (123 bytes)");
}

TEST(Quote, EscapesControlsAndBytesThatAreNotUtf8) {
  EXPECT_EQ(quote("a\x1b[2J\n\x7F\xC2\x85\xE9"), "'a\\x1b[2J\\n\\x7f\\u0085\\xe9'");
}

TEST(Abridged, CutsWithoutQuotes) {
  EXPECT_EQ(abridged("Account"), "Account");
  EXPECT_EQ(abridged(std::string(50, 'b')), std::string(40, 'b') + "…");
}

}  // namespace
}  // namespace closecoach
