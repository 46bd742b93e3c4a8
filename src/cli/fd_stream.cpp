#include "fd_stream.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "signals.hpp"

namespace closecoach::cli {

FdOutputBuffer::FdOutputBuffer(int fd) : m_fd(fd) {
  setp(m_buffer.data(), m_buffer.data() + m_buffer.size());
}

FdOutputBuffer::~FdOutputBuffer() { flush_buffer(); }

bool FdOutputBuffer::write_all(const char* data, std::size_t size) {
  if (m_error != 0) return false;
  while (size > 0) {
    const ssize_t written = ::write(m_fd, data, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      m_error = errno;
      return false;
    }
    data += written;
    size -= static_cast<std::size_t>(written);
  }
  return true;
}

bool FdOutputBuffer::flush_buffer() {
  const auto pending = static_cast<std::size_t>(pptr() - pbase());
  const bool written = write_all(pbase(), pending);
  setp(m_buffer.data(), m_buffer.data() + m_buffer.size());
  return written;
}

FdOutputBuffer::int_type FdOutputBuffer::overflow(int_type c) {
  if (!flush_buffer()) return traits_type::eof();
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  *pptr() = traits_type::to_char_type(c);
  pbump(1);
  return c;
}

std::streamsize FdOutputBuffer::xsputn(const char* data, std::streamsize size) {
  if (m_error != 0) return 0;
  const auto count = static_cast<std::size_t>(size);
  const auto room = static_cast<std::size_t>(epptr() - pptr());
  if (count <= room) {
    std::memcpy(pptr(), data, count);
    pbump(static_cast<int>(count));
    return size;
  }
  // Too big for what is left: write what is buffered, then this directly
  // when it would fill the buffer anyway.
  if (!flush_buffer()) return 0;
  if (count >= m_buffer.size()) return write_all(data, count) ? size : 0;
  std::memcpy(pptr(), data, count);
  pbump(static_cast<int>(count));
  return size;
}

int FdOutputBuffer::sync() { return flush_buffer() ? 0 : -1; }

FdInputBuffer::FdInputBuffer(int fd, bool owned) : m_fd(fd), m_owned(owned) {
  setg(m_buffer.data(), m_buffer.data(), m_buffer.data());
}

FdInputBuffer::~FdInputBuffer() {
  if (m_owned) ::close(m_fd);
}

// Waits until `m_fd` can be read or a stop signal arrives; false for the latter.
bool FdInputBuffer::wait_readable() {
  std::array<pollfd, 2> fds{{{m_fd, POLLIN, 0}, {stop_wakeup_fd(), POLLIN, 0}}};
  const nfds_t count = fds[1].fd >= 0 ? 2 : 1;
  while (stop_signal() == 0) {
    if (::poll(fds.data(), count, -1) >= 0) return count == 1 || fds[1].revents == 0;
    if (errno != EINTR) return true;  // read() says what is wrong
  }
  return false;
}

FdInputBuffer::int_type FdInputBuffer::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  m_consumed += static_cast<std::size_t>(egptr() - eback());
  setg(m_buffer.data(), m_buffer.data(), m_buffer.data());
  if (m_error != 0) return traits_type::eof();
  // Under StopSignals, wait in poll(), which a signal wakes, not in read().
  bool wait = stop_wakeup_fd() >= 0;
  while (true) {
    if (stop_signal() != 0 || (wait && !wait_readable())) return traits_type::eof();
    const ssize_t got = ::read(m_fd, m_buffer.data(), m_buffer.size());
    if (got > 0) {
      setg(m_buffer.data(), m_buffer.data(), m_buffer.data() + got);
      return traits_type::to_int_type(m_buffer[0]);
    }
    if (got == 0) return traits_type::eof();
    if (errno != EINTR && errno != EAGAIN) {
      m_error = errno;
      return traits_type::eof();
    }
    wait = errno == EAGAIN;  // a non-blocking descriptor
  }
}

std::string_view FdInputBuffer::peek() {
  if (gptr() == egptr()) underflow();
  return {gptr(), static_cast<std::size_t>(egptr() - gptr())};
}

FdInputBuffer::pos_type FdInputBuffer::seekoff(off_type offset, std::ios_base::seekdir direction,
                                               std::ios_base::openmode which) {
  if (offset != 0 || direction != std::ios_base::cur || (which & std::ios_base::in) == 0)
    return pos_type(off_type(-1));
  return pos_type(static_cast<off_type>(m_consumed + static_cast<std::size_t>(gptr() - eback())));
}

bool keep_open(int fd, int flags) {
  if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) return true;
  const int opened = ::open("/dev/null", flags);
  if (opened >= 0 && opened != fd) {
    ::dup2(opened, fd);
    ::close(opened);
  }
  return false;
}

}  // namespace closecoach::cli
