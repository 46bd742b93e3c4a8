// make_deals N [SEED]: writes N synthetic deals as JSON Lines to stdout.

#include <cstdio>
#include <cstdlib>
#include <string>

#include "deal_generator.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: make_deals N [SEED]\n");
    return 2;
  }
  const auto count = std::strtoull(argv[1], nullptr, 10);
  const auto seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 42ULL;
  std::string buffer;
  for (unsigned long long i = 0; i < count; ++i) {
    buffer += closecoach::bench::synthetic_deal(i, seed);
    buffer += '\n';
    if (buffer.size() > (1u << 20)) {
      std::fwrite(buffer.data(), 1, buffer.size(), stdout);
      buffer.clear();
    }
  }
  std::fwrite(buffer.data(), 1, buffer.size(), stdout);
  return 0;
}
