#pragma once
// Inputs read as streams (review's files and stdin, advise's answers at the
// prompt), checked before anything is written: what cannot be read, or
// would never end, is refused with the reason (exit 2).

#include <cstddef>
#include <istream>
#include <memory>
#include <string>

#include "cli.hpp"
#include "fd_stream.hpp"

namespace closecoach::cli {

// How messages name standard input.
inline constexpr const char* k_stdin_name = "<stdin>";

// A file opened for reading.
struct InputFile {
  std::unique_ptr<FdInputBuffer> buffer;
  std::unique_ptr<std::istream> stream;
  std::size_t size = 0;  // bytes, for a regular file; 0 when unknown
  bool regular = false;  // a regular file: reading it never waits for input
};

// Opens `path`, or throws Failure (exit 2): "cannot read PATH: No such file
// or directory", "PATH: is a directory", "PATH: input file is output file"
// (stdout, io.out_fd, writes to that same file: the run would never end).
InputFile open_input_file(const std::string& path, const Streams& io);

// Whether `fd` is a regular file (reading it never waits for input).
bool is_regular_file(int fd);

// Throws Failure (exit 2) when stdin cannot be read as an input: "standard
// input is closed", "<stdin>: is a directory", and, when `whole` (it is read
// to its end), "<stdin>: input file is output file". Checks nothing when
// io.in has no descriptor (tests).
void check_stdin(const Streams& io, bool whole);

// Throws Failure (exit 2) "NAME: read error: Input/output error" when a read
// of `stream` failed (a stream over an FdInputBuffer; others never fail).
void check_read(const std::istream& stream, const std::string& name);

// Whether a read of `stream` failed; any thread may ask.
bool read_failed(const std::istream& stream);

}  // namespace closecoach::cli
