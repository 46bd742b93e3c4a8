#include <closecoach/js_number.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <string_view>

namespace js = closecoach::js;

namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
constexpr double k_infinity = std::numeric_limits<double>::infinity();

// ---- String(number) ------------------------------------------------------------

TEST(JsNumberToString, WritesIntegersWithoutAFraction) {
  EXPECT_EQ(js::number_to_string(0.0), "0");
  EXPECT_EQ(js::number_to_string(7.0), "7");
  EXPECT_EQ(js::number_to_string(-42.0), "-42");
  EXPECT_EQ(js::number_to_string(1e15), "1000000000000000");
  EXPECT_EQ(js::number_to_string(9007199254740993.0), "9007199254740992");
  EXPECT_EQ(js::number_to_string(123456789012.0), "123456789012");
}

TEST(JsNumberToString, WritesMinusZeroAsZero) { EXPECT_EQ(js::number_to_string(-0.0), "0"); }

TEST(JsNumberToString, SwitchesToExponentFormFrom1e21) {
  EXPECT_EQ(js::number_to_string(1e20), "100000000000000000000");
  EXPECT_EQ(js::number_to_string(1e21), "1e+21");
  EXPECT_EQ(js::number_to_string(-1.5e300), "-1.5e+300");
  EXPECT_EQ(js::number_to_string(std::numeric_limits<double>::max()), "1.7976931348623157e+308");
}

TEST(JsNumberToString, SwitchesToExponentFormBelowAMillionth) {
  EXPECT_EQ(js::number_to_string(0.000001), "0.000001");
  EXPECT_EQ(js::number_to_string(0.0000015), "0.0000015");
  EXPECT_EQ(js::number_to_string(1e-7), "1e-7");
  EXPECT_EQ(js::number_to_string(-1.25e-7), "-1.25e-7");
  EXPECT_EQ(js::number_to_string(5e-324), "5e-324");
}

TEST(JsNumberToString, WritesNaNAndInfinities) {
  EXPECT_EQ(js::number_to_string(k_nan), "NaN");
  EXPECT_EQ(js::number_to_string(k_infinity), "Infinity");
  EXPECT_EQ(js::number_to_string(-k_infinity), "-Infinity");
}

TEST(JsNumberToString, WritesTheShortestDigitsThatRoundTrip) {
  EXPECT_EQ(js::number_to_string(0.1), "0.1");
  EXPECT_EQ(js::number_to_string(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(js::number_to_string(1.5), "1.5");
  EXPECT_EQ(js::number_to_string(-0.5), "-0.5");
  EXPECT_EQ(js::number_to_string(123.456), "123.456");
  EXPECT_EQ(js::number_to_string(1.0 / 3.0), "0.3333333333333333");
  EXPECT_EQ(js::number_to_string(-0.0000012345678901234567), "-0.0000012345678901234567");
}

TEST(JsNumberToString, ReadsBackAsTheSameNumber) {
  std::mt19937_64 random(20261201);
  for (int i = 0; i < 20000; ++i) {
    const auto bits = random();
    double number = 0;
    std::memcpy(&number, &bits, sizeof number);
    if (!std::isfinite(number)) continue;
    js::NumberText buffer{};
    const std::string_view text = js::number_to_string(number, buffer);
    ASSERT_LE(text.size(), js::k_number_text_size);
    EXPECT_EQ(js::string_to_number(text), number == 0 ? 0.0 : number) << text;
  }
}

TEST(JsNumberToString, BufferAndStringFormsAgree) {
  for (const double number : {0.0, -3.0, 2.5e-9, 6.02214076e23, k_nan}) {
    js::NumberText buffer{};
    EXPECT_EQ(js::number_to_string(number, buffer), js::number_to_string(number));
  }
}

// ---- String order ---------------------------------------------------------------

TEST(JsStringLess, OrdersAsciiAsBytes) {
  EXPECT_TRUE(js::string_less("10", "9"));
  EXPECT_TRUE(js::string_less("B", "a"));
  EXPECT_TRUE(js::string_less("", "a"));
  EXPECT_TRUE(js::string_less("ab", "abc"));
  EXPECT_FALSE(js::string_less("abc", "ab"));
  EXPECT_FALSE(js::string_less("same", "same"));
  EXPECT_FALSE(js::string_less("", ""));
}

TEST(JsStringLess, OrdersByUtf16CodeUnit) {
  // U+FFFF is one unit 0xFFFF; U+1F600 is the pair 0xD83D 0xDE00.
  EXPECT_FALSE(js::string_less("\uFFFF", "\U0001F600"));
  EXPECT_TRUE(js::string_less("\U0001F600", "\uFFFF"));
  EXPECT_TRUE(js::string_less("\U0001F600", "\uE000"));
  EXPECT_TRUE(js::string_less("x\U0001F600", "x\uFB01"));
  // Below the surrogates, code point order holds.
  EXPECT_TRUE(js::string_less("\uD7FF", "\U0001F600"));
  EXPECT_TRUE(js::string_less("\u00E9", "\U00010000"));
  EXPECT_TRUE(js::string_less("z", "\u00E9"));
  // Between two code points past U+FFFF, code point order holds too.
  EXPECT_TRUE(js::string_less("\U0001F600", "\U0001F601"));
  EXPECT_TRUE(js::string_less("\U00010000", "\U0010FFFF"));
  EXPECT_FALSE(js::string_less("\U0001F600", "\U0001F600"));
}

}  // namespace
