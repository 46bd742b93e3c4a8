#include "condition_values.hpp"

#include <closecoach/js_number.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>

namespace closecoach::condition_detail {

namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
constexpr double k_infinity = std::numeric_limits<double>::infinity();


// JavaScript orders strings by UTF-16 code unit. UTF-8 bytes order by code
// point, which agrees except that a surrogate pair (a code point past U+FFFF,
// lead byte F0-F4) sorts below U+E000-U+FFFF (lead byte EE or EF).
bool utf16_less(std::string_view a, std::string_view b) {
  const auto mismatch = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
  if (mismatch.second == b.end()) return false;
  if (mismatch.first == a.end()) return true;
  const auto x = static_cast<unsigned char>(*mismatch.first);
  const auto y = static_cast<unsigned char>(*mismatch.second);
  const bool x_astral = x >= 0xF0;
  const bool y_astral = y >= 0xF0;
  if (x_astral != y_astral && (x_astral ? y : x) >= 0xEE) return x_astral;
  return x < y;
}

// The shortest digits that read back as `number` (> 0), and where the
// decimal point goes: number = 0.DIGITS * 10^point.
struct Decimal {
  std::array<char, 20> digits{};  // at most 17 significant digits
  std::size_t count = 0;
  int point = 0;
};

Decimal shortest_decimal(double number) {
  std::array<char, 32> scientific{};
  const char* end = std::to_chars(scientific.data(), scientific.data() + scientific.size(), number,
                                  std::chars_format::scientific)
                        .ptr;
  const std::string_view text(scientific.data(), static_cast<std::size_t>(end - scientific.data()));
  const std::size_t e = text.find('e');
  Decimal decimal;
  for (std::size_t i = 0; i < e; ++i)
    if (text[i] != '.') decimal.digits[decimal.count++] = text[i];
  int exponent = 0;
  std::from_chars(text.data() + e + (text[e + 1] == '+' ? 2 : 1), text.data() + text.size(),
                  exponent);
  decimal.point = exponent + 1;
  return decimal;
}

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

bool strict_equal(const Value& a, const Value& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Value::Kind::boolean:
      return a.boolean == b.boolean;
    case Value::Kind::number:
      return a.number == b.number;
    case Value::Kind::string:
      return a.string == b.string;
    case Value::Kind::unknown:
    case Value::Kind::null:
      break;
  }
  return true;
}

bool loose_equal(const Value& a, const Value& b) {
  if (a.kind == b.kind) return strict_equal(a, b);
  if (a.kind == Value::Kind::null || b.kind == Value::Kind::null) return false;
  // Between scalars of different types, == compares them as numbers.
  return to_number(a) == to_number(b);
}

bool less(const Value& a, const Value& b) {
  if (a.kind == Value::Kind::string && b.kind == Value::Kind::string)
    return utf16_less(a.string, b.string);
  return to_number(a) < to_number(b);
}

bool less_equal(const Value& a, const Value& b) {
  if (a.kind == Value::Kind::string && b.kind == Value::Kind::string)
    return !utf16_less(b.string, a.string);
  return to_number(a) <= to_number(b);
}

// Number::toString: the shortest digits that round-trip, laid out by the
// ECMAScript rules (plain up to 1e21, exponent form beyond and below 1e-6).
std::string_view format_number(double number, char* buffer) {
  if (std::isnan(number)) return "NaN";
  if (number == 0) return "0";
  if (std::isinf(number)) return number < 0 ? "-Infinity" : "Infinity";
  const Decimal decimal = shortest_decimal(std::fabs(number));
  const std::string_view digits(decimal.digits.data(), decimal.count);
  const int k = static_cast<int>(decimal.count);
  const int n = decimal.point;
  char* out = buffer;
  if (number < 0) *out++ = '-';
  const auto put = [&](std::string_view text) { out = std::copy(text.begin(), text.end(), out); };
  if (k <= n && n <= 21) {
    put(digits);
    out = std::fill_n(out, n - k, '0');
  } else if (0 < n && n <= 21) {
    put(digits.substr(0, static_cast<std::size_t>(n)));
    put(".");
    put(digits.substr(static_cast<std::size_t>(n)));
  } else if (-6 < n && n <= 0) {
    put("0.");
    out = std::fill_n(out, -n, '0');
    put(digits);
  } else {
    put(digits.substr(0, 1));
    if (k > 1) put(".");
    put(digits.substr(1));
    put(n - 1 >= 0 ? "e+" : "e-");
    out = std::to_chars(out, buffer + k_number_text_size, std::abs(n - 1)).ptr;
  }
  return {buffer, static_cast<std::size_t>(out - buffer)};
}

bool text_contains(std::string_view text, const Value& needle) {
  std::array<char, k_number_text_size> buffer{};
  std::string_view wanted;
  switch (needle.kind) {
    case Value::Kind::string:
      wanted = needle.string;
      break;
    case Value::Kind::number:
      wanted = format_number(needle.number, buffer.data());
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
