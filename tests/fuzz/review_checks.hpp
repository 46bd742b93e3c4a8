#pragma once
// The properties review_record_fuzzer checks, shared with the regression test
// that replays tests/fuzz/regressions/review_record/. check_review_records
// returns an empty string when the input behaves, or a description of what
// went wrong.

#include <closecoach/csv.hpp>
#include <closecoach/engine.hpp>
#include <closecoach/playbook.hpp>
#include <closecoach/review.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <exception>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace closecoach::fuzz {

// Small, so that the fuzzer reaches the over-long record path.
inline constexpr std::size_t k_review_max_record_bytes = 1024;

// The default playbook's reviewers: plain in English, and explained (names,
// lines to say, reasons) in Chinese and in Russian.
inline const Reviewer& default_reviewer(std::size_t which) {
  static const Engine engine = [] {
    auto load = load_playbook(default_playbook_text(), "playbook.json");
    if (!load.playbook) throw std::runtime_error("the default playbook does not load");
    auto created = Engine::create(std::move(*load.playbook));
    if (!created.ok()) throw std::runtime_error(created.error().message);
    return std::move(created.value());
  }();
  static const std::array<Reviewer, 3> reviewers = [] {
    auto make = [](bool explain, const char* language) {
      auto reviewer = Reviewer::create(engine, {{}, explain, language});
      if (!reviewer.ok()) throw std::runtime_error(reviewer.error().message);
      return std::move(reviewer.value());
    };
    return std::array<Reviewer, 3>{make(false, "en"), make(true, "zh"), make(true, "ru")};
  }();
  return reviewers[which % reviewers.size()];
}

// Whether input line `line` (1-based, without its "\n") must, may or must not
// give a result: blank lines are no record; a blank line too long to read,
// or a first line holding only a byte order mark and space, may be either.
enum class Expect { record, maybe, none };

inline Expect expect_for(std::string_view line, std::size_t number) {
  if (number == 1 && line.starts_with("\xEF\xBB\xBF")) {
    if (line.substr(3).find_first_not_of(" \t\r") == std::string_view::npos) return Expect::maybe;
  }
  if (line.find_first_not_of(" \t\r") != std::string_view::npos) return Expect::record;
  return line.size() > k_review_max_record_bytes ? Expect::maybe : Expect::none;
}

// The lines of `text` split at "\n"; a final "\n" ends the last line.
inline std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    lines.push_back(text.substr(0, end));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return lines;
}

// The results' lines, in order, and the number with "error" set; a result
// that is not a JSON object with a line number is a problem.
inline std::string result_lines(std::string_view output, std::vector<std::size_t>& lines,
                                std::size_t& errors) {
  if (!output.empty() && output.back() != '\n') return "the output does not end in a newline";
  for (const std::string_view result : split_lines(output)) {
    const auto parsed = nlohmann::json::parse(result, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object() || !parsed.contains("line") ||
        !parsed["line"].is_number_unsigned())
      return fmt::format("a result line is not a JSON object with a line number: {}", result);
    lines.push_back(parsed["line"].get<std::size_t>());
    if (parsed.contains("error") && !parsed["error"].is_null()) ++errors;
  }
  return {};
}

// Each result's line is the next input line that is a record; no record is
// left without one.
inline std::string check_results(std::string_view input, std::string_view output,
                                 std::size_t& errors) {
  const std::vector<std::string_view> lines = split_lines(input);
  std::vector<std::size_t> results;
  if (auto problem = result_lines(output, results, errors); !problem.empty()) return problem;
  std::size_t next = 0;  // index into lines of the next candidate
  for (const std::size_t number : results) {
    for (; next < lines.size() && next + 1 != number; ++next) {
      if (expect_for(lines[next], next + 1) == Expect::record)
        return fmt::format("input line {} has no result (the next result is line {})", next + 1,
                           number);
    }
    if (next == lines.size() || expect_for(lines[next], number) == Expect::none)
      return fmt::format("a result for line {}, which is no record", number);
    ++next;
  }
  for (; next < lines.size(); ++next) {
    if (expect_for(lines[next], next + 1) == Expect::record)
      return fmt::format("input line {} has no result", next + 1);
  }
  return {};
}

// Records in, records out: `input` reviewed as JSON Lines gives one valid
// JSON result per record, in order, each with its line number; the tally and
// the error messages agree with the results; nothing throws.
inline std::string check_review_records(std::string_view input) {
  try {
    const Reviewer& reviewer = default_reviewer(input.size());
    std::istringstream stream{std::string(input)};
    std::ostringstream out;
    ReviewStreamOptions options;
    options.max_record_bytes = k_review_max_record_bytes;
    std::size_t error_messages = 0;
    ReviewCallbacks callbacks;
    callbacks.message = [&](const ReviewMessage& message) {
      if (message.kind == ReviewMessage::Kind::error) ++error_messages;
    };
    const auto tally =
        review_streams(reviewer, {{&stream, "fuzz.jsonl", false}}, options, out, callbacks);
    if (!tally.ok()) return "review_streams fails on JSON Lines: " + tally.error().message;
    const std::string output = out.str();
    std::size_t errors = 0;
    if (auto problem = check_results(input, output, errors); !problem.empty()) return problem;
    const auto results = static_cast<std::size_t>(std::count(output.begin(), output.end(), '\n'));
    if (tally->records != results || tally->errors != errors || error_messages != errors)
      return fmt::format(
          "{} results with {} errors, but a tally of {} records, {} errors and {} "
          "error messages",
          results, errors, tally->records, tally->errors, error_messages);
    return {};
  } catch (const std::exception& error) {
    return std::string("exception escaped: ") + error.what();
  }
}

// Records in, records out for CSV: after the header, every record
// CsvReader reads (as review reads it) gets one result on its line, in order,
// or a message on its line saying why it was skipped (a blank row, a
// report's trailer); the tally agrees with the results; nothing throws.
// An input whose header cannot be used fails as a whole, which is no problem.
inline std::string check_review_csv(std::string_view input) {
  try {
    const Reviewer& reviewer = default_reviewer(input.size());
    std::istringstream stream{std::string(input)};
    std::ostringstream out;
    ReviewStreamOptions options;
    options.max_record_bytes = k_review_max_record_bytes;
    std::set<std::size_t> noted;
    ReviewCallbacks callbacks;
    callbacks.message = [&](const ReviewMessage& message) { noted.insert(message.line); };
    const auto tally =
        review_streams(reviewer, {{&stream, "fuzz.csv", true}}, options, out, callbacks);
    if (!tally.ok()) return {};
    std::vector<std::size_t> results;
    std::size_t errors = 0;
    if (auto problem = result_lines(out.str(), results, errors); !problem.empty()) return problem;
    CsvReader reader(input,
                     CsvOptions{.delimiter = '\0', .max_record_bytes = k_review_max_record_bytes});
    CsvRecord record;
    std::size_t next = 0;  // index into results
    for (bool header = true; reader.next(record); header = false) {
      if (header) continue;
      if (next < results.size() && results[next] == record.line) {
        ++next;
      } else if (!noted.contains(record.line)) {
        return fmt::format("the record on line {} has no result and no message", record.line);
      }
    }
    if (next != results.size())
      return fmt::format("a result for line {}, which is no record", results[next]);
    if (tally->records != results.size() || tally->errors != errors)
      return fmt::format("{} results with {} errors, but a tally of {} records and {} errors",
                         results.size(), errors, tally->records, tally->errors);
    return {};
  } catch (const std::exception& error) {
    return std::string("exception escaped: ") + error.what();
  }
}

}  // namespace closecoach::fuzz
