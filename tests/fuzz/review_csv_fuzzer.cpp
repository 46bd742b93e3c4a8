// libFuzzer target for review over CSV exports with the default
// playbook, header matching and notes included: records in, records out (the
// properties in review_checks.hpp).

#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "review_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string problem = closecoach::fuzz::check_review_csv(input);
  if (!problem.empty()) {
    std::fprintf(stderr, "%s\n", problem.c_str());
    std::abort();
  }
  return 0;
}
