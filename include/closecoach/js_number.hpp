#pragma once
// JavaScript's conversions of text to numbers, which JsonLogic's coercions
// follow: shared by the interpreter (json_logic.cpp) and the compiled
// conditions (condition_values.cpp) so that both agree to the last digit.

#include <string_view>

namespace closecoach::js {

// Number(text): surrounding white space ignored, "" is 0, 0x/0o/0b literals,
// "Infinity"; anything else that is not a whole decimal literal is NaN.
double string_to_number(std::string_view text);

// parseFloat(text): the longest decimal prefix after leading white space, or NaN.
double parse_float(std::string_view text);

}  // namespace closecoach::js
