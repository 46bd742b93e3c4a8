#include <closecoach/json_writer.hpp>
#include <closecoach/utf8.hpp>

namespace closecoach {

namespace {

void append_escaped(std::string& out, char c) {
  static constexpr char k_hex[] = "0123456789abcdef";
  switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      out += "\\u00";
      out += k_hex[(static_cast<unsigned char>(c) >> 4) & 0xF];
      out += k_hex[static_cast<unsigned char>(c) & 0xF];
  }
}

bool is_plain(unsigned char byte) {
  return byte >= 0x20 && byte < 0x80 && byte != '"' && byte != '\\';
}

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
    const std::size_t length = byte < 0x80 ? 0 : utf8::decode(text, i).length;
    if (length > 0) {  // valid UTF-8 stays in the run
      i += length;
      continue;
    }
    out.append(text, run_start, i - run_start);
    if (byte < 0x80)
      append_escaped(out, text[i]);
    else
      utf8::append(out, utf8::k_replacement);
    run_start = ++i;
  }
  out.append(text, run_start, i - run_start);
  out += '"';
}

}  // namespace closecoach
