#include <closecoach/js_number.hpp>
#include <closecoach/utf8.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>

namespace closecoach::js {

namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
constexpr double k_infinity = std::numeric_limits<double>::infinity();

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// JavaScript's white space and line terminators beyond ASCII, in UTF-8.
constexpr std::array<std::string_view, 19> k_wide_spaces = {
    "\u00A0", "\u1680", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004",
    "\u2005", "\u2006", "\u2007", "\u2008", "\u2009", "\u200A", "\u2028",
    "\u2029", "\u202F", "\u205F", "\u3000", "\uFEFF"};

bool is_ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// Bytes of white space that `s` starts with (or ends with, when `at_end`).
std::size_t space_length(std::string_view s, bool at_end) {
  if (s.empty()) return 0;
  if (is_ascii_space(at_end ? s.back() : s.front())) return 1;
  for (const auto space : k_wide_spaces) {
    if (at_end ? s.ends_with(space) : s.starts_with(space)) return space.size();
  }
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

// Length of the longest prefix that is an unsigned decimal literal
// (1, 1., .5, 1.5e-3); 0 when there is none.
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
    const std::size_t first_digit = j;
    while (j < s.size() && is_digit(s[j])) ++j;
    if (j > first_digit) i = j;
  }
  return i;
}

// Precondition: `literal` is a whole unsigned decimal literal. strtod reads
// it exactly under the C locale, rounding out-of-range values as JS does.
double parse_decimal(std::string_view literal) {
  const std::string copy(literal);
  return std::strtod(copy.c_str(), nullptr);
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

// Number::toString, ECMAScript's layout of the shortest round-trip digits.
std::string_view number_to_string(double number, NumberText& buffer) {
  if (std::isnan(number)) return "NaN";
  if (number == 0) return "0";
  if (std::isinf(number)) return number < 0 ? "-Infinity" : "Infinity";
  const Decimal decimal = shortest_decimal(std::fabs(number));
  const std::string_view digits(decimal.digits.data(), decimal.count);
  const int k = static_cast<int>(decimal.count);
  const int n = decimal.point;
  char* out = buffer.data();
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
    out = std::to_chars(out, buffer.data() + buffer.size(), std::abs(n - 1)).ptr;
  }
  return {buffer.data(), static_cast<std::size_t>(out - buffer.data())};
}

std::string number_to_string(double number) {
  NumberText buffer{};
  return std::string(number_to_string(number, buffer));
}

// UTF-8 bytes order by code point, which agrees with UTF-16 code units except
// that a code point past U+FFFF (lead byte F0-F4, a surrogate pair in UTF-16)
// sorts below U+E000-U+FFFF (lead byte EE or EF).
bool string_less(std::string_view a, std::string_view b) {
  const auto mismatch = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
  if (mismatch.second == b.end()) return false;
  if (mismatch.first == a.end()) return true;
  const auto x = static_cast<unsigned char>(*mismatch.first);
  const auto y = static_cast<unsigned char>(*mismatch.second);
  const bool x_astral = utf8::sequence_length(*mismatch.first) == 4;
  const bool y_astral = utf8::sequence_length(*mismatch.second) == 4;
  if (x_astral != y_astral && (x_astral ? y : x) >= 0xEE) return x_astral;
  return x < y;
}

// Number(string).
double string_to_number(std::string_view text) {
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

// parseFloat(string): the longest decimal prefix after leading white space.
double parse_float(std::string_view text) {
  std::string_view s = trim_start(text);
  const double sign = !s.empty() && s[0] == '-' ? -1.0 : 1.0;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  if (s.starts_with("Infinity")) return sign * k_infinity;
  const std::size_t length = decimal_prefix(s);
  if (length == 0) return k_nan;
  return sign * parse_decimal(s.substr(0, length));
}

}  // namespace closecoach::js
