#include <closecoach/utf8.hpp>

#include <gtest/gtest.h>
#include <utf8proc.h>

#include <array>
#include <string>

namespace utf8 = closecoach::utf8;

namespace {

// decode() of the whole of `text`, which must hold one sequence.
utf8::Decoded decode_all(std::string_view text) { return utf8::decode(text, 0); }

bool rejects(std::string_view text) {
  const utf8::Decoded decoded = decode_all(text);
  return decoded.length == 0 && decoded.code_point == utf8::k_replacement;
}

}  // namespace

TEST(Utf8, DecodesAsciiAsOneByte) {
  EXPECT_EQ(decode_all("A").code_point, U'A');
  EXPECT_EQ(decode_all("A").length, 1u);
  EXPECT_EQ(decode_all(std::string_view("\0", 1)).length, 1u);
  EXPECT_EQ(decode_all("\x7F").code_point, char32_t{0x7F});
}

TEST(Utf8, DecodesTwoByteSequences) {
  EXPECT_EQ(decode_all("ж").code_point, U'ж');
  EXPECT_EQ(decode_all("ж").length, 2u);
  EXPECT_EQ(decode_all("\xC2\x80").code_point, char32_t{0x80});
  EXPECT_EQ(decode_all("\xDF\xBF").code_point, char32_t{0x7FF});
}

TEST(Utf8, DecodesThreeByteSequences) {
  EXPECT_EQ(decode_all("中").code_point, U'中');
  EXPECT_EQ(decode_all("中").length, 3u);
  EXPECT_EQ(decode_all("\xE0\xA0\x80").code_point, char32_t{0x800});
  EXPECT_EQ(decode_all("\xED\x9F\xBF").code_point, char32_t{0xD7FF});
  EXPECT_EQ(decode_all("\xEE\x80\x80").code_point, char32_t{0xE000});
  EXPECT_EQ(decode_all("\xEF\xBF\xBF").code_point, char32_t{0xFFFF});
}

TEST(Utf8, DecodesFourByteSequences) {
  EXPECT_EQ(decode_all("😀").code_point, U'😀');
  EXPECT_EQ(decode_all("😀").length, 4u);
  EXPECT_EQ(decode_all("\xF0\x90\x80\x80").code_point, char32_t{0x10000});
  EXPECT_EQ(decode_all("\xF4\x8F\xBF\xBF").code_point, char32_t{0x10FFFF});
}

TEST(Utf8, DecodesAtAnOffsetAndReadsOnlyOneSequence) {
  const std::string_view text = "a中b";
  EXPECT_EQ(utf8::decode(text, 1).code_point, U'中');
  EXPECT_EQ(utf8::decode(text, 1).length, 3u);
  EXPECT_EQ(utf8::decode(text, 4).code_point, U'b');
}

TEST(Utf8, RejectsSequencesTruncatedByTheEndOfTheText) {
  EXPECT_TRUE(rejects("\xD0"));
  EXPECT_TRUE(rejects("\xE4\xB8"));
  EXPECT_TRUE(rejects("\xF0\x9F\x98"));
  EXPECT_TRUE(rejects(std::string_view("中").substr(0, 1)));
}

TEST(Utf8, RejectsSequencesCutShortByAnotherByte) {
  EXPECT_TRUE(
      rejects("\xD0"
              "a"));
  EXPECT_TRUE(
      rejects("\xE4\xB8"
              "a"));
  EXPECT_TRUE(
      rejects("\xE4"
              "ab"));
  EXPECT_TRUE(
      rejects("\xF0\x9F\x98"
              "a"));
  EXPECT_TRUE(rejects("\xE4\xB8\xE4\xB8\xAD"));
}

TEST(Utf8, RejectsOverlongForms) {
  EXPECT_TRUE(rejects("\xC0\x80"));
  EXPECT_TRUE(rejects("\xC1\xBF"));
  EXPECT_TRUE(rejects("\xE0\x80\x80"));
  EXPECT_TRUE(rejects("\xE0\x9F\xBF"));
  EXPECT_TRUE(rejects("\xF0\x80\x80\x80"));
  EXPECT_TRUE(rejects("\xF0\x8F\xBF\xBF"));
}

TEST(Utf8, RejectsSurrogates) {
  EXPECT_TRUE(rejects("\xED\xA0\x80"));              // U+D800
  EXPECT_TRUE(rejects("\xED\xBF\xBF"));              // U+DFFF
  EXPECT_TRUE(rejects("\xED\xA0\xBD\xED\xB8\x80"));  // a CESU-8 pair
}

TEST(Utf8, RejectsCodePointsPastTheLastOne) {
  EXPECT_TRUE(rejects("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_TRUE(rejects("\xF5\x80\x80\x80"));
  EXPECT_TRUE(rejects("\xF7\xBF\xBF\xBF"));
}

TEST(Utf8, RejectsBytesThatCannotLead) {
  EXPECT_TRUE(rejects("\x80"));
  EXPECT_TRUE(rejects("\xBF"));
  EXPECT_TRUE(rejects("\xF8\x88\x80\x80\x80"));
  EXPECT_TRUE(rejects("\xFE"));
  EXPECT_TRUE(rejects("\xFF"));
}

TEST(Utf8, DecodesNothingAtOrPastTheEnd) {
  EXPECT_TRUE(rejects(""));
  EXPECT_EQ(utf8::decode("ab", 2).length, 0u);
  EXPECT_EQ(utf8::decode("ab", 7).length, 0u);
}

// text.cpp and signals.cpp read code points with utf8proc_iterate before
// decode() replaced it: every sequence of up to four bytes, over every lead
// and second byte and the edges of the other bytes' ranges, must read alike.
TEST(Utf8, AgreesWithUtf8procOnEverySequenceOfUpToFourBytes) {
  constexpr std::array<unsigned char, 11> k_edges = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90,
                                                     0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
  std::size_t disagreements = 0;
  std::array<char, 4> bytes{};
  for (unsigned lead = 0; lead < 256; ++lead) {
    for (unsigned second = 0; second < 256; ++second) {
      for (const unsigned char third : k_edges) {
        for (const unsigned char fourth : k_edges) {
          bytes = {static_cast<char>(lead), static_cast<char>(second), static_cast<char>(third),
                   static_cast<char>(fourth)};
          for (std::size_t size = 1; size <= bytes.size(); ++size) {
            const std::string_view text(bytes.data(), size);
            utf8proc_int32_t expected = 0;
            const auto length =
                utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                 static_cast<utf8proc_ssize_t>(size), &expected);
            const utf8::Decoded decoded = utf8::decode(text, 0);
            const bool agree = length <= 0
                                   ? decoded.length == 0
                                   : decoded.length == static_cast<std::size_t>(length) &&
                                         decoded.code_point == static_cast<char32_t>(expected);
            if (!agree && ++disagreements <= 5) {
              ADD_FAILURE() << "bytes " << lead << " " << second << " " << unsigned{third} << " "
                            << unsigned{fourth} << " (" << size << " of them)";
            }
          }
        }
      }
    }
  }
  EXPECT_EQ(disagreements, 0u);
}

TEST(Utf8, TellsContinuationBytesFromTheOthers) {
  EXPECT_TRUE(utf8::is_continuation('\x80'));
  EXPECT_TRUE(utf8::is_continuation('\xBF'));
  EXPECT_FALSE(utf8::is_continuation('a'));
  EXPECT_FALSE(utf8::is_continuation('\x7F'));
  EXPECT_FALSE(utf8::is_continuation('\xC0'));
  EXPECT_FALSE(utf8::is_continuation('\xFF'));
}

TEST(Utf8, ReadsTheLengthALeadAnnouncesFromItsHighBits) {
  EXPECT_EQ(utf8::sequence_length('a'), 1u);
  EXPECT_EQ(utf8::sequence_length('\x80'), 1u);
  EXPECT_EQ(utf8::sequence_length('\xBF'), 1u);
  EXPECT_EQ(utf8::sequence_length('\xC0'), 2u);
  EXPECT_EQ(utf8::sequence_length('\xDF'), 2u);
  EXPECT_EQ(utf8::sequence_length('\xE0'), 3u);
  EXPECT_EQ(utf8::sequence_length('\xEF'), 3u);
  EXPECT_EQ(utf8::sequence_length('\xF0'), 4u);
  EXPECT_EQ(utf8::sequence_length('\xFF'), 4u);
}

TEST(Utf8, AppendsEachLengthOfSequence) {
  std::string out;
  utf8::append(out, U'a');
  utf8::append(out, U'ж');
  utf8::append(out, U'中');
  utf8::append(out, U'😀');
  EXPECT_EQ(out, "aж中😀");
  out.clear();
  utf8::append(out, utf8::k_replacement);
  EXPECT_EQ(out, "\xEF\xBF\xBD");
}

TEST(Utf8, DecodesWhatItEncodesForEveryCodePointAndKnowsItsLength) {
  std::size_t mismatches = 0;
  for (char32_t code_point = 0; code_point <= 0x10FFFF; ++code_point) {
    if (code_point >= 0xD800 && code_point <= 0xDFFF) continue;
    std::array<char, utf8::k_max_length> bytes{};
    const char* end = utf8::encode(bytes.data(), code_point);
    const std::string_view text(bytes.data(), static_cast<std::size_t>(end - bytes.data()));
    const utf8::Decoded decoded = utf8::decode(text, 0);
    if (decoded.code_point != code_point || decoded.length != text.size() ||
        utf8::encoded_length(code_point) != text.size())
      ++mismatches;
  }
  EXPECT_EQ(mismatches, 0u);
}

TEST(Utf8, CountsCodePoints) {
  EXPECT_EQ(utf8::count(""), 0u);
  EXPECT_EQ(utf8::count("abc"), 3u);
  EXPECT_EQ(utf8::count("подумать"), 8u);
  EXPECT_EQ(utf8::count("考虑一下😀"), 5u);
}

TEST(Utf8, CountsEachIllFormedByteThatIsNotAContinuation) {
  EXPECT_EQ(utf8::count("\xE4\xB8"
                        "a"),
            2u);
  EXPECT_EQ(utf8::count("\x80\xBF"), 0u);
  EXPECT_EQ(utf8::count("\xC0\x80\xFF"), 2u);
}

TEST(Utf8, GivesTwoCellsToWideAndFullwidthCodePoints) {
  EXPECT_EQ(utf8::display_width(U'中'), 2u);
  EXPECT_EQ(utf8::display_width(U'。'), 2u);
  EXPECT_EQ(utf8::display_width(U'：'), 2u);  // fullwidth colon
  EXPECT_EQ(utf8::display_width(U'Ａ'), 2u);
  EXPECT_EQ(utf8::display_width(U'가'), 2u);
  EXPECT_EQ(utf8::display_width(U'😀'), 2u);
  EXPECT_EQ(utf8::display_width(char32_t{0x1100}), 2u);
  EXPECT_EQ(utf8::display_width(char32_t{0x115F}), 2u);
  EXPECT_EQ(utf8::display_width(char32_t{0xFFE6}), 2u);
  EXPECT_EQ(utf8::display_width(char32_t{0x20000}), 2u);
  EXPECT_EQ(utf8::display_width(char32_t{0x3FFFD}), 2u);
}

TEST(Utf8, GivesOneCellToEveryOtherCodePoint) {
  EXPECT_EQ(utf8::display_width(U'a'), 1u);
  EXPECT_EQ(utf8::display_width(U'\t'), 1u);
  EXPECT_EQ(utf8::display_width(U'ж'), 1u);
  EXPECT_EQ(utf8::display_width(char32_t{0x0301}), 1u);  // combining acute accent
  EXPECT_EQ(utf8::display_width(char32_t{0x1160}), 1u);
  EXPECT_EQ(utf8::display_width(char32_t{0xFF61}), 1u);  // halfwidth ideographic full stop
  EXPECT_EQ(utf8::display_width(char32_t{0xFFE7}), 1u);
  EXPECT_EQ(utf8::display_width(char32_t{0x3FFFE}), 1u);
  EXPECT_EQ(utf8::display_width(utf8::k_replacement), 1u);
}

TEST(Utf8, MeasuresTheCellsOfAText) {
  EXPECT_EQ(utf8::display_width(std::string_view("")), 0u);
  EXPECT_EQ(utf8::display_width(std::string_view("ab中文Ａж")), 9u);
  EXPECT_EQ(utf8::display_width(std::string_view("\xE4\xB8"
                                                 "a")),
            2u);
}

TEST(Utf8, NumbersColumnsByTheCodePointsBeforeAByte) {
  const std::string_view line = "ab中文c";
  EXPECT_EQ(utf8::column_at(line, 0), 1u);
  EXPECT_EQ(utf8::column_at(line, 2), 3u);
  EXPECT_EQ(utf8::column_at(line, 5), 4u);
  EXPECT_EQ(utf8::column_at(line, 8), 5u);
  EXPECT_EQ(utf8::column_at(line, line.size()), 6u);
  EXPECT_EQ(utf8::column_at(line, 100), 6u);
}

TEST(Utf8, EscapesWhatMustNotReachATerminal) {
  EXPECT_EQ(utf8::escape_for_terminal("plain, 客户, C:\\x"), "plain, 客户, C:\\x");
  EXPECT_EQ(utf8::escape_for_terminal("\x1b[2J\r\n\t\x01\x7F"), "\\x1b[2J\\r\\n\\t\\x01\\x7f");
  EXPECT_EQ(utf8::escape_for_terminal("\xC2\x9B"
                                      "31m"),
            "\\u009b31m");  // C1 CSI
  EXPECT_EQ(utf8::escape_for_terminal("\xE2\x80\xAE"
                                      "cba"
                                      "\xE2\x81\xA6"
                                      "\xE2\x80\xA8"),
            "\\u202ecba\\u2066\\u2028");
  EXPECT_EQ(utf8::escape_for_terminal("a\xFF"
                                      "b\xE4\xB8"),
            "a\\xffb\\xe4\\xb8");
  EXPECT_EQ(utf8::escape_for_terminal(utf8::escape_for_terminal("\x1b\n")), "\\x1b\\n");
}
