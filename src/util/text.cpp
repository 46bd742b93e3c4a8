#include <closecoach/text.hpp>
#include <closecoach/utf8.hpp>

#include <utf8proc.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

namespace closecoach {

namespace {

// fast_fold's answers beyond Unicode's range.
constexpr char32_t k_fold_space = 0x110000;  // whitespace: collapses into one space
constexpr char32_t k_fold_slow = 0x110001;   // only utf8proc knows

constexpr char32_t k_cyrillic_yo = 0x0451;
constexpr char32_t k_cyrillic_ie = 0x0435;

constexpr bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

constexpr char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// What NFKC, case folding and the ё fold make of a non-ASCII code point, for
// the scripts reps write in most. Each code point listed here is its own
// NFKC form and composes with none of the others, so mapping them one by one
// equals utf8proc's result (tests check every one of them against it). No
// 4-byte code point is listed: those all take utf8proc's path.
char32_t fast_fold(char32_t cp) {
  if (cp >= 0x4E00 && cp <= 0x9FFF) return cp;  // CJK unified ideographs
  if (cp >= 0x3400 && cp <= 0x4DBF) return cp;  // CJK extension A
  if (cp >= 0x0400 && cp <= 0x045F) {           // basic Cyrillic
    if (cp < 0x0410)
      cp += 0x50;
    else if (cp < 0x0430)
      cp += 0x20;
    return cp == k_cyrillic_yo ? k_cyrillic_ie : cp;
  }
  if (cp >= 0xFF01 && cp <= 0xFF5E) {  // fullwidth ASCII
    return static_cast<char32_t>(ascii_lower(static_cast<char>(cp - 0xFEE0)));
  }
  if (cp == 0x00A0 || cp == 0x3000) return k_fold_space;
  if ((cp >= 0x3001 && cp <= 0x3003) || (cp >= 0x3008 && cp <= 0x3011)) return cp;
  if (cp == 0x2013 || cp == 0x2014 || cp == 0x2018 || cp == 0x2019 || cp == 0x201C ||
      cp == 0x201D) {
    return cp;
  }
  return k_fold_slow;
}

// Writes text with each run of whitespace as one space and none at the ends.
class SpaceCollapser {
 public:
  explicit SpaceCollapser(std::string& out) : m_out(out) {}
  void space() { m_pending = !m_out.empty(); }
  void put(std::string_view bytes) {
    flush();
    m_out.append(bytes);
  }
  void put_code_point(char32_t cp) {
    flush();
    utf8::append(m_out, cp);
  }

 private:
  void flush() {
    if (m_pending) m_out.push_back(' ');
    m_pending = false;
  }
  std::string& m_out;
  bool m_pending = false;
};

// What the fast path does with each byte: an ASCII byte maps to its lower
// case, whitespace to k_space_byte, and any other byte starts a sequence
// for fast_fold (k_other_byte).
constexpr unsigned char k_space_byte = 0x80;
constexpr unsigned char k_other_byte = 0xFF;
constexpr std::array<unsigned char, 256> k_ascii_fold = [] {
  std::array<unsigned char, 256> table{};
  for (std::size_t byte = 0; byte < table.size(); ++byte) {
    const auto c = static_cast<char>(byte);
    table[byte] = byte >= 0x80        ? k_other_byte
                  : is_ascii_space(c) ? k_space_byte
                                      : static_cast<unsigned char>(ascii_lower(c));
  }
  return table;
}();

// Writes the fast path's result into `out`; false (with `out` in any state)
// when `text` holds anything it does not know. The result is never longer
// than `text`, so it is written in place without growing.
bool normalize_quickly(std::string_view text, std::string& out) {
  out.resize(text.size());
  char* const begin = out.data();
  char* end = begin;
  bool pending_space = false;
  const auto flush_space = [&] {
    if (pending_space) *end++ = ' ';
    pending_space = false;
  };
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char folded_byte = k_ascii_fold[static_cast<unsigned char>(text[i])];
    if (folded_byte < 0x80) {
      flush_space();
      *end++ = static_cast<char>(folded_byte);
      ++i;
      continue;
    }
    char32_t folded = k_fold_space;
    if (folded_byte == k_other_byte) {
      const utf8::Decoded decoded = utf8::decode(text, i);
      if (decoded.length == 0) return false;
      folded = fast_fold(decoded.code_point);
      if (folded == k_fold_slow) return false;
      i += decoded.length;
    } else {
      ++i;
    }
    if (folded == k_fold_space) {
      pending_space = end != begin;
      continue;
    }
    flush_space();
    end = utf8::encode(end, folded);
  }
  out.resize(static_cast<std::size_t>(end - begin));
  return true;
}

const utf8proc_uint8_t* as_utf8proc(std::string_view text) {
  return reinterpret_cast<const utf8proc_uint8_t*>(text.data());
}

std::string replace_invalid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8::decode(text, i).length;
    if (length == 0) {
      utf8::append(out, utf8::k_replacement);
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

bool is_unicode_space(char32_t cp) {
  if (cp == 0x85) return true;
  const utf8proc_category_t category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return category == UTF8PROC_CATEGORY_ZS || category == UTF8PROC_CATEGORY_ZL ||
         category == UTF8PROC_CATEGORY_ZP;
}

// The last steps of the general path: whitespace collapsed, ё folded.
// Precondition: `text` is valid UTF-8.
std::string collapse_and_fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  SpaceCollapser writer(out);
  for (std::size_t i = 0; i < text.size();) {
    const auto [cp, length] = utf8::decode(text, i);
    if (length == 1 ? is_ascii_space(text[i]) : is_unicode_space(cp))
      writer.space();
    else if (cp == k_cyrillic_yo)
      writer.put_code_point(k_cyrillic_ie);
    else
      writer.put(text.substr(i, length));
    i += length;
  }
  return out;
}

std::string normalize_slowly(std::string_view text) {
  const std::string valid = replace_invalid_utf8(text);
  utf8proc_uint8_t* mapped = nullptr;
  const auto options = static_cast<utf8proc_option_t>(
      UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STABLE | UTF8PROC_IGNORE);
  const utf8proc_ssize_t length = utf8proc_map(
      as_utf8proc(valid), static_cast<utf8proc_ssize_t>(valid.size()), &mapped, options);
  const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);
  // utf8proc fails on valid input only when out of memory: keep the text as it is.
  if (length < 0 || mapped == nullptr) return collapse_and_fold(valid);
  return collapse_and_fold(
      std::string_view(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length)));
}

// HTML ----------------------------------------------------------------------

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

// A tag found at a '<': its name in lower case ("" for "<!...>" and "<?...>"),
// whether it closes ("</p>"), and the offset just past its '>'.
struct Tag {
  std::string name;
  bool closing = false;
  std::size_t end = 0;
};

// The offset just past the '>' that ends a tag whose attributes start at
// `i`, skipping '>' inside quoted attribute values; npos when there is none.
std::size_t find_tag_end(std::string_view text, std::size_t i) {
  char quote = 0;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// The tag at text[start] == '<', or nullopt when that '<' starts none.
std::optional<Tag> parse_tag(std::string_view text, std::size_t start) {
  Tag tag;
  std::size_t i = start + 1;
  if (i < text.size() && (text[i] == '!' || text[i] == '?')) {
    tag.end = find_tag_end(text, i);
    if (tag.end == std::string_view::npos) return std::nullopt;
    return tag;
  }
  if (i < text.size() && text[i] == '/') {
    tag.closing = true;
    ++i;
  }
  if (i >= text.size() || !is_ascii_letter(text[i])) return std::nullopt;
  while (i < text.size() && (is_ascii_letter(text[i]) || is_ascii_digit(text[i]) ||
                             text[i] == ':' || text[i] == '-')) {
    tag.name.push_back(ascii_lower(text[i++]));
  }
  if (i < text.size() && text[i] != '>' && text[i] != '/' && !is_ascii_space(text[i])) {
    return std::nullopt;  // "<3x" or "a<b.c": not a tag
  }
  tag.end = find_tag_end(text, i);
  if (tag.end == std::string_view::npos) return std::nullopt;
  return tag;
}

bool is_block_tag(std::string_view name) {
  static constexpr std::array<std::string_view, 24> k_block_tags = {
      "address", "article", "aside", "blockquote", "br", "dd",  "div",     "dl",
      "dt",      "footer",  "h1",    "h2",         "h3", "h4",  "h5",      "h6",
      "header",  "hr",      "li",    "ol",         "p",  "pre", "section", "tr"};
  for (std::string_view block : k_block_tags) {
    if (name == block) return true;
  }
  return name == "table" || name == "ul";
}

// A decoded character reference and how many bytes of the text it took.
struct Reference {
  std::string text;
  std::size_t length = 0;
};

std::optional<Reference> parse_numeric_reference(std::string_view text, std::size_t start) {
  std::size_t i = start + 2;
  const bool hex = i < text.size() && (text[i] == 'x' || text[i] == 'X');
  if (hex) ++i;
  const std::size_t digits_start = i;
  std::uint32_t value = 0;
  for (; i < text.size() && i - digits_start < 8; ++i) {
    const char c = ascii_lower(text[i]);
    const bool hex_letter = hex && c >= 'a' && c <= 'f';
    if (!is_ascii_digit(c) && !hex_letter) break;
    const std::uint32_t digit =
        hex_letter ? static_cast<std::uint32_t>(c - 'a' + 10) : static_cast<std::uint32_t>(c - '0');
    value = value * (hex ? 16U : 10U) + digit;
  }
  if (i == digits_start || i >= text.size() || text[i] != ';') return std::nullopt;
  const bool valid = value != 0 && value <= 0x10FFFF && (value < 0xD800 || value > 0xDFFF);
  Reference reference;
  utf8::append(reference.text, valid ? char32_t{value} : utf8::k_replacement);
  reference.length = i + 1 - start;
  return reference;
}

std::optional<Reference> parse_reference(std::string_view text, std::size_t start) {
  if (start + 1 < text.size() && text[start + 1] == '#') {
    return parse_numeric_reference(text, start);
  }
  struct Named {
    std::string_view name;
    std::string_view text;
  };
  static constexpr std::array<Named, 21> k_named = {{
      {"amp", "&"},         {"lt", "<"},         {"gt", ">"},         {"quot", "\""},
      {"apos", "'"},        {"nbsp", " "},       {"mdash", "\u2014"}, {"ndash", "\u2013"},
      {"hellip", "\u2026"}, {"lsquo", "\u2018"}, {"rsquo", "\u2019"}, {"ldquo", "\u201C"},
      {"rdquo", "\u201D"},  {"laquo", "\u00AB"}, {"raquo", "\u00BB"}, {"copy", "\u00A9"},
      {"reg", "\u00AE"},    {"trade", "\u2122"}, {"euro", "\u20AC"},  {"bull", "\u2022"},
      {"middot", "\u00B7"},
  }};
  const std::size_t semicolon = text.find(';', start + 1);
  if (semicolon == std::string_view::npos || semicolon - start > 8) return std::nullopt;
  const std::string_view name = text.substr(start + 1, semicolon - start - 1);
  for (const Named& named : k_named) {
    if (name == named.name) return Reference{std::string(named.text), semicolon + 1 - start};
  }
  return std::nullopt;
}

// Where the content of <script> or <style> opened before `i` ends: just past
// its closing tag, or the end of the text when it is never closed.
std::size_t skip_raw_text(std::string_view text, std::size_t i, std::string_view name) {
  for (i = text.find("</", i); i != std::string_view::npos; i = text.find("</", i + 2)) {
    if (iequals(text.substr(i + 2, name.size()), name)) {
      if (auto tag = parse_tag(text, i)) return tag->end;
    }
  }
  return text.size();
}

void append_line_break(std::string& out) {
  if (!out.empty() && out.back() != '\n') out.push_back('\n');
}

// Handles the '<' at text[i]; returns the offset to go on from.
std::size_t strip_tag(std::string_view text, std::size_t i, std::string& out) {
  if (text.substr(i, 4) == "<!--") {
    const std::size_t end = text.find("-->", i + 4);
    return end == std::string_view::npos ? text.size() : end + 3;
  }
  const std::optional<Tag> tag = parse_tag(text, i);
  if (!tag) {
    out.push_back('<');
    return i + 1;
  }
  if (!tag->closing && (tag->name == "script" || tag->name == "style")) {
    return skip_raw_text(text, tag->end, tag->name);
  }
  if (is_block_tag(tag->name)) {
    append_line_break(out);
  } else if ((tag->name == "td" || tag->name == "th") && !out.empty() && out.back() != ' ' &&
             out.back() != '\n') {
    out.push_back(' ');
  }
  return tag->end;
}

}  // namespace

void normalize_for_matching(std::string_view text, std::string& out) {
  if (!normalize_quickly(text, out)) out = normalize_slowly(text);
}

std::string normalize_for_matching(std::string_view text) {
  std::string out;
  normalize_for_matching(text, out);
  return out;
}

bool looks_like_html(std::string_view text) {
  for (std::size_t i = text.find_first_of("<&"); i != std::string_view::npos;
       i = text.find_first_of("<&", i + 1)) {
    if (text[i] == '<' ? parse_tag(text, i).has_value() : parse_reference(text, i).has_value()) {
      return true;
    }
  }
  return false;
}

std::string strip_html(std::string_view text) {
  if (!looks_like_html(text)) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '<') {
      i = strip_tag(text, i, out);
    } else if (auto reference = text[i] == '&' ? parse_reference(text, i) : std::nullopt) {
      out += reference->text;
      i += reference->length;
    } else {
      out.push_back(text[i++]);
    }
  }
  return out;
}

std::string_view trim_space(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace closecoach
