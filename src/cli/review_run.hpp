#pragma once
// The review command's options and its run, split from its registration.

#include <closecoach/csv.hpp>

#include <cstddef>
#include <string>
#include <vector>

#include "cli.hpp"

namespace closecoach::cli {

// The largest --max-record-bytes (1 GiB) and --first-line.
inline constexpr std::size_t k_max_record_bytes_limit = std::size_t{1} << 30;
inline constexpr std::size_t k_max_first_line = 4294967295;

struct ReviewCommand {
  std::vector<std::string> inputs;
  std::string input_format;
  std::string output_format;
  std::vector<std::string> maps;
  std::string profile;            // --profile: a built-in's name, a file, or "none"
  std::string today;              // --today YYYY-MM-DD; empty: the local date
  std::vector<std::string> keep;  // --keep: columns carried to each result
  std::size_t threads = 1;
  bool summary = false;
  bool explain = false;
  std::size_t max_record_bytes = k_default_max_record_bytes;
  std::size_t first_line = 1;  // the number of the input's first line (for split input)
  std::string lang;
  std::string playbook;
};

// Opens the inputs, runs review_streams over them and prints what it says.
void run_review(const ReviewCommand& command, Context& context);

}  // namespace closecoach::cli
