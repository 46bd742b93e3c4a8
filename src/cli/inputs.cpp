#include "inputs.hpp"

#include <closecoach/diagnostic.hpp>

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace closecoach::cli {

namespace {

// Refuses the input `name` when it is a directory or the file stdout writes to.
void check_input(const struct stat& input, const std::string& name, const Streams& io) {
  if (S_ISDIR(input.st_mode)) fail(fmt::format("{}: is a directory", name));
  struct stat output {};
  if (io.out_fd < 0 || fstat(io.out_fd, &output) != 0 || !S_ISREG(output.st_mode)) return;
  if (input.st_dev == output.st_dev && input.st_ino == output.st_ino)
    fail(fmt::format("{}: input file is output file", name));
}

const FdInputBuffer* fd_buffer(const std::istream& stream) {
  return dynamic_cast<const FdInputBuffer*>(stream.rdbuf());
}

}  // namespace

InputFile open_input_file(const std::string& path, const Streams& io) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail(fmt::format("cannot read {}: {}", path, std::strerror(errno)));
  InputFile file;
  file.buffer = std::make_unique<FdInputBuffer>(fd, true);
  file.stream = std::make_unique<std::istream>(file.buffer.get());
  struct stat status {};
  if (fstat(fd, &status) != 0) fail(fmt::format("cannot read {}: {}", path, std::strerror(errno)));
  check_input(status, path, io);
  if (S_ISREG(status.st_mode)) {
    file.size = static_cast<std::size_t>(status.st_size);
    file.regular = true;
  }
  return file;
}

bool is_regular_file(int fd) {
  struct stat status {};
  return fd >= 0 && fstat(fd, &status) == 0 && S_ISREG(status.st_mode);
}

void check_stdin(const Streams& io, bool whole) {
  if (io.in_closed) fail("standard input is closed");
  struct stat status {};
  if (io.in_fd < 0 || fstat(io.in_fd, &status) != 0) return;
  if (S_ISDIR(status.st_mode)) fail(fmt::format("{}: is a directory", k_stdin_name));
  if (whole) check_input(status, k_stdin_name, io);
}

bool read_failed(const std::istream& stream) {
  const FdInputBuffer* buffer = fd_buffer(stream);
  return buffer != nullptr && buffer->error() != 0;
}

void check_read(const std::istream& stream, const std::string& name) {
  if (read_failed(stream))
    fail(fmt::format("{}: read error: {}", name, std::strerror(fd_buffer(stream)->error())));
}

}  // namespace closecoach::cli
