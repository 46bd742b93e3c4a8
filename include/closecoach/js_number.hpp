#pragma once
// JavaScript's conversions between text and numbers, and its order of
// strings, which JsonLogic's coercions and comparisons follow: shared by the
// interpreter (json_logic.cpp) and the compiled conditions
// (condition_values.cpp) so that both agree to the last digit.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace closecoach::js {

// Number(text): surrounding white space ignored, "" is 0, 0x/0o/0b literals,
// "Infinity"; anything else that is not a whole decimal literal is NaN.
double string_to_number(std::string_view text);

// parseFloat(text): the longest decimal prefix after leading white space, or NaN.
double parse_float(std::string_view text);

// Room for any String(number): "-0.0000012345678901234567" is the longest.
inline constexpr std::size_t k_number_text_size = 32;
using NumberText = std::array<char, k_number_text_size>;

// String(number): the shortest digits that read back as `number`, laid out
// as ECMAScript's Number::toString does: plain below 1e21 and down to 1e-6,
// exponent form ("1e+21", "1e-7") beyond; "NaN", "Infinity", "-Infinity";
// -0 is "0". The view points into `buffer`.
std::string_view number_to_string(double number, NumberText& buffer);
std::string number_to_string(double number);

// a < b as JavaScript orders strings: by UTF-16 code unit, so "\uFFFF" sorts
// after "\U0001F600" (whose first unit is 0xD83D). Text is read as UTF-8.
bool string_less(std::string_view a, std::string_view b);

}  // namespace closecoach::js
