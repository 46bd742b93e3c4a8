#include <unistd.h>

#include <iostream>

#include "cli.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  closecoach::cli::Streams io{std::cin,       std::cout,      std::cerr,
                              isatty(0) == 1, isatty(1) == 1, isatty(2) == 1};
  return closecoach::cli::run(argc, argv, io);
}
