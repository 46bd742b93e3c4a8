// libFuzzer target for a playbook as a trainer writes it: loading, the full
// validation, and, when it loads, advice with and without answers, its
// signals over notes and the formatter (the properties in playbook_checks.hpp).

#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "playbook_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string problem = closecoach::fuzz::check_playbook(text);
  if (!problem.empty()) {
    std::fprintf(stderr, "%s\n", problem.c_str());
    std::abort();
  }
  return 0;
}
