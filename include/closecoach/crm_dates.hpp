#pragma once
// Calendar dates as CRM exports and spreadsheets write them ("11/3/2026",
// "2026-11-03 09:15", "03.11.2026 09:15:00"), read by a format a profile
// names, and the days between two of them (for days_in_cycle).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace closecoach {

// A day of the proleptic Gregorian calendar; no time of day, no time zone.
struct CivilDate {
  int year = 1970;
  int month = 1;  // 1-12
  int day = 1;    // 1-31
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

// Why `format` is no date format, or nullopt when it is one. A format is
// literal text with these fields in it:
//   YYYY  the year, four digits         YY  the year in this century, two digits
//   M MM  the month, one or two digits  MMM the month's English abbreviation (Jan, ...)
//   D DD  the day, one or two digits
//   H HH h hh  the hour, one or two digits (h and hh: 1-12, with A)
//   mm  minutes, ss  seconds, two digits;  A or a  AM or PM (either case)
// Every other character must appear as written. A format holds the year,
// the month and the day once each; the time, when it has one, is read and
// checked but not kept. Fails with, for example, "date format 'DD/MM' has no year".
std::optional<std::string> check_date_format(std::string_view format);

// The date `text` holds in `format` (which check_date_format accepts), or
// nullopt when the whole of `text` does not read in it or names no real day
// ("2/30/2026"). Surrounding spaces are ignored.
std::optional<CivilDate> parse_date(std::string_view text, std::string_view format);

// A date written YYYY-MM-DD (as --today takes it), or nullopt.
std::optional<CivilDate> parse_iso_date(std::string_view text);

// "2026-11-03".
std::string to_iso(const CivilDate& date);

// The number of days from `from` to `to`: negative when `to` comes first.
std::int64_t days_between(const CivilDate& from, const CivilDate& to);

}  // namespace closecoach
