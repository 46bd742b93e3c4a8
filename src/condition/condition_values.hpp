#pragma once
// JavaScript's rules for the scalar values a condition computes with, as
// json-logic-js applies them: truthiness, loose and strict equality, relational
// comparison and the number conversions behind arithmetic. Private to the
// condition compiler and evaluator.

#include <closecoach/facts.hpp>

#include <cstddef>
#include <string_view>

namespace closecoach::condition_detail {

// Known values only: Value::Kind::unknown is the caller's business.
bool truthy(const Value& value);
bool loose_equal(const Value& a, const Value& b);   // a == b
bool strict_equal(const Value& a, const Value& b);  // a === b
bool less(const Value& a, const Value& b);          // a < b
bool less_equal(const Value& a, const Value& b);    // a <= b

// Number(value): "" is 0, " 12 " is 12, "0x1f" is 31, "12px" is NaN.
double to_number(const Value& value);
// parseFloat(String(value)): "12px" is 12, true is NaN.
double parse_float(const Value& value);

// Whether text b contains String(needle), as "b".indexOf(needle) !== -1.
bool text_contains(std::string_view text, const Value& needle);

}  // namespace closecoach::condition_detail
