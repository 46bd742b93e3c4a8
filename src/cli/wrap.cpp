#include "wrap.hpp"

#include <closecoach/utf8.hpp>

#include <sys/ioctl.h>

#include <charconv>
#include <cstdlib>
#include <cstring>

namespace closecoach::cli {

std::size_t terminal_width(int fd) {
  winsize size{};
  if (fd >= 0 && ::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  if (const char* columns = std::getenv("COLUMNS"); columns != nullptr) {
    std::size_t value = 0;
    const char* end = columns + std::strlen(columns);
    const auto [stop, error] = std::from_chars(columns, end, value);
    if (error == std::errc() && stop == end && value > 0) return value;
  }
  return 80;
}

namespace {

// Narrower than this, a line holds too little to be worth breaking further.
constexpr std::size_t k_min_width = 8;

// Punctuation that must not start a line (it closes what came before) or
// end one (it opens what follows).
bool closes(char32_t c) {
  constexpr std::u32string_view k_closing = U"，。、：；！？）」』》〉】〕”’…·,.:;!?)]}%";
  return k_closing.find(c) != std::u32string_view::npos;
}
bool opens(char32_t c) {
  constexpr std::u32string_view k_opening = U"（「『《〈【〔“‘([{";
  return k_opening.find(c) != std::u32string_view::npos;
}

// A run of text no line break may fall inside.
struct Atom {
  std::string text;
  std::size_t width = 0;
  bool space_before = false;  // a space separates it from the atom before
};

// The length of the escape sequence at text[i] (ESC [ ... final byte).
std::size_t escape_length(std::string_view text, std::size_t i) {
  std::size_t end = i + 1;
  if (end < text.size() && text[end] == '[') {
    ++end;
    while (end < text.size() && !(text[end] >= 0x40 && text[end] <= 0x7E)) ++end;
  }
  return std::min(end + 1, text.size()) - i;
}

class Atomizer {
 public:
  std::vector<Atom> split(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
      if (text[i] == '\x1b') {
        const std::size_t length = escape_length(text, i);
        start_atom();
        m_current.text.append(text.substr(i, length));
        i += length;
        continue;
      }
      if (text[i] == ' ') {
        finish_atom();
        m_space = true;
        ++i;
        continue;
      }
      const utf8::Decoded decoded = utf8::decode(text, i);
      const std::size_t length = decoded.length == 0 ? 1 : decoded.length;
      add(decoded.code_point, text.substr(i, length));
      i += length;
    }
    finish_atom();
    return std::move(m_atoms);
  }
  bool trailing_space() const { return m_space; }

 private:
  void add(char32_t c, std::string_view bytes) {
    const bool wide = utf8::display_width(c) == 2 || utf8::display_width(m_previous) == 2;
    if (m_current.width > 0 && wide && !closes(c) && !opens(m_previous)) finish_atom();
    start_atom();
    m_current.text.append(bytes);
    m_current.width += utf8::display_width(c);
    m_previous = c;
  }
  void start_atom() {
    if (m_started) return;
    m_started = true;
    m_current.space_before = m_space;
    m_space = false;
  }
  void finish_atom() {
    if (m_started) m_atoms.push_back(std::move(m_current));
    m_current = {};
    m_started = false;
  }

  std::vector<Atom> m_atoms;
  Atom m_current;
  bool m_started = false;
  bool m_space = false;
  char32_t m_previous = 0;
};

// The leading spaces of `line` and a list marker after them, if any.
std::size_t hanging_prefix(std::string_view line) {
  std::size_t i = line.find_first_not_of(' ');
  if (i == std::string_view::npos) return 0;
  const std::size_t spaces = i;
  if (i + 1 < line.size() && std::strchr(">-!*x~", line[i]) != nullptr && line[i + 1] == ' ')
    return i + 2;
  while (i < line.size() && line[i] >= '0' && line[i] <= '9') ++i;
  if (i > spaces && i + 1 < line.size() && (line[i] == ')' || line[i] == '.') && line[i + 1] == ' ')
    return i + 2;
  return spaces;
}

class LineBreaker {
 public:
  LineBreaker(std::size_t width, std::size_t indent, std::string& out)
      : m_width(width), m_indent(indent), m_out(out) {}

  void start(std::string_view prefix) {
    m_out.append(prefix);
    m_column = prefix.size();
  }

  void place(const Atom& atom) {
    const std::size_t space = atom.space_before && !m_empty ? 1 : 0;
    if (!m_empty && m_column + space + atom.width > m_width) new_line();
    if (m_empty && m_column + atom.width > m_width) return place_split(atom);
    if (atom.space_before && !m_empty) m_out += ' ';
    m_out.append(atom.text);
    m_column += (atom.space_before && !m_empty ? 1 : 0) + atom.width;
    m_empty = false;
  }

  void end(bool trailing_space) {
    if (trailing_space && m_column < m_width) m_out += ' ';
  }

 private:
  void new_line() {
    m_out += '\n';
    m_out.append(m_indent, ' ');
    m_column = m_indent;
    m_empty = true;
  }

  // A word wider than a whole line: broken between its characters.
  void place_split(const Atom& atom) {
    for (std::size_t i = 0; i < atom.text.size();) {
      const utf8::Decoded decoded = utf8::decode(atom.text, i);
      const std::size_t length = atom.text[i] == '\x1b' ? escape_length(atom.text, i)
                                                        : std::max<std::size_t>(decoded.length, 1);
      const std::size_t cells =
          atom.text[i] == '\x1b' ? 0 : utf8::display_width(decoded.code_point);
      if (!m_empty && m_column + cells > m_width) new_line();
      m_out.append(atom.text, i, length);
      m_column += cells;
      m_empty = m_empty && cells == 0;
      i += length;
    }
  }

  std::size_t m_width;
  std::size_t m_indent;
  std::string& m_out;
  std::size_t m_column = 0;
  bool m_empty = true;
};

std::size_t visible_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '\x1b') {
      i += escape_length(text, i);
      continue;
    }
    const utf8::Decoded decoded = utf8::decode(text, i);
    width += utf8::display_width(decoded.code_point);
    i += std::max<std::size_t>(decoded.length, 1);
  }
  return width;
}

void wrap_line(std::string_view line, std::size_t width, std::string& out) {
  if (visible_width(line) <= width) {
    out.append(line);
    return;
  }
  std::size_t prefix = hanging_prefix(line);
  if (2 * prefix > width) prefix = 0;
  Atomizer atomizer;
  const std::vector<Atom> atoms = atomizer.split(line.substr(prefix));
  LineBreaker breaker(width, prefix, out);
  breaker.start(line.substr(0, prefix));
  for (const Atom& atom : atoms) breaker.place(atom);
  breaker.end(atomizer.trailing_space());
}

}  // namespace

std::string wrap_text(std::string_view text, std::size_t width) {
  width = std::max(width, k_min_width);
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t start = 0;;) {
    const std::size_t end = text.find('\n', start);
    wrap_line(text.substr(start, end == std::string_view::npos ? text.size() - start : end - start),
              width, out);
    if (end == std::string_view::npos) return out;
    out += '\n';
    start = end + 1;
  }
}

std::string wrap_command(const std::vector<std::string>& words, std::size_t indent,
                         std::size_t width) {
  constexpr std::string_view k_continue = " \\";
  std::string out(indent, ' ');
  std::size_t column = indent;
  bool empty = true;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    const std::size_t cells = utf8::display_width(word);
    const std::size_t room = i + 1 < words.size() ? k_continue.size() : 0;  // for the " \"
    if (!empty && column + 1 + cells + room > width) {
      out.append(k_continue);
      out += '\n';
      out.append(indent + 4, ' ');
      column = indent + 4;
      empty = true;
    }
    if (!empty) {
      out += ' ';
      ++column;
    }
    out.append(word);
    column += cells;
    empty = false;
  }
  return out;
}

}  // namespace closecoach::cli
