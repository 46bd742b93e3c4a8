#pragma once
// UTF-8, in one place: what its bytes mean, how code points are read and
// written, and how many columns and terminal cells a text takes. The
// functions that run once per byte on hot paths (JSON escaping, note
// normalisation, signal matching) are inline here; none allocates except
// append(), none throws.

#include <cstddef>
#include <string>
#include <string_view>

namespace closecoach::utf8 {

// What stands for bytes that are not well-formed UTF-8.
inline constexpr char32_t k_replacement = 0xFFFD;

// The most bytes one code point takes.
inline constexpr std::size_t k_max_length = 4;

// Whether `c` is a continuation byte (10xxxxxx): one that never starts a code
// point. Every other byte starts one, well-formed or not.
constexpr bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The length in bytes of the sequence that `lead` announces by its high bits:
// 1 for ASCII, 2 for 0xC0-0xDF, 3 for 0xE0-0xEF, 4 for 0xF0-0xFF. A
// continuation byte announces nothing and stands alone: 1. This says nothing
// of whether the sequence is well-formed (0xC0, 0xC1 and 0xF5-0xFF never
// start one, and the bytes that follow may be wrong or missing): decode()
// decides that.
constexpr std::size_t sequence_length(char lead) {
  const auto byte = static_cast<unsigned char>(lead);
  return byte < 0xC0 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
}

// The number of bytes encode() writes for `code_point` (1-4).
constexpr std::size_t encoded_length(char32_t code_point) {
  return code_point < 0x80 ? 1 : code_point < 0x800 ? 2 : code_point < 0x10000 ? 3 : 4;
}

// A code point read from a text, and the bytes it took there.
struct Decoded {
  char32_t code_point = k_replacement;
  std::size_t length = 0;  // 1-4; 0 when nothing well-formed was there
};

// The code point whose sequence starts at text[offset], and its length.
// Well-formed is what Unicode's table 3-7 (and utf8proc_iterate) accepts.
// Otherwise returns {k_replacement, 0}: when `offset` is at or past the end,
// the byte there is a continuation byte or 0xC0, 0xC1, 0xF5-0xFF, a
// continuation byte is missing (cut short by another byte or by the end of
// `text`), or the sequence is an overlong form, a surrogate (U+D800-U+DFFF)
// or past U+10FFFF. A caller that goes on past such bytes skips one byte and
// decodes again, as replacing them by U+FFFD one byte at a time does.
inline Decoded decode(std::string_view text, std::size_t offset) {
  if (offset >= text.size()) return {};
  const auto lead = static_cast<unsigned char>(text[offset]);
  if (lead < 0x80) return {char32_t{lead}, 1};
  // Table 3-7: each byte after the lead is 0x80-0xBF, except that the second
  // byte's range narrows after E0, ED, F0 and F4.
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead < 0xC2 || lead > 0xF4) return {};
  if (lead == 0xE0)
    low = 0xA0;  // overlong
  else if (lead == 0xED)
    high = 0x9F;  // surrogates
  else if (lead == 0xF0)
    low = 0x90;  // overlong
  else if (lead == 0xF4)
    high = 0x8F;  // past U+10FFFF
  const std::size_t length = sequence_length(text[offset]);
  if (text.size() - offset < length) return {};
  const auto second = static_cast<unsigned char>(text[offset + 1]);
  if (second < low || second > high) return {};
  char32_t code_point = (char32_t{lead} & (0x7Fu >> length)) << 6 | (char32_t{second} & 0x3F);
  for (std::size_t k = 2; k < length; ++k) {
    const char next = text[offset + k];
    if (!is_continuation(next)) return {};
    code_point = code_point << 6 | (char32_t{static_cast<unsigned char>(next)} & 0x3F);
  }
  return {code_point, length};
}

// Writes the UTF-8 sequence of `code_point` (1-4 bytes) at `out`, which has
// room for k_max_length bytes, and returns the end of what it wrote.
// Precondition: code_point <= U+10FFFF. A surrogate is written as its three
// bytes, which are not well-formed: code points from outside are checked first.
inline char* encode(char* out, char32_t code_point) {
  const auto byte = [](char32_t bits) { return static_cast<char>(bits); };
  if (code_point < 0x80) {
    *out++ = byte(code_point);
  } else if (code_point < 0x800) {
    *out++ = byte(0xC0 | (code_point >> 6));
    *out++ = byte(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    *out++ = byte(0xE0 | (code_point >> 12));
    *out++ = byte(0x80 | ((code_point >> 6) & 0x3F));
    *out++ = byte(0x80 | (code_point & 0x3F));
  } else {
    *out++ = byte(0xF0 | (code_point >> 18));
    *out++ = byte(0x80 | ((code_point >> 12) & 0x3F));
    *out++ = byte(0x80 | ((code_point >> 6) & 0x3F));
    *out++ = byte(0x80 | (code_point & 0x3F));
  }
  return out;
}

// Appends the UTF-8 sequence of `code_point` to `out`, as encode() writes it
// (same precondition).
inline void append(std::string& out, char32_t code_point) {
  char bytes[k_max_length];
  out.append(bytes, encode(bytes, code_point));
}

// The number of code points in `text`, counted as its bytes that are not
// continuation bytes: each well-formed sequence counts one; of ill-formed
// bytes, each that is not a continuation byte counts one and the others none.
std::size_t count(std::string_view text);

// The 1-based column of the byte at `byte_offset` in `line`, as diagnostics
// report columns (Diagnostic::column): one more than the code points before
// it, counted as count() counts them. Columns count code points, not terminal
// cells: a CJK character is one column here and two cells by display_width().
// A `byte_offset` at or past the end gives the column just past the line.
std::size_t column_at(std::string_view line, std::size_t byte_offset);

// The terminal cells `code_point` takes: 2 for East Asian wide and fullwidth
// ones (Hangul Jamo U+1100-U+115F, CJK and Yi U+2E80-U+A4CF, Hangul syllables
// U+AC00-U+D7A3, CJK compatibility ideographs U+F900-U+FAFF, CJK compatibility
// forms U+FE30-U+FE4F, fullwidth forms U+FF00-U+FF60 and U+FFE0-U+FFE6,
// pictographs U+1F300-U+1FAFF, planes 2 and 3 U+20000-U+3FFFD), 1 for every
// other one, control and combining characters included.
constexpr std::size_t display_width(char32_t code_point) {
  const char32_t c = code_point;
  const bool wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
                    (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
                    (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
                    (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1FAFF) ||
                    (c >= 0x20000 && c <= 0x3FFFD);
  return wide ? 2 : 1;
}

// The terminal cells `text` takes: the sum of display_width() over its code
// points. Ill-formed bytes take what count() counts for them: one cell for
// each byte that is not a continuation byte.
std::size_t display_width(std::string_view text);

// Whether `code_point` must never reach a terminal as it is: a C0 control,
// DEL, a C1 control (U+0080-U+009F), the line and paragraph separators
// (U+2028, U+2029), or a bidirectional override or isolate (U+202A-U+202E,
// U+2066-U+2069): what can clear a screen, move the cursor, break a line or
// reorder what a line shows.
constexpr bool is_terminal_control(char32_t code_point) {
  const char32_t c = code_point;
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x2028 && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

// `text` made safe to show on a terminal, on one line: each code point that
// is_terminal_control() names is written as an escape (\n, \r, \t, \x1b for
// the other C0 controls and DEL, \u0085 and \u202e for C1 controls and bidi
// controls), and each ill-formed byte as \xe9. Everything else, backslashes
// included, is kept as it is, so text without such characters comes back
// unchanged (escaping twice changes nothing more).
std::string escape_for_terminal(std::string_view text);

}  // namespace closecoach::utf8
