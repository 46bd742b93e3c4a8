#pragma once
// Checks for the numeric options every subcommand shares the wording of.

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace closecoach::cli {

// A check that an option's value is a whole number from `min` to `max`,
// written in decimal digits only (no sign, space, exponent or suffix);
// anything else fails with one short line, `what` naming what it counts:
//   --first-line: '0' is not a line number (1 to 4294967295)
CLI::Validator whole_number(const std::string& what, std::uint64_t min, std::uint64_t max);

// A check that an option's value is one of `choices`, exactly:
//   --format: 'xml' is not one of jsonl, csv
CLI::Validator one_of(std::vector<std::string> choices);

}  // namespace closecoach::cli
