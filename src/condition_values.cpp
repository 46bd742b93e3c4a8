#include "condition_values.hpp"

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

// JavaScript's white space and line terminators beyond ASCII, in UTF-8.
constexpr std::array<std::string_view, 19> k_wide_spaces = {
    "\u00A0", "\u1680", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004",
    "\u2005", "\u2006", "\u2007", "\u2008", "\u2009", "\u200A", "\u2028",
    "\u2029", "\u202F", "\u205F", "\u3000", "\uFEFF"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

std::size_t space_length(std::string_view s, bool at_end) {
  if (s.empty()) return 0;
  if (is_ascii_space(at_end ? s.back() : s.front())) return 1;
  for (const auto space : k_wide_spaces)
    if (at_end ? s.ends_with(space) : s.starts_with(space)) return space.size();
  return 0;
}

std::string_view trim_start(std::string_view s) {
  while (const std::size_t length = space_length(s, false)) s.remove_prefix(length);
  return s;
}

std::string_view trim_end(std::string_view s) {
  while (const std::size_t length = space_length(s, true)) s.remove_suffix(length);
  return s;
}

// Length of the longest unsigned decimal literal `s` starts with (1, 1., .5, 1e3).
std::size_t decimal_prefix(std::string_view s) {
  std::size_t i = 0;
  std::size_t digits = 0;
  for (; i < s.size() && is_digit(s[i]); ++i) ++digits;
  if (i < s.size() && s[i] == '.') {
    std::size_t j = i + 1;
    for (; j < s.size() && is_digit(s[j]); ++j) ++digits;
    if (digits > 0) i = j;
  }
  if (digits == 0) return 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    const std::size_t first = j;
    while (j < s.size() && is_digit(s[j])) ++j;
    if (j > first) i = j;
  }
  return i;
}

// Where from_chars reports a value out of range, JavaScript rounds to
// Infinity or 0: which one follows from the position of the first nonzero digit.
double out_of_range(std::string_view literal) {
  const std::size_t e = std::min(literal.find_first_of("eE"), literal.size());
  long exponent = 0;
  if (e < literal.size()) {
    std::string_view digits = literal.substr(e + 1);
    const bool negative = !digits.empty() && digits.front() == '-';
    if (!digits.empty() && (digits.front() == '-' || digits.front() == '+'))
      digits.remove_prefix(1);
    for (const char c : digits) exponent = std::min(exponent * 10 + (c - '0'), 100000L);
    if (negative) exponent = -exponent;
  }
  const std::string_view mantissa = literal.substr(0, e);
  const std::size_t point = std::min(mantissa.find('.'), mantissa.size());
  const std::size_t first = mantissa.find_first_of("123456789");
  if (first == std::string_view::npos) return 0;
  const long position =
      first < point ? static_cast<long>(point - first) : -static_cast<long>(first - point - 1);
  return position + exponent > 0 ? k_infinity : 0;
}

// Precondition: `literal` is a whole unsigned decimal literal.
double parse_decimal(std::string_view literal) {
  double value = 0;
  const auto result = std::from_chars(literal.data(), literal.data() + literal.size(), value);
  if (result.ec == std::errc::result_out_of_range) return out_of_range(literal);
  return value;
}

// 0x.., 0o.., 0b.. literals, which Number("0x1A") accepts.
std::optional<double> radix_literal(std::string_view s) {
  if (s.size() < 3 || s[0] != '0') return std::nullopt;
  const char marker = static_cast<char>(s[1] | 0x20);
  const int base = marker == 'x' ? 16 : marker == 'o' ? 8 : marker == 'b' ? 2 : 0;
  if (base == 0) return std::nullopt;
  double value = 0;
  for (const char c : s.substr(2)) {
    const char lower = static_cast<char>(c | 0x20);
    const int digit = is_digit(c)                      ? c - '0'
                      : (lower >= 'a' && lower <= 'f') ? lower - 'a' + 10
                                                       : 99;
    if (digit >= base) return k_nan;
    value = value * base + digit;
  }
  return value;
}

double text_to_number(std::string_view text) {
  const std::string_view s = trim_end(trim_start(text));
  if (s.empty()) return 0;
  if (const auto radix = radix_literal(s)) return *radix;
  std::string_view body = s;
  const double sign = body[0] == '-' ? -1.0 : 1.0;
  if (body[0] == '+' || body[0] == '-') body.remove_prefix(1);
  if (body == "Infinity") return sign * k_infinity;
  const std::size_t length = decimal_prefix(body);
  if (length == 0 || length != body.size()) return k_nan;
  return sign * parse_decimal(body);
}

double parse_float_text(std::string_view text) {
  std::string_view s = trim_start(text);
  const double sign = !s.empty() && s[0] == '-' ? -1.0 : 1.0;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  if (s.starts_with("Infinity")) return sign * k_infinity;
  const std::size_t length = decimal_prefix(s);
  if (length == 0) return k_nan;
  return sign * parse_decimal(s.substr(0, length));
}

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
      return text_to_number(value.string);
    case Value::Kind::unknown:
      break;
  }
  return k_nan;
}

double parse_float(const Value& value) {
  if (value.kind == Value::Kind::number)
    return value.number == 0 ? 0.0 : value.number;  // String(-0) is "0"
  if (value.kind == Value::Kind::string) return parse_float_text(value.string);
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
