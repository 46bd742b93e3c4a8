#include <closecoach/utf8.hpp>

#include <algorithm>

namespace closecoach::utf8 {

std::size_t count(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return !is_continuation(c); }));
}

std::size_t column_at(std::string_view line, std::size_t byte_offset) {
  return 1 + count(line.substr(0, byte_offset));
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const Decoded decoded = decode(text, i);
    if (decoded.length > 0) {
      width += display_width(decoded.code_point);
      i += decoded.length;
    } else {
      if (!is_continuation(text[i])) ++width;
      ++i;
    }
  }
  return width;
}

}  // namespace closecoach::utf8
