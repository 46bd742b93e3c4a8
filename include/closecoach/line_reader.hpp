#pragma once
// Lines from a stream, in bounded memory: a line longer than the limit is
// skipped (not stored) and reported as too long.

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>

namespace closecoach {

class LineReader {
 public:
  LineReader(std::istream& input, std::size_t max_line_bytes);

  // Reads the next line (without its "\n" or "\r\n") into `line`. Returns
  // false at the end of input. When the line is longer than the limit,
  // `line` is left empty, `too_long` is true and `length` says how long it was.
  bool next(std::string& line, bool& too_long, std::size_t& length);

  // The 1-based number of the line last returned.
  std::size_t line_number() const { return m_line_number; }
  // Bytes consumed so far (for progress).
  std::size_t bytes_read() const { return m_bytes_read; }

 private:
  bool refill();
  void take_line(std::string& line, std::size_t end);

  std::istream& m_input;
  std::size_t m_max;
  std::string m_buffer;
  std::size_t m_pos = 0;
  std::size_t m_line_number = 0;
  std::size_t m_bytes_read = 0;
  bool m_eof = false;
};

}  // namespace closecoach
