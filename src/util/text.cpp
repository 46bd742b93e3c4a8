#include <closecoach/text.hpp>
#include <closecoach/utf8.hpp>

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

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

bool is_unicode_space(char32_t cp) {
  if (cp == 0x85) return true;
  const utf8proc_category_t category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return category == UTF8PROC_CATEGORY_ZS || category == UTF8PROC_CATEGORY_ZL ||
         category == UTF8PROC_CATEGORY_ZP;
}

constexpr auto k_normalize_options = static_cast<utf8proc_option_t>(
    UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STABLE | UTF8PROC_IGNORE);

// Room for what one code point decomposes into (U+FDFA gives 18).
constexpr std::size_t k_decomposition_room = 32;

// Runs of marks up to this long are put in order by insertion sort, longer
// ones by a counting sort, so that ordering stays linear however long a run.
constexpr std::ptrdiff_t k_short_run = 32;

using CodePoints = std::vector<utf8proc_int32_t>;

int combining_class(utf8proc_int32_t cp) { return utf8proc_get_property(cp)->combining_class; }

// `text` decomposed as utf8proc_decompose does with k_normalize_options
// (compatibility forms, case folding, ignorables dropped), each byte that is
// not part of valid UTF-8 read as U+FFFD; the marks are not yet in order.
CodePoints decompose(std::string_view text) {
  CodePoints out(text.size() + k_decomposition_room);
  std::size_t length = 0;
  int boundclass = UTF8PROC_BOUNDCLASS_START;
  for (std::size_t i = 0; i < text.size();) {
    const utf8::Decoded decoded = utf8::decode(text, i);
    const char32_t cp = decoded.length == 0 ? utf8::k_replacement : decoded.code_point;
    i += std::max<std::size_t>(decoded.length, 1);
    if (out.size() - length < k_decomposition_room) out.resize(out.size() * 2);
    const utf8proc_ssize_t written = utf8proc_decompose_char(
        static_cast<utf8proc_int32_t>(cp), out.data() + length,
        static_cast<utf8proc_ssize_t>(k_decomposition_room), k_normalize_options, &boundclass);
    // Only a code point past U+10FFFF fails, and decode() gives none.
    if (written > 0) length += static_cast<std::size_t>(written);
  }
  out.resize(length);
  return out;
}

// A run of marks (no combining class 0) sorted by combining class, stably.
void sort_marks(utf8proc_int32_t* begin, utf8proc_int32_t* end) {
  if (end - begin <= k_short_run) {
    for (utf8proc_int32_t* next = begin + 1; next < end; ++next) {
      const utf8proc_int32_t mark = *next;
      const int mark_class = combining_class(mark);
      utf8proc_int32_t* place = next;
      for (; place > begin && combining_class(place[-1]) > mark_class; --place) *place = place[-1];
      *place = mark;
    }
    return;
  }
  std::array<std::size_t, 256> place{};
  for (const utf8proc_int32_t* mark = begin; mark < end; ++mark) {
    ++place[static_cast<std::size_t>(combining_class(*mark))];
  }
  std::size_t total = 0;
  for (std::size_t& count : place) total += std::exchange(count, total);
  const CodePoints marks(begin, end);
  for (const utf8proc_int32_t mark : marks) {
    begin[place[static_cast<std::size_t>(combining_class(mark))]++] = mark;
  }
}

// Unicode's canonical ordering: each run of marks sorted by combining class.
// It gives what utf8proc_decompose gives, whose bubble sort takes time
// quadratic in the length of a run.
void order_marks(CodePoints& text) {
  utf8proc_int32_t* const end = text.data() + text.size();
  for (utf8proc_int32_t* run = text.data(); run < end;) {
    if (combining_class(*run) == 0) {
      ++run;
      continue;
    }
    utf8proc_int32_t* run_end = run + 1;
    while (run_end < end && combining_class(*run_end) != 0) ++run_end;
    sort_marks(run, run_end);
    run = run_end;
  }
}

// The last steps of the general path: whitespace collapsed, ё folded.
void collapse_and_fold(const utf8proc_int32_t* text, std::size_t length, std::string& out) {
  out.clear();
  out.reserve(length);
  SpaceCollapser writer(out);
  for (const utf8proc_int32_t* cp = text; cp < text + length; ++cp) {
    const auto value = static_cast<char32_t>(*cp);
    if (value < 0x80 ? is_ascii_space(static_cast<char>(value)) : is_unicode_space(value))
      writer.space();
    else
      writer.put_code_point(value == k_cyrillic_yo ? k_cyrillic_ie : value);
  }
}

// utf8proc_map's NFKC and case folding, in three steps of which utf8proc
// does the first and the last, and in time linear in the text.
void normalize_slowly(std::string_view text, std::string& out) {
  CodePoints code_points = decompose(text);
  order_marks(code_points);
  const utf8proc_ssize_t length = utf8proc_normalize_utf32(
      code_points.data(), static_cast<utf8proc_ssize_t>(code_points.size()), k_normalize_options);
  collapse_and_fold(code_points.data(),
                    static_cast<std::size_t>(std::max<utf8proc_ssize_t>(length, 0)), out);
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

// Where the tags of one text end. A tag runs to the first '>' outside a
// quoted attribute value, so a '<' that opens none (no '>' after it) would
// send every search to the end of the text. Here each search starts where
// the last one found a '>' or a quote, and the quotes that lead to no '>'
// are remembered, so that no search follows them again. For the time to
// stay linear, offsets asked about must not go backwards, and no search may
// go back inside a tag that was found.
class TagEnds {
 public:
  explicit TagEnds(std::string_view text) : m_text(text) {}
  std::string_view text() const { return m_text; }

  // The offset just past the '>' that ends a tag whose attributes start at
  // `i`, skipping '>' inside quoted attribute values; npos when there is none.
  std::size_t from(std::size_t i) {
    if (m_asked == std::string_view::npos || i < m_asked || i > m_special) {
      m_special = find_special(i);
    }
    m_asked = i;
    const std::size_t end = follow(m_special, false);
    if (end == std::string_view::npos) follow(m_special, true);
    return end;
  }

 private:
  // The first '>' or quote at or after `i`, or npos.
  std::size_t find_special(std::size_t i) const {
    for (; i < m_text.size(); ++i) {
      const char c = m_text[i];
      if (c == '>' || c == '"' || c == '\'') return i;
    }
    return std::string_view::npos;
  }

  // From `at` (a '>', a quote, or npos), over quoted values, to just past
  // the '>' that ends the tag; when `remember`, each quote on the way is
  // marked as leading nowhere.
  std::size_t follow(std::size_t at, bool remember) {
    while (at != std::string_view::npos && m_text[at] != '>') {
      if (m_dead_ends.count(at) != 0) return std::string_view::npos;
      if (remember) m_dead_ends.insert(at);
      const std::size_t closing = m_text.find(m_text[at], at + 1);
      if (closing == std::string_view::npos) return std::string_view::npos;
      at = find_special(closing + 1);
    }
    return at == std::string_view::npos ? at : at + 1;
  }

  std::string_view m_text;
  std::size_t m_asked = std::string_view::npos;    // the offset from() was last asked
  std::size_t m_special = std::string_view::npos;  // the first '>' or quote at or after it
  std::unordered_set<std::size_t> m_dead_ends;     // quotes after which no '>' ends a tag
};

// The tag at text[start] == '<', or nullopt when that '<' starts none.
std::optional<Tag> parse_tag(TagEnds& ends, std::size_t start) {
  const std::string_view text = ends.text();
  Tag tag;
  std::size_t i = start + 1;
  if (i < text.size() && (text[i] == '!' || text[i] == '?')) {
    tag.end = ends.from(i);
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
  tag.end = ends.from(i);
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
  // The ';' is looked for only in the next 8 bytes (room for the longest
  // name), so that "&&&&…" is not read to its end at every '&'.
  const std::size_t length = text.substr(start + 1, 8).find(';');
  if (length == std::string_view::npos) return std::nullopt;
  const std::string_view name = text.substr(start + 1, length);
  for (const Named& named : k_named) {
    if (name == named.name) return Reference{std::string(named.text), length + 2};
  }
  return std::nullopt;
}

// Where the content of <script> or <style> opened before `i` ends: just past
// its closing tag, or the end of the text when it is never closed.
std::size_t skip_raw_text(TagEnds& ends, std::size_t i, std::string_view name) {
  const std::string_view text = ends.text();
  for (i = text.find("</", i); i != std::string_view::npos; i = text.find("</", i + 2)) {
    if (iequals(text.substr(i + 2, name.size()), name)) {
      if (auto tag = parse_tag(ends, i)) return tag->end;
    }
  }
  return text.size();
}

void append_line_break(std::string& out) {
  if (!out.empty() && out.back() != '\n') out.push_back('\n');
}

// Handles the '<' at text[i]; returns the offset to go on from.
std::size_t strip_tag(TagEnds& ends, std::size_t i, std::string& out) {
  const std::string_view text = ends.text();
  if (text.substr(i, 4) == "<!--") {
    const std::size_t end = text.find("-->", i + 4);
    return end == std::string_view::npos ? text.size() : end + 3;
  }
  const std::optional<Tag> tag = parse_tag(ends, i);
  if (!tag) {
    out.push_back('<');
    return i + 1;
  }
  if (!tag->closing && (tag->name == "script" || tag->name == "style")) {
    return skip_raw_text(ends, tag->end, tag->name);
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
  if (!normalize_quickly(text, out)) normalize_slowly(text, out);
}

std::string normalize_for_matching(std::string_view text) {
  std::string out;
  normalize_for_matching(text, out);
  return out;
}

namespace {

bool is_line_break(char32_t cp) {
  return cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' || cp == 0x85 || cp == 0x2028 ||
         cp == 0x2029;
}

bool is_whitespace(char32_t cp) {
  return cp < 0x80 ? is_ascii_space(static_cast<char>(cp)) : is_unicode_space(cp);
}

// Writes a note's normalised characters with their origins, each run of
// whitespace as one space or line break, none at either end.
class OriginWriter {
 public:
  explicit OriginWriter(NormalizedNote& out) : m_out(out) {}

  void whitespace(char32_t cp, std::size_t origin) {
    if (m_out.text.empty()) return;
    if (!m_pending) m_pending_origin = origin;
    m_pending = true;
    m_line_break = m_line_break || is_line_break(cp);
  }
  void put(std::string_view bytes, std::size_t origin) {
    if (bytes.empty()) return;
    flush();
    m_out.origins.map(m_out.text.size(), origin);
    m_out.text += bytes;
  }
  void put(char byte, std::size_t origin) {
    flush();
    m_out.origins.map(m_out.text.size(), origin);
    m_out.text.push_back(byte);
  }

 private:
  void flush() {
    if (!m_pending) return;
    m_out.origins.map(m_out.text.size(), m_pending_origin);
    m_out.text.push_back(m_line_break ? '\n' : ' ');
    m_pending = m_line_break = false;
  }
  NormalizedNote& m_out;
  bool m_pending = false;
  bool m_line_break = false;
  std::size_t m_pending_origin = 0;
};

// How many bytes from `at` hold the combining marks after a character.
// (ASCII and the code points fast_fold knows are never marks: most notes
// never ask utf8proc.)
std::size_t marks_after(std::string_view note, std::size_t at) {
  if (at >= note.size() || static_cast<unsigned char>(note[at]) < 0x80) return 0;
  if (const utf8::Decoded next = utf8::decode(note, at);
      next.length != 0 && fast_fold(next.code_point) != k_fold_slow)
    return 0;
  std::size_t end = at;
  while (end < note.size()) {
    const utf8::Decoded decoded = utf8::decode(note, end);
    if (decoded.length == 0 ||
        combining_class(static_cast<utf8proc_int32_t>(decoded.code_point)) == 0)
      break;
    end += decoded.length;
  }
  return end - at;
}

}  // namespace

namespace {

// normalize_note for text made only of what fast_fold knows, as
// normalize_quickly; false (with `out` in any state) for any other text. The
// origins only change run where the text changes size: at collapsed
// whitespace and fullwidth forms.
bool normalize_note_quickly(std::string_view note, NormalizedNote& out) {
  out.text.resize(note.size());
  char* const begin = out.text.data();
  char* end = begin;
  bool pending_space = false, pending_break = false;
  std::size_t space_origin = 0;
  // Most characters keep the run going (the same distance between a byte
  // and its origin): the map is only told when that distance changes.
  std::size_t run_distance = SIZE_MAX;
  const auto map = [&](std::size_t source) {
    const std::size_t made = static_cast<std::size_t>(end - begin);
    if (source - made == run_distance) return;
    out.origins.map(made, source);
    run_distance = source - made;
  };
  const auto flush_space = [&] {
    if (!pending_space) return;
    map(space_origin);
    *end++ = pending_break ? '\n' : ' ';
    pending_space = pending_break = false;
  };
  for (std::size_t i = 0; i < note.size();) {
    const unsigned char folded_byte = k_ascii_fold[static_cast<unsigned char>(note[i])];
    if (folded_byte < 0x80) {
      flush_space();
      map(i);
      // A run of ASCII letters, digits and punctuation keeps the distance.
      unsigned char next = folded_byte;
      do {
        *end++ = static_cast<char>(next);
        ++i;
      } while (i < note.size() &&
               (next = k_ascii_fold[static_cast<unsigned char>(note[i])]) < 0x80);
      continue;
    }
    char32_t folded = k_fold_space;
    const std::size_t start = i;
    bool line_break = false;
    if (folded_byte == k_other_byte) {
      const utf8::Decoded decoded = utf8::decode(note, i);
      if (decoded.length == 0) return false;
      folded = fast_fold(decoded.code_point);
      if (folded == k_fold_slow) return false;
      i += decoded.length;
    } else {
      line_break = note[i] == '\n' || note[i] == '\r' || note[i] == '\v' || note[i] == '\f';
      ++i;
    }
    if (folded == k_fold_space) {
      if (end == begin) continue;
      if (!pending_space) space_origin = start;
      pending_space = true;
      pending_break = pending_break || line_break;
      continue;
    }
    flush_space();
    map(start);
    end = utf8::encode(end, folded);  // a size change shows in the next distance
  }
  out.text.resize(static_cast<std::size_t>(end - begin));
  out.origins.map(out.text.size(), note.size());
  return true;
}

}  // namespace

void normalize_note(std::string_view note, NormalizedNote& out) {
  out.origins.clear();
  if (normalize_note_quickly(note, out)) return;
  out.text.clear();
  out.origins.clear();
  out.text.reserve(note.size());
  OriginWriter writer(out);
  std::string piece;
  char buffer[utf8::k_max_length];
  for (std::size_t i = 0; i < note.size();) {
    const unsigned char byte = k_ascii_fold[static_cast<unsigned char>(note[i])];
    if (byte < 0x80 && marks_after(note, i + 1) == 0) {
      writer.put(static_cast<char>(byte), i++);
      continue;
    }
    if (byte == k_space_byte && marks_after(note, i + 1) == 0) {
      writer.whitespace(static_cast<unsigned char>(note[i]), i);
      ++i;
      continue;
    }
    const utf8::Decoded decoded = utf8::decode(note, i);
    const std::size_t length = std::max<std::size_t>(decoded.length, 1);
    const char32_t cp = decoded.length == 0 ? utf8::k_replacement : decoded.code_point;
    const char32_t folded = fast_fold(cp);
    const std::size_t marks = marks_after(note, i + length);
    if (folded == k_fold_space || (folded == k_fold_slow && marks == 0 && is_whitespace(cp))) {
      writer.whitespace(cp, i);
    } else if (folded != k_fold_slow && marks == 0) {
      char* end = utf8::encode(buffer, folded);
      writer.put(std::string_view(buffer, static_cast<std::size_t>(end - buffer)), i);
    } else {
      normalize_slowly(note.substr(i, length + marks), piece);
      writer.put(piece, i);
    }
    i += length + marks;
  }
  out.origins.map(out.text.size(), note.size());
}

void OffsetMap::start_run(std::size_t made, std::size_t source) {
  if (!m_runs.empty() && m_runs.back().made == made) m_runs.pop_back();  // nothing came from it
  m_runs.push_back({static_cast<std::uint32_t>(made), static_cast<std::uint32_t>(source)});
}

std::size_t OffsetMap::operator()(std::size_t made) const {
  const auto after = std::upper_bound(m_runs.begin(), m_runs.end(), made,
                                      [](std::size_t at, const Run& run) { return at < run.made; });
  if (after == m_runs.begin()) return made;
  const Run& run = *(after - 1);
  return run.source + (made - run.made);
}

bool OffsetMap::release_above(std::size_t bytes) {
  if (m_runs.capacity() * sizeof(Run) <= bytes) return false;
  std::vector<Run>().swap(m_runs);
  return true;
}

bool looks_like_html(std::string_view text) {
  TagEnds ends(text);
  for (std::size_t i = text.find_first_of("<&"); i != std::string_view::npos;
       i = text.find_first_of("<&", i + 1)) {
    if (text[i] == '<' ? parse_tag(ends, i).has_value() : parse_reference(text, i).has_value()) {
      return true;
    }
  }
  return false;
}

std::string strip_html(std::string_view text, OffsetMap* origins) {
  std::string out;
  if (origins != nullptr) origins->clear();
  if (!looks_like_html(text)) {
    out = text;
    if (origins != nullptr) origins->map(0, 0);
    return out;
  }
  TagEnds ends(text);
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (origins != nullptr) origins->map(out.size(), i);
    if (text[i] == '<') {
      i = strip_tag(ends, i, out);
    } else if (auto reference = text[i] == '&' ? parse_reference(text, i) : std::nullopt) {
      out += reference->text;
      i += reference->length;
    } else {
      out.push_back(text[i++]);
    }
  }
  if (origins != nullptr) origins->map(out.size(), text.size());
  return out;
}

std::string_view trim_space(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace closecoach
