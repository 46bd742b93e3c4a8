#include <closecoach/crm_dates.hpp>
#include <closecoach/text.hpp>

#include <fmt/format.h>

#include <array>

namespace closecoach {

namespace {

enum class Field {
  literal,
  year4,
  year2,
  month,
  month_name,
  day,
  hour24,
  hour12,
  minute,
  second,
  meridiem
};

struct Token {
  Field field = Field::literal;
  std::size_t length = 1;  // characters of the format it takes
};

// Longest first, so that "MMM" is not read as "MM" then "M".
constexpr std::array<std::pair<std::string_view, Field>, 15> k_tokens{{
    {"YYYY", Field::year4},
    {"YY", Field::year2},
    {"MMM", Field::month_name},
    {"MM", Field::month},
    {"M", Field::month},
    {"DD", Field::day},
    {"D", Field::day},
    {"HH", Field::hour24},
    {"H", Field::hour24},
    {"hh", Field::hour12},
    {"h", Field::hour12},
    {"mm", Field::minute},
    {"ss", Field::second},
    {"A", Field::meridiem},
    {"a", Field::meridiem},
}};

constexpr std::array<std::string_view, 12> k_month_names{"jan", "feb", "mar", "apr", "may", "jun",
                                                         "jul", "aug", "sep", "oct", "nov", "dec"};

Token token_at(std::string_view format, std::size_t at) {
  for (const auto& [text, field] : k_tokens)
    if (format.substr(at, text.size()) == text) return {field, text.size()};
  return {};
}

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  constexpr std::array<int, 12> k_days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : k_days[static_cast<std::size_t>(month - 1)];
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Reads `min`..`max` digits of `text` at `at` into `out`.
bool read_digits(std::string_view text, std::size_t& at, std::size_t min, std::size_t max,
                 int& out) {
  std::size_t count = 0;
  out = 0;
  while (count < max && at < text.size() && text[at] >= '0' && text[at] <= '9') {
    out = out * 10 + (text[at] - '0');
    ++at;
    ++count;
  }
  return count >= min;
}

bool read_month_name(std::string_view text, std::size_t& at, int& month) {
  if (at + 3 > text.size()) return false;
  const std::string name{lower(text[at]), lower(text[at + 1]), lower(text[at + 2])};
  for (std::size_t i = 0; i < k_month_names.size(); ++i) {
    if (k_month_names[i] == name) {
      month = static_cast<int>(i) + 1;
      at += 3;
      return true;
    }
  }
  return false;
}

bool read_meridiem(std::string_view text, std::size_t& at, bool& pm) {
  if (at + 2 > text.size() || lower(text[at + 1]) != 'm') return false;
  const char first = lower(text[at]);
  if (first != 'a' && first != 'p') return false;
  pm = first == 'p';
  at += 2;
  return true;
}

struct Parsed {
  CivilDate date;
  int hour = 0;
  bool twelve_hour = false;
  bool meridiem = false;
  int minute = 0;
  int second = 0;
};

bool read_field(Field field, std::string_view text, std::size_t& at, Parsed& parsed) {
  switch (field) {
    case Field::year4:
      return read_digits(text, at, 4, 4, parsed.date.year);
    case Field::year2:
      if (!read_digits(text, at, 2, 2, parsed.date.year)) return false;
      parsed.date.year += 2000;
      return true;
    case Field::month:
      return read_digits(text, at, 1, 2, parsed.date.month);
    case Field::month_name:
      return read_month_name(text, at, parsed.date.month);
    case Field::day:
      return read_digits(text, at, 1, 2, parsed.date.day);
    case Field::hour24:
    case Field::hour12:
      parsed.twelve_hour = field == Field::hour12;
      return read_digits(text, at, 1, 2, parsed.hour);
    case Field::minute:
      return read_digits(text, at, 2, 2, parsed.minute);
    case Field::second:
      return read_digits(text, at, 2, 2, parsed.second);
    case Field::meridiem:
      return read_meridiem(text, at, parsed.meridiem);
    case Field::literal:
      break;
  }
  return false;
}

bool valid(const Parsed& parsed) {
  const CivilDate& date = parsed.date;
  if (date.month < 1 || date.month > 12) return false;
  if (date.day < 1 || date.day > days_in_month(date.year, date.month)) return false;
  const bool hour_ok = parsed.twelve_hour ? parsed.hour >= 1 && parsed.hour <= 12
                                          : parsed.hour >= 0 && parsed.hour <= 23;
  return hour_ok && parsed.minute <= 59 && parsed.second <= 60;
}

std::int64_t days_from_civil(const CivilDate& date) {
  // Howard Hinnant's days_from_civil: days since 1970-01-01.
  const std::int64_t year = date.month <= 2 ? date.year - 1 : date.year;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const std::int64_t year_of_era = year - era * 400;
  const std::int64_t month = date.month;
  const std::int64_t day_of_year =
      (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + date.day - 1;
  const std::int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

}  // namespace

std::optional<std::string> check_date_format(std::string_view format) {
  int years = 0, months = 0, days = 0;
  for (std::size_t at = 0; at < format.size();) {
    const Token token = token_at(format, at);
    years += token.field == Field::year4 || token.field == Field::year2 ? 1 : 0;
    months += token.field == Field::month || token.field == Field::month_name ? 1 : 0;
    days += token.field == Field::day ? 1 : 0;
    at += token.length;
  }
  const auto problem = [&](int count, const char* what) -> std::optional<std::string> {
    if (count == 0) return fmt::format("date format '{}' has no {}", format, what);
    if (count > 1) return fmt::format("date format '{}' has the {} more than once", format, what);
    return std::nullopt;
  };
  if (auto error = problem(years, "year (YYYY)")) return error;
  if (auto error = problem(months, "month (M)")) return error;
  return problem(days, "day (D)");
}

std::optional<CivilDate> parse_date(std::string_view text, std::string_view format) {
  text = trim_space(text);
  Parsed parsed;
  std::size_t at = 0;
  for (std::size_t position = 0; position < format.size();) {
    const Token token = token_at(format, position);
    if (token.field == Field::literal) {
      if (at >= text.size() || text[at] != format[position]) return std::nullopt;
      ++at;
    } else if (!read_field(token.field, text, at, parsed)) {
      return std::nullopt;
    }
    position += token.length;
  }
  if (at != text.size() || !valid(parsed)) return std::nullopt;
  return parsed.date;
}

std::optional<CivilDate> parse_iso_date(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  return parse_date(text, "YYYY-MM-DD");
}

std::string to_iso(const CivilDate& date) {
  return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

std::int64_t days_between(const CivilDate& from, const CivilDate& to) {
  return days_from_civil(to) - days_from_civil(from);
}

}  // namespace closecoach
