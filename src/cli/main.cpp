#include <fcntl.h>
#include <unistd.h>

#include <iostream>

#include "cli.hpp"
#include "fd_stream.hpp"

int main(int argc, char** argv) {
  using namespace closecoach::cli;
  // A closed standard descriptor gets /dev/null opened the other way, so no
  // file opened later takes its number, a read of stdin fails and a write
  // to stdout fails (EBADF) as on the closed descriptor.
  const bool in_closed = !keep_open(0, O_WRONLY);
  keep_open(1, O_RDONLY);
  keep_open(2, O_WRONLY);
  std::ios::sync_with_stdio(false);
  FdInputBuffer in_buffer(0, false);
  FdOutputBuffer out_buffer(1);
  std::istream in(&in_buffer);
  std::ostream out(&out_buffer);
  Streams io{in, out, std::cerr, isatty(0) == 1, isatty(1) == 1, isatty(2) == 1, 0, 1, in_closed};
  return run(argc, argv, io);
}
