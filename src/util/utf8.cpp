#include <closecoach/utf8.hpp>

#include <fmt/format.h>

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

namespace {

void append_escape(std::string& out, char32_t code_point) {
  switch (code_point) {
    case U'\n':
      out += "\\n";
      return;
    case U'\r':
      out += "\\r";
      return;
    case U'\t':
      out += "\\t";
      return;
    default:
      break;
  }
  if (code_point <= 0x7F)
    out += fmt::format("\\x{:02x}", static_cast<unsigned>(code_point));
  else
    out += fmt::format("\\u{:04x}", static_cast<unsigned>(code_point));
}

}  // namespace

std::string escape_for_terminal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const Decoded decoded = decode(text, i);
    if (decoded.length == 0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    if (is_terminal_control(decoded.code_point))
      append_escape(out, decoded.code_point);
    else
      out.append(text.substr(i, decoded.length));
    i += decoded.length;
  }
  return out;
}

}  // namespace closecoach::utf8
