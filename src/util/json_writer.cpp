#include <closecoach/json_writer.hpp>

#include <cstdint>

namespace closecoach {

namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0.
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto byte = static_cast<unsigned char>(text[i]);
  std::size_t length = 0;
  std::uint32_t minimum = 0;
  if (byte < 0x80) return 1;
  if ((byte & 0xE0) == 0xC0) length = 2, minimum = 0x80;
  else if ((byte & 0xF0) == 0xE0) length = 3, minimum = 0x800;
  else if ((byte & 0xF8) == 0xF0) length = 4, minimum = 0x10000;
  else return 0;
  if (i + length > text.size()) return 0;
  std::uint32_t code = byte & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[i + k]);
    if ((next & 0xC0) != 0x80) return 0;
    code = (code << 6) | (next & 0x3F);
  }
  if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

void append_escaped(std::string& out, char c) {
  static constexpr char k_hex[] = "0123456789abcdef";
  switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    default:
      out += "\\u00";
      out += k_hex[(static_cast<unsigned char>(c) >> 4) & 0xF];
      out += k_hex[static_cast<unsigned char>(c) & 0xF];
  }
}

bool is_plain(unsigned char byte) { return byte >= 0x20 && byte < 0x80 && byte != '"' && byte != '\\'; }

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  std::size_t run_start = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (is_plain(byte)) {
      ++i;
      continue;
    }
    const std::size_t length = byte < 0x80 ? 0 : utf8_length(text, i);
    if (length > 0) {  // valid UTF-8 stays in the run
      i += length;
      continue;
    }
    out.append(text, run_start, i - run_start);
    if (byte < 0x80) append_escaped(out, text[i]);
    else out += "\xEF\xBF\xBD";
    run_start = ++i;
  }
  out.append(text, run_start, i - run_start);
  out += '"';
}

}  // namespace closecoach
