#pragma once
// Stream buffers over file descriptors, for stdin, stdout and the files
// review reads: unlike std::cin, std::cout and std::ifstream they keep the
// errno of a failed read or write, so that "No space left on device" reaches
// the user instead of a silent exit 0, and a read can be woken by a signal.

#include <array>
#include <atomic>
#include <cstddef>
#include <streambuf>
#include <string_view>

namespace closecoach::cli {

// Writes to `fd` through a buffer. The first failed write() is kept
// (error()) and every later write fails at once, so the stream goes bad and
// stays bad; nothing after a failure reaches the file. Interrupted writes
// are resumed. Does not own `fd`.
class FdOutputBuffer : public std::streambuf {
 public:
  explicit FdOutputBuffer(int fd);
  ~FdOutputBuffer() override;
  FdOutputBuffer(const FdOutputBuffer&) = delete;
  FdOutputBuffer& operator=(const FdOutputBuffer&) = delete;

  // The errno of the first failed write, or 0.
  int error() const { return m_error; }

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* data, std::streamsize size) override;
  int sync() override;

 private:
  bool write_all(const char* data, std::size_t size);
  bool flush_buffer();

  int m_fd;
  int m_error = 0;
  // Not zeroed: filling it would touch 16 fresh pages at every start.
  std::array<char, 1 << 16> m_buffer;
};

// Reads `fd` through a buffer. A failed read() ends the stream and is kept
// (error()). While StopSignals (signals.hpp) are installed, the stream ends
// once a stop signal has arrived, even in a read that was waiting on a slow
// pipe or a terminal. Owns `fd` when `owned`.
class FdInputBuffer : public std::streambuf {
 public:
  FdInputBuffer(int fd, bool owned);
  ~FdInputBuffer() override;
  FdInputBuffer(const FdInputBuffer&) = delete;
  FdInputBuffer& operator=(const FdInputBuffer&) = delete;

  // The errno of a failed read, or 0. Any thread may ask.
  int error() const { return m_error.load(); }

  // The bytes read but not yet consumed, reading once when there are none:
  // the start of the input, to tell its format by before reading it.
  std::string_view peek();

 protected:
  int_type underflow() override;
  // Only the position itself (seekoff(0, cur)): the bytes consumed so far.
  pos_type seekoff(off_type offset, std::ios_base::seekdir direction,
                   std::ios_base::openmode which) override;

 private:
  bool wait_readable();

  int m_fd;
  bool m_owned;
  std::atomic<int> m_error = 0;
  std::size_t m_consumed = 0;  // bytes read before the buffer's start
  // Not zeroed, as FdOutputBuffer's.
  std::array<char, 1 << 16> m_buffer;
};

// When descriptor `fd` is closed, opens /dev/null with `flags` in its place
// and returns false; true when it was open.
bool keep_open(int fd, int flags);

}  // namespace closecoach::cli
