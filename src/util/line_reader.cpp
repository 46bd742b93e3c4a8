#include <closecoach/line_reader.hpp>

#include <cstring>
#include <istream>

namespace closecoach {

namespace {
constexpr std::size_t k_chunk = std::size_t{1} << 16;
}

LineReader::LineReader(std::istream& input, std::size_t max_line_bytes)
    : m_input(input), m_max(max_line_bytes) {}

bool LineReader::refill() {
  if (m_eof) return false;
  m_buffer.erase(0, m_pos);
  m_pos = 0;
  // After a line far longer than most, give back what it took.
  if (m_buffer.capacity() > 4 * k_chunk && m_buffer.size() < k_chunk) m_buffer.shrink_to_fit();
  const std::size_t old_size = m_buffer.size();
  m_buffer.resize(old_size + k_chunk);
  m_input.read(m_buffer.data() + old_size, static_cast<std::streamsize>(k_chunk));
  const auto got = static_cast<std::size_t>(m_input.gcount());
  m_buffer.resize(old_size + got);
  if (got == 0) m_eof = true;
  return got > 0;
}

// Moves the text from m_pos to the newline at `end` into `line`, and m_pos
// past that newline. A long line takes the buffer itself, and what follows
// it moves to a new one, so that the line's bytes are never held twice.
void LineReader::take_line(std::string& line, std::size_t end) {
  if (end - m_pos < 4 * k_chunk) {
    line.assign(m_buffer, m_pos, end - m_pos);
    m_pos = end + 1;
    return;
  }
  std::string rest = m_buffer.substr(end + 1);
  m_buffer.resize(end);
  m_buffer.erase(0, m_pos);
  line = std::move(m_buffer);
  m_buffer = std::move(rest);
  m_pos = 0;
}

bool LineReader::next(std::string& line, bool& too_long, std::size_t& length) {
  line.clear();
  too_long = false;
  length = 0;
  std::size_t scanned = m_pos;
  while (true) {
    const char* start = m_buffer.data() + scanned;
    const void* newline = std::memchr(start, '\n', m_buffer.size() - scanned);
    if (newline != nullptr) {
      const auto end =
          static_cast<std::size_t>(static_cast<const char*>(newline) - m_buffer.data());
      length += end - m_pos;
      m_bytes_read += end + 1 - m_pos;
      if (too_long)
        m_pos = end + 1;
      else
        take_line(line, end);
      break;
    }
    if (m_buffer.size() - m_pos > m_max) {
      // Drop what is buffered of an over-long line: memory stays bounded.
      too_long = true;
      length += m_buffer.size() - m_pos;
      m_bytes_read += m_buffer.size() - m_pos;
      m_pos = m_buffer.size();
    }
    scanned = m_buffer.size() - m_pos;
    if (!refill()) {
      if (m_buffer.size() == m_pos && length == 0 && !too_long) return false;
      length += m_buffer.size() - m_pos;
      if (!too_long) line.assign(m_buffer, m_pos, m_buffer.size() - m_pos);
      m_bytes_read += m_buffer.size() - m_pos;
      m_pos = m_buffer.size();
      break;
    }
    scanned += m_pos;
  }
  ++m_line_number;
  if (length > m_max) {
    too_long = true;
    line.clear();
  }
  if (!too_long && !line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

}  // namespace closecoach
