#include "condition_values.hpp"

#include <closecoach/js_number.hpp>

#include <cmath>
#include <limits>

namespace closecoach::condition_detail {

namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

}  // namespace

bool truthy(const Value& value) {
  switch (value.kind) {
    case Value::Kind::boolean:
      return value.boolean;
    case Value::Kind::number:
      return value.number != 0 && !std::isnan(value.number);
    case Value::Kind::string:
      return !value.string.empty();
    case Value::Kind::unknown:
    case Value::Kind::null:
      break;
  }
  return false;
}

double to_number(const Value& value) {
  switch (value.kind) {
    case Value::Kind::null:
      return 0;
    case Value::Kind::boolean:
      return value.boolean ? 1 : 0;
    case Value::Kind::number:
      return value.number;
    case Value::Kind::string:
      return js::string_to_number(value.string);
    case Value::Kind::unknown:
      break;
  }
  return k_nan;
}

double parse_float(const Value& value) {
  if (value.kind == Value::Kind::number)
    return value.number == 0 ? 0.0 : value.number;  // String(-0) is "0"
  if (value.kind == Value::Kind::string) return js::parse_float(value.string);
  return k_nan;  // "null", "true", "false" have no numeric prefix
}

bool strict_equal(const Value& a, const Value& b) { return same_value(a, b); }

bool loose_equal(const Value& a, const Value& b) {
  if (a.kind == b.kind) return strict_equal(a, b);
  if (a.kind == Value::Kind::null || b.kind == Value::Kind::null) return false;
  // Between scalars of different types, == compares them as numbers.
  return to_number(a) == to_number(b);
}

bool less(const Value& a, const Value& b) {
  if (a.kind == Value::Kind::string && b.kind == Value::Kind::string)
    return js::string_less(a.string, b.string);
  return to_number(a) < to_number(b);
}

bool less_equal(const Value& a, const Value& b) {
  if (a.kind == Value::Kind::string && b.kind == Value::Kind::string)
    return !js::string_less(b.string, a.string);
  return to_number(a) <= to_number(b);
}

bool text_contains(std::string_view text, const Value& needle) {
  js::NumberText buffer{};
  std::string_view wanted;
  switch (needle.kind) {
    case Value::Kind::string:
      wanted = needle.string;
      break;
    case Value::Kind::number:
      wanted = js::number_to_string(needle.number, buffer);
      break;
    case Value::Kind::boolean:
      wanted = needle.boolean ? "true" : "false";
      break;
    case Value::Kind::null:
      wanted = "null";
      break;
    case Value::Kind::unknown:
      return false;
  }
  return text.find(wanted) != std::string_view::npos;
}

}  // namespace closecoach::condition_detail
