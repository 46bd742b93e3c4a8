#include <closecoach/text.hpp>

#include <gtest/gtest.h>
#include <utf8proc.h>

#include <cstdlib>
#include <memory>
#include <string>

namespace closecoach {
namespace {

// Appends the UTF-8 form of `cp`, for tests that walk code points.
std::string utf8(char32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
  return out;
}

// What normalize_for_matching gives by calling utf8proc_map on the whole
// text, then collapsing whitespace and folding ё: the general path's result
// before it ordered marks itself. Only for valid UTF-8.
std::string through_utf8proc_map(const std::string& text) {
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t length = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
      static_cast<utf8proc_ssize_t>(text.size()), &mapped,
      static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                                     UTF8PROC_STABLE | UTF8PROC_IGNORE));
  const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);
  if (length < 0) return "utf8proc failed";
  std::string out;
  bool space = false;
  for (utf8proc_ssize_t i = 0; i < length;) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t start = i;
    i += utf8proc_iterate(mapped + i, length - i, &cp);
    const utf8proc_category_t category = utf8proc_category(cp);
    if ((cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || category == UTF8PROC_CATEGORY_ZS ||
        category == UTF8PROC_CATEGORY_ZL || category == UTF8PROC_CATEGORY_ZP) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    if (cp == 0x0451)
      out += "\u0435";  // ё as е
    else
      out.append(reinterpret_cast<const char*>(mapped + start),
                 static_cast<std::size_t>(i - start));
  }
  return out;
}

TEST(NormalizeForMatching, LowercasesAsciiAndCollapsesWhitespace) {
  EXPECT_EQ(normalize_for_matching("  Think\tit\r\nOVER  "), "think it over");
}

TEST(NormalizeForMatching, GivesEmptyTextForBlankText) {
  EXPECT_EQ(normalize_for_matching(""), "");
  EXPECT_EQ(normalize_for_matching(" \t\r\n\u3000\u00A0"), "");
}

TEST(NormalizeForMatching, FoldsFullwidthLettersAndSpaces) {
  EXPECT_EQ(normalize_for_matching("ＴＨＩＮＫ　ｉｔ　ＯＶＥＲ！"), "think it over!");
}

TEST(NormalizeForMatching, FoldsCompatibilityCharacters) {
  EXPECT_EQ(normalize_for_matching("\uFB01nal \u2460 \u33A1 \u2026"), "final 1 m2 ...");
}

TEST(NormalizeForMatching, CaseFoldsCyrillicAndReadsYoAsYe) {
  EXPECT_EQ(normalize_for_matching("ПОДУМАТЬ ЕЩЁ, Ёлка, ёж"), "подумать еще, елка, еж");
}

TEST(NormalizeForMatching, KeepsChineseAndFoldsItsFullwidthPunctuation) {
  EXPECT_EQ(normalize_for_matching("考慮一下，好嗎？「考虑一下」。"),
            "考慮一下,好嗎?「考虑一下」。");
}

TEST(NormalizeForMatching, ComposesDecomposedLetters) {
  EXPECT_EQ(normalize_for_matching("Cafe\u0301 и\u0306 е\u0308"), "café й е");
}

TEST(NormalizeForMatching, UsesFullCaseFolding) {
  EXPECT_EQ(normalize_for_matching("STRASSE Straße ΣΊΣΥΦΟΣ"), "strasse strasse σίσυφοσ");
}

TEST(NormalizeForMatching, RemovesDefaultIgnorableCodePoints) {
  EXPECT_EQ(normalize_for_matching("think\u00ADit \u200Bover\uFEFF"), "thinkit over");
}

TEST(NormalizeForMatching, TreatsUnicodeSeparatorsAsSpaces) {
  EXPECT_EQ(normalize_for_matching("a\u2028b\u2029c\u0085d\u2003e\u1680f"), "a b c d e f");
}

TEST(NormalizeForMatching, ReplacesEachInvalidByteWithTheReplacementCharacter) {
  EXPECT_EQ(normalize_for_matching("OK\xFFgo"), "ok\uFFFDgo");
  EXPECT_EQ(normalize_for_matching("\xE4\xB8"), "\uFFFD\uFFFD");            // cut short
  EXPECT_EQ(normalize_for_matching("\xC0\xAF"), "\uFFFD\uFFFD");            // overlong '/'
  EXPECT_EQ(normalize_for_matching("\xED\xA0\x80"), "\uFFFD\uFFFD\uFFFD");  // a surrogate
  EXPECT_EQ(normalize_for_matching("Я\x80"), "я\uFFFD");
}

TEST(NormalizeForMatching, KeepsAsciiControlCharactersOtherThanWhitespace) {
  EXPECT_EQ(normalize_for_matching(std::string("a\0b\x1F", 4)), std::string("a\0b\x1F", 4));
}

TEST(NormalizeForMatching, WritesIntoAGivenBufferReplacingItsContent) {
  std::string out = "left over from the previous note";
  normalize_for_matching("Think It Over", out);
  EXPECT_EQ(out, "think it over");
  normalize_for_matching("Думать \U0001F914 ОК", out);  // the fast path gives up half way
  EXPECT_EQ(out, "думать \U0001F914 ок");
  normalize_for_matching("", out);
  EXPECT_EQ(out, "");
}

// The fast path must give utf8proc's answer. A 4-byte code point at the end
// sends the text down the general path, and changes nothing else.
TEST(NormalizeForMatching, FastPathAgreesWithUtf8procForEveryBmpCodePoint) {
  const std::string emoji = "\U0001F600";
  int disagreements = 0;
  for (char32_t cp = 0; cp < 0x10000; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    std::string text = "A";  // (appended step by step: g++ 12 -O3 warns wrongly on "A" + ...)
    text += utf8(cp);
    text += 'b';
    const std::string quick = normalize_for_matching(text);
    const std::string general = normalize_for_matching(text + emoji);
    if (quick + emoji != general && ++disagreements <= 5) {
      ADD_FAILURE() << "U+" << std::hex << static_cast<unsigned>(cp) << ": '" << quick
                    << "' but utf8proc gives '" << general << "'";
    }
  }
  EXPECT_EQ(disagreements, 0);
}

// The general path orders marks itself (utf8proc's ordering is quadratic in
// the length of a run of marks); its result must be utf8proc's all the same.
// Each code point is tried between a letter and marks of four classes
// (232, 230, 220, 230), which it may compose with, reorder or decompose into.
TEST(NormalizeForMatching, GeneralPathAgreesWithUtf8procMapForEveryBmpCodePoint) {
  int disagreements = 0;
  for (char32_t cp = 0; cp < 0x10000; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    std::string text = "A";
    text += utf8(cp);
    text += "\u0315\u0301\u0316\u0300";
    text += utf8(cp);
    text += "\u0345b\u0F73\u0F73";
    const std::string expected = through_utf8proc_map(text);
    const std::string actual = normalize_for_matching(text);
    if (actual != expected && ++disagreements <= 5) {
      ADD_FAILURE() << "U+" << std::hex << static_cast<unsigned>(cp) << ": '" << actual
                    << "' but utf8proc gives '" << expected << "'";
    }
  }
  EXPECT_EQ(disagreements, 0);
}

// Marks after a letter are put in the order of their combining classes,
// stably, however many there are; the first that composes with the letter does.
TEST(NormalizeForMatching, OrdersALongRunOfMarksByCombiningClass) {
  std::string text = "a";
  for (int i = 0; i < 1000; ++i) text += "\u0315\u0301\u0316\u0300";  // classes 232 230 220 230
  std::string expected = "\u00E1";                                    // a + U+0301
  for (int i = 0; i < 1000; ++i) expected += "\u0316";
  for (int i = 0; i < 1000; ++i) expected += i == 0 ? "\u0300" : "\u0301\u0300";
  for (int i = 0; i < 1000; ++i) expected += "\u0315";
  EXPECT_EQ(normalize_for_matching(text), expected);
  EXPECT_EQ(normalize_for_matching(text), through_utf8proc_map(text));
}

TEST(NormalizeForMatching, OrdersMarksThatDecompositionAndCaseFoldingMake) {
  // U+0344 is U+0308 U+0301; U+1E08 (Ḉ) folds to c, U+0327, U+0301; U+0345 to ι.
  EXPECT_EQ(normalize_for_matching("e\u0344\u0323 \u1E08\u0316 x\u0345\u0301"),
            "\u1EB9\u0308\u0301 \u1E09\u0316 x\u03AF");
  const std::string text = "e\u0344\u0323 \u1E08\u0316 x\u0345\u0301 \u0FB2\u0F81";
  EXPECT_EQ(normalize_for_matching(text), through_utf8proc_map(text));
}

TEST(LooksLikeHtml, SeesTagsCommentsAndCharacterReferences) {
  EXPECT_TRUE(looks_like_html("<p>hello</p>"));
  EXPECT_TRUE(looks_like_html("one<br/>two"));
  EXPECT_TRUE(looks_like_html("<div class=\"note\">x"));
  EXPECT_TRUE(looks_like_html("x <!-- hidden -->"));
  EXPECT_TRUE(looks_like_html("AT&amp;T"));
  EXPECT_TRUE(looks_like_html("it&#39;s"));
  EXPECT_TRUE(looks_like_html("&#x4E00;"));
}

TEST(LooksLikeHtml, IgnoresBareAnglesAndAmpersands) {
  EXPECT_FALSE(looks_like_html("a < b and c > d"));
  EXPECT_FALSE(looks_like_html("R&D, P&L; Q&A"));
  EXPECT_FALSE(looks_like_html("price<5k, I <3 it"));
  EXPECT_FALSE(looks_like_html("x <y"));
  EXPECT_FALSE(looks_like_html("&unknown; &#; &#x;"));
}

TEST(StripHtml, TurnsBlockTagsIntoSingleLineBreaksAndDropsInlineTags) {
  EXPECT_EQ(strip_html("<p>Client: <b>think it over</b></p><p>call<br>Friday</p>"),
            "Client: think it over\ncall\nFriday\n");
}

TEST(StripHtml, TurnsTableCellsIntoSpaces) {
  EXPECT_EQ(strip_html("<table><tr><td>a</td><td>b</td></tr></table>"), "a b \n");
}

TEST(StripHtml, DecodesCharacterReferences) {
  EXPECT_EQ(
      strip_html("Tom &amp; Jerry &lt;3 &quot;ok&quot; it&#39;s &#x4E00;&#19968; &mdash;&nbsp;x"),
      "Tom & Jerry <3 \"ok\" it's 一一 \u2014 x");
}

TEST(StripHtml, KeepsUnknownAndUnterminatedReferencesAsWritten) {
  EXPECT_EQ(strip_html("<i>x</i> &bogus; &amp &#123456789; R&D"),
            "x &bogus; &amp &#123456789; R&D");
}

TEST(StripHtml, DecodesInvalidCodePointsAsTheReplacementCharacter) {
  EXPECT_EQ(strip_html("&#0;&#xD800;&#x110000;"), "\uFFFD\uFFFD\uFFFD");
}

TEST(StripHtml, DropsScriptStyleAndCommentContent) {
  EXPECT_EQ(
      strip_html("<style>p > b {}</style><SCRIPT>if (a</b) x('<p>')</script>hi<!-- <p>x -->!"),
      "hi!");
}

TEST(StripHtml, DropsEverythingAfterAnUnclosedScript) {
  EXPECT_EQ(strip_html("ok<script>never closed"), "ok");
}

TEST(StripHtml, ReadsQuotedAttributesThatHoldAngleBrackets) {
  EXPECT_EQ(strip_html("<a title=\"a>b\" href='c>d'>link</a>"), "link");
}

TEST(StripHtml, KeepsAnAngleBracketThatStartsNoTag) {
  EXPECT_EQ(strip_html("<p>a <b</p>"), "a <b\n");
}

TEST(StripHtml, KeepsEveryAngleBracketThatNoTagCloses) {
  EXPECT_EQ(strip_html("<p>x</p><a <a <! <? </b <a"), "x\n<a <a <! <? </b <a");
}

TEST(StripHtml, KeepsTheAngleBracketOfATagWhoseQuoteNeverCloses) {
  EXPECT_EQ(strip_html("<a x=\"1 <b y=\"2\">z"), "<a x=\"1 z");
  EXPECT_EQ(strip_html("<i>1</i> <a t='\"' <b u=\"'\">2 <c v=\"x>3"), "1 2 <c v=\"x>3");
}

TEST(StripHtml, KeepsAmpersandsThatStartNoReference) {
  EXPECT_EQ(strip_html("<b>&&amp;&&#38;&</b>&&longername;&amp"), "&&&&&&&longername;&amp");
}

TEST(StripHtml, LeavesTextThatIsNotHtmlAsItIs) {
  EXPECT_EQ(strip_html("R&D <3 a<b"), "R&D <3 a<b");
}

TEST(StripHtml, DropsDeclarationsAndOfficeTags) {
  EXPECT_EQ(strip_html("<!DOCTYPE html><?xml version=\"1.0\"?><o:p>note</o:p>"), "note");
}

}  // namespace
}  // namespace closecoach

TEST(TrimSpace, DropsSpacesTabsAndLineEndsAtBothEndsOnly) {
  EXPECT_EQ(closecoach::trim_space(" \t negotiation \r\n"), "negotiation");
  EXPECT_EQ(closecoach::trim_space("a b"), "a b");
  EXPECT_EQ(closecoach::trim_space(" \r\n\t"), "");
}
