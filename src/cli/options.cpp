#include "options.hpp"

#include <closecoach/diagnostic.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>

namespace closecoach::cli {

CLI::Validator whole_number(const std::string& what, std::uint64_t min, std::uint64_t max) {
  const std::string range = fmt::format("{} to {}", min, max);
  return CLI::Validator(
      [what, min, max, range](std::string& text) -> std::string {
        std::uint64_t number = 0;
        const char* end = text.data() + text.size();
        const bool digits = text.find_first_not_of("0123456789") == std::string::npos;
        const auto [stop, error] = std::from_chars(text.data(), end, number);
        if (!text.empty() && digits && error == std::errc() && stop == end && number >= min &&
            number <= max)
          return {};
        return fmt::format("'{}' is not {} ({})", text, what, range);
      },
      range);
}

CLI::Validator one_of(std::vector<std::string> choices) {
  const std::string listed = fmt::format("{}", fmt::join(choices, ", "));
  std::string shown = fmt::format("{{{}}}", fmt::join(choices, ","));
  return CLI::Validator(
      [choices = std::move(choices), listed](std::string& text) -> std::string {
        if (std::find(choices.begin(), choices.end(), text) != choices.end()) return {};
        return fmt::format("'{}' is not one of {}", text, listed);
      },
      std::move(shown));
}

}  // namespace closecoach::cli
