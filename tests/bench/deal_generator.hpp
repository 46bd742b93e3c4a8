#pragma once
// Synthetic deals for benchmarks and scale tests: every fact of the default
// playbook, notes in English, Chinese and Russian, about 420 bytes a line.

#include <cstddef>
#include <cstdint>
#include <string>

namespace closecoach::bench {

// The JSON Lines record of deal number `index` (deterministic for a seed).
std::string synthetic_deal(std::size_t index, std::uint64_t seed = 42);

}  // namespace closecoach::bench
