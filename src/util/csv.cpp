#include <closecoach/csv.hpp>
#include <closecoach/text.hpp>
#include <closecoach/utf8.hpp>

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <istream>

namespace closecoach {

namespace {

constexpr std::size_t k_chunk_bytes = std::size_t{64} * 1024;
constexpr std::string_view k_byte_order_mark = "\xEF\xBB\xBF";

bool is_line_end(char c) { return c == '\n' || c == '\r'; }

// The character at text[offset] as a message shows it: 'x', or its code.
std::string describe_character(std::string_view text, std::size_t offset) {
  const auto byte = static_cast<unsigned char>(text[offset]);
  if (byte >= 0x20 && byte < 0x7F) return fmt::format("'{}'", text[offset]);
  if (byte < 0x80) return fmt::format("character 0x{:02X}", byte);
  std::size_t end = offset + 1;
  while (end < text.size() && end - offset < utf8::k_max_length && utf8::is_continuation(text[end]))
    ++end;
  return quote(text.substr(offset, end - offset));
}

// Turns the UTF-16 code units at the start of `raw` into UTF-8 appended to
// `out`, and returns how many bytes it used: all of them at the end of the
// input, else all but an odd last byte or a high surrogate whose partner may
// still come. Unpaired surrogates become U+FFFD.
std::size_t decode_utf16(std::string_view raw, bool big_endian, bool at_end, std::string& out) {
  const auto unit_at = [&](std::size_t i) {
    const auto first = static_cast<unsigned char>(raw[i]);
    const auto second = static_cast<unsigned char>(raw[i + 1]);
    return static_cast<char32_t>(big_endian ? first << 8 | second : second << 8 | first);
  };
  std::size_t i = 0;
  while (i + 1 < raw.size()) {
    const char32_t unit = unit_at(i);
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      if (i + 3 >= raw.size() && !at_end) break;  // its partner is in the next chunk
      const char32_t next = i + 3 < raw.size() ? unit_at(i + 2) : 0;
      if (next >= 0xDC00 && next <= 0xDFFF) {
        utf8::append(out, 0x10000 + ((unit - 0xD800) << 10) + (next - 0xDC00));
        i += 4;
        continue;
      }
    }
    const bool surrogate = unit >= 0xD800 && unit <= 0xDFFF;
    utf8::append(out, surrogate ? utf8::k_replacement : unit);
    i += 2;
  }
  if (at_end && i < raw.size()) {
    utf8::append(out, utf8::k_replacement);  // an odd last byte
    i = raw.size();
  }
  return i;
}

// Windows-1252's 0x80-0x9F; the rest of its bytes are Latin-1's code points.
// The five bytes it leaves undefined keep their C1 code point, as Windows reads them.
constexpr std::array<char16_t, 32> k_windows1252_high = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

void windows1252_to_utf8(std::string& text) {
  if (std::all_of(text.begin(), text.end(), [](char c) { return c >= 0; })) return;
  std::string out;
  out.reserve(text.size() + text.size() / 2);
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80)
      out += c;
    else
      utf8::append(out, byte < 0xA0 ? char32_t{k_windows1252_high[byte - 0x80]} : char32_t{byte});
  }
  text = std::move(out);
}

// The first byte in `text` that is a NUL or not part of well-formed UTF-8,
// or npos; `multi_byte` is set when a well-formed non-ASCII sequence comes
// before it.
std::size_t first_bad_byte(std::string_view text, bool& multi_byte) {
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == 0) return i;
    if (byte < 0x80) {
      ++i;
      continue;
    }
    const std::size_t length = utf8::decode(text, i).length;
    if (length == 0) return i;
    multi_byte = true;
    i += length;
  }
  return std::string_view::npos;
}

}  // namespace

std::string_view csv_encoding_name(CsvEncoding encoding) {
  constexpr std::array<std::string_view, 4> k_names = {"UTF-8", "UTF-16LE", "UTF-16BE",
                                                       "Windows-1252"};
  return k_names[static_cast<std::size_t>(encoding)];
}

CsvReader::CsvReader(std::istream& input, CsvOptions options)
    : m_input(&input), m_options(options) {}

CsvReader::CsvReader(std::string_view text, CsvOptions options)
    : m_options(options), m_end_of_input(true), m_data(text) {}

bool CsvReader::next(CsvRecord& record) {
  if (!m_started) start();
  if (m_refused) {
    record.fields.clear();
    record.line = 1;
    record.error = make_error(*m_refused);
    record.error->line = 1;
    record.warning.reset();
    m_refused.reset();
    m_pos = m_data.size();
    m_end_of_input = true;
    m_raw.clear();
    return true;
  }
  if (m_input != nullptr && m_pos >= k_chunk_bytes) compact();
  if (!available(m_pos)) {
    if (!m_failed) return false;
    m_failed = false;
    record.fields.clear();
    record.line = m_line;
    record.error = make_error("cannot read the input");
    record.error->line = m_line;
    record.warning.reset();
    return true;
  }
  return read_record(record);
}

void CsvReader::start() {
  m_started = true;
  detect_encoding();
  if (m_refused) return;
  if (m_options.delimiter != '\0') {
    m_delimiter = m_options.delimiter;
  } else {
    sniff_delimiter();
  }
}

// By the byte-order mark, else by where the NUL bytes of the first bytes
// are: ASCII text in UTF-16 has one in every code unit, and UTF-8 text none.
void CsvReader::detect_encoding() {
  available(3);
  const std::string_view head = m_data.substr(0, std::min<std::size_t>(m_data.size(), 512));
  if (head.starts_with(std::string_view("\xFF\xFE\0\0", 4)) ||
      head.starts_with(std::string_view("\0\0\xFE\xFF", 4))) {
    m_refused = "the input is UTF-32, which is not read here: save it as UTF-8 (or UTF-16)";
    return;
  }
  if (head.starts_with("\xFF\xFE")) return start_utf16(CsvEncoding::utf16le, 2);
  if (head.starts_with("\xFE\xFF")) return start_utf16(CsvEncoding::utf16be, 2);
  if (head.starts_with(k_byte_order_mark)) {
    m_pos = m_line_start = k_byte_order_mark.size();
    return;
  }
  std::array<std::size_t, 2> nuls{};  // at even and at odd offsets
  const std::size_t units = head.size() / 2;
  for (std::size_t i = 0; i < units * 2; ++i) nuls[i % 2] += head[i] == '\0';
  if (units >= 2 && nuls[1] * 2 >= units && nuls[0] * 16 <= units)
    start_utf16(CsvEncoding::utf16le, 0);
  else if (units >= 2 && nuls[0] * 2 >= units && nuls[1] * 16 <= units)
    start_utf16(CsvEncoding::utf16be, 0);
}

// What has been read so far is UTF-16: it becomes the raw bytes still to be
// turned into UTF-8, and m_buffer that UTF-8 from here on.
void CsvReader::start_utf16(CsvEncoding encoding, std::size_t skip) {
  m_encoding = encoding;
  m_raw.assign(m_data.substr(skip));
  m_buffer.clear();
  m_pos = m_line_start = 0;
  const std::size_t used =
      decode_utf16(m_raw, encoding == CsvEncoding::utf16be, m_end_of_input, m_buffer);
  m_raw.erase(0, used);
  m_data = m_buffer;
}

// Counts the candidates on the first line, outside quotes.
void CsvReader::sniff_delimiter() {
  std::array<std::size_t, 3> counts{};
  constexpr std::array<char, 3> k_candidates = {',', ';', '\t'};
  bool quoted = false;
  for (std::size_t i = m_pos; available(i) && i - m_pos <= m_options.max_record_bytes; ++i) {
    const char c = m_data[i];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (is_line_end(c)) break;
    for (std::size_t k = 0; k < k_candidates.size(); ++k) counts[k] += c == k_candidates[k];
  }
  const auto best = std::max_element(counts.begin(), counts.end());  // the first on a tie
  m_delimiter = k_candidates[static_cast<std::size_t>(best - counts.begin())];
}

bool CsvReader::fill() {
  if (m_end_of_input) return false;
  if (m_encoding == CsvEncoding::utf16le || m_encoding == CsvEncoding::utf16be) return fill_utf16();
  const std::size_t old_size = m_buffer.size();
  m_buffer.resize(old_size + k_chunk_bytes);
  m_input->read(m_buffer.data() + old_size, static_cast<std::streamsize>(k_chunk_bytes));
  const auto got = static_cast<std::size_t>(m_input->gcount());
  m_buffer.resize(old_size + got);
  m_data = m_buffer;
  if (got < k_chunk_bytes) {
    m_end_of_input = true;
    m_failed = m_input->bad();
  }
  return got > 0;
}

// Reads a chunk of UTF-16 and appends what it holds, as UTF-8, to m_buffer.
bool CsvReader::fill_utf16() {
  const std::size_t old_size = m_buffer.size();
  while (m_buffer.size() == old_size && !m_end_of_input) {
    const std::size_t raw_size = m_raw.size();
    m_raw.resize(raw_size + k_chunk_bytes);
    m_input->read(m_raw.data() + raw_size, static_cast<std::streamsize>(k_chunk_bytes));
    const auto got = static_cast<std::size_t>(m_input->gcount());
    m_raw.resize(raw_size + got);
    if (got < k_chunk_bytes) {
      m_end_of_input = true;
      m_failed = m_input->bad();
    }
    const std::size_t used =
        decode_utf16(m_raw, m_encoding == CsvEncoding::utf16be, m_end_of_input, m_buffer);
    m_raw.erase(0, used);
  }
  m_data = m_buffer;
  return m_buffer.size() > old_size;
}

// Drops the bytes before m_pos. Only where no offset into m_data but the
// members' is alive: between records, and while skipping a bad one.
void CsvReader::compact() {
  if (m_input == nullptr) return;  // the caller's text: nothing to drop
  m_buffer.erase(0, m_pos);
  m_dropped += m_pos;
  m_line_start -= std::min(m_line_start, m_pos);
  m_record_start -= std::min(m_record_start, m_pos);
  m_pos = 0;
  // After a record near the limit, give back what it took.
  if (m_buffer.capacity() > 4 * k_chunk_bytes && m_buffer.size() < k_chunk_bytes)
    m_buffer.shrink_to_fit();
  m_data = m_buffer;
}

bool CsvReader::available(std::size_t offset) {
  while (offset >= m_data.size()) {
    if (!fill()) return false;
  }
  return true;
}

bool CsvReader::too_long(std::size_t offset, std::size_t record_start) const {
  return offset - record_start > m_options.max_record_bytes;
}

bool CsvReader::read_record(CsvRecord& record) {
  m_record_start = m_pos;
  const std::size_t record_line = m_line;
  record.line = record_line;
  record.error.reset();
  record.warning.reset();
  std::size_t count = 0;
  Step step = Step::field;
  while (step == Step::field) {
    if (count == record.fields.size()) record.fields.emplace_back();
    std::string& field = record.fields[count++];
    field.clear();
    step = available(m_pos) && m_data[m_pos] == '"' ? read_quoted(record, field)
                                                    : read_unquoted(record, field);
  }
  if (step == Step::error) {
    record.fields.clear();
    skip_to_next_line(m_record_start, record_line);
  } else if (step == Step::skipped) {
    record.fields.clear();
  } else {
    record.fields.resize(count);
    check_text(record);
  }
  return true;
}

// The record just read, m_data[m_record_start, m_pos), is UTF-8 without NUL
// bytes, or Windows-1252 (see the class comment).
void CsvReader::check_text(CsvRecord& record) {
  if (m_encoding == CsvEncoding::windows1252) {
    for (std::string& field : record.fields) windows1252_to_utf8(field);
    return;
  }
  const std::string_view text = m_data.substr(m_record_start, m_pos - m_record_start);
  if (std::all_of(text.begin(), text.end(), [](char c) { return c > 0; })) return;
  bool multi_byte = false;
  const std::size_t bad = first_bad_byte(text, multi_byte);
  m_seen_utf8 = m_seen_utf8 || multi_byte;
  if (bad == std::string_view::npos) return;
  // Where the byte is: the line breaks before it inside the record, then its column.
  std::size_t line = record.line;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < bad; ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && text[i + 1] != '\n')) {
      ++line;
      line_start = i + 1;
    }
  }
  const auto byte = static_cast<unsigned char>(text[bad]);
  Diagnostic where = make_error("");
  where.line = line;
  where.column = utf8::column_at(text.substr(line_start), bad - line_start);
  if (byte != 0 && !m_seen_utf8 && m_encoding == CsvEncoding::utf8) {
    m_encoding = CsvEncoding::windows1252;
    where.severity = Severity::warning;
    where.message = fmt::format(
        "byte 0x{:02X} is not UTF-8 and nothing before it was: reading the input as "
        "Windows-1252 from here on (save it as UTF-8 to be sure)",
        byte);
    record.warning = where;
    for (std::string& field : record.fields) windows1252_to_utf8(field);
    return;
  }
  where.message =
      byte == 0 ? std::string("a NUL byte, which no text holds (is this a CSV file?)")
                : fmt::format("byte 0x{:02X} is not UTF-8, though the text before it was", byte);
  record.error = where;
  record.fields.clear();
}

CsvReader::Step CsvReader::read_unquoted(CsvRecord& record, std::string& field) {
  std::size_t i = m_pos;
  for (;;) {
    const std::string_view data = m_data;
    while (i < data.size() && data[i] != m_delimiter && data[i] != '"' && !is_line_end(data[i])) {
      ++i;
    }
    if (too_long(i, m_record_start)) return fail_too_long(record, i, false);
    if (i < data.size() || !available(i)) break;
  }
  field.append(m_data.substr(m_pos, i - m_pos));
  m_pos = i;
  if (!available(i)) return Step::record;
  if (m_data[i] == m_delimiter) {
    m_pos = i + 1;
    return Step::field;
  }
  if (m_data[i] == '"') {
    set_error(record,
              "a quote inside an unquoted field (quote the whole field and write the "
              "quote as \"\")",
              i);
    return Step::error;
  }
  break_line(i);
  return Step::record;
}

CsvReader::Step CsvReader::read_quoted(CsvRecord& record, std::string& field) {
  const std::size_t open_line = m_line;
  const std::size_t open_column = column_of(m_pos);
  std::size_t i = m_pos + 1;
  std::size_t piece = i;  // the start of the text not yet appended to `field`
  for (;; ++i) {
    if (too_long(i, m_record_start)) return fail_too_long(record, i, true);
    if (!available(i)) {
      set_error(record, "a quoted field is not closed before the end of the input", 0);
      record.error->line = open_line;
      record.error->column = open_column;
      return Step::error;
    }
    const char c = m_data[i];
    if (c == '"') {
      field.append(m_data.substr(piece, i - piece));
      if (!available(i + 1) || m_data[i + 1] != '"') return after_closing_quote(record, i + 1);
      piece = ++i;  // a doubled quote: the second one starts the next piece
    } else if (c == '\n' || (c == '\r' && !(available(i + 1) && m_data[i + 1] == '\n'))) {
      ++m_line;
      m_line_start = i + 1;
    }
  }
}

CsvReader::Step CsvReader::after_closing_quote(CsvRecord& record, std::size_t offset) {
  m_pos = offset;
  if (!available(offset)) return Step::record;
  const char c = m_data[offset];
  if (c == m_delimiter) {
    m_pos = offset + 1;
    return Step::field;
  }
  if (is_line_end(c)) {
    break_line(offset);
    return Step::record;
  }
  set_error(record,
            fmt::format("{} after the closing quote of a field (write a quote inside a quoted "
                        "field as \"\")",
                        describe_character(m_data, offset)),
            offset);
  return Step::error;
}

// The record has grown past the limit at `offset`: skips the rest of it and
// makes it one error that says how long it was and which lines it spans.
CsvReader::Step CsvReader::fail_too_long(CsvRecord& record, std::size_t offset, bool quoted) {
  const std::size_t start = m_dropped + m_record_start;
  const Skipped skipped = skip_rest_of_record(offset, quoted);
  const std::string lines = skipped.last_line > record.line
                                ? fmt::format(" (lines {} to {})", record.line, skipped.last_line)
                                : "";
  record.error = make_error(
      skipped.unclosed
          ? fmt::format("record is over the limit of {} bytes, and a quoted field in it is not "
                        "closed before the end of the input{}",
                        m_options.max_record_bytes, lines)
          : fmt::format("record is {} bytes, over the limit of {} bytes{}", skipped.end - start,
                        m_options.max_record_bytes, lines));
  record.error->line = record.line;
  record.error->column = 0;
  return Step::skipped;
}

// Skips what is left of a record from `offset` (inside a quoted field when
// `quoted`), dropping what it passes, up to and past the line end that ends
// it; when the quoting goes wrong, up to and past the end of that line.
CsvReader::Skipped CsvReader::skip_rest_of_record(std::size_t offset, bool quoted) {
  std::size_t i = offset;
  for (;; ++i) {
    if (i >= 4 * k_chunk_bytes && m_input != nullptr) {
      m_pos = i;
      compact();
      i = 0;
    }
    if (!available(i)) {
      m_pos = i;
      return {m_dropped + i, m_line, quoted};
    }
    const char c = m_data[i];
    if (quoted) {
      if (c == '\n' || (c == '\r' && !(available(i + 1) && m_data[i + 1] == '\n'))) {
        ++m_line;
        m_line_start = i + 1;
      } else if (c == '"') {
        if (available(i + 1) && m_data[i + 1] == '"') {
          ++i;  // a doubled quote
        } else {
          quoted = false;  // closed: a delimiter or the record's end follows, or broken quoting
          if (available(i + 1) && m_data[i + 1] != m_delimiter && !is_line_end(m_data[i + 1]))
            return skip_broken_line(i + 1);
        }
      }
    } else if (is_line_end(c)) {
      const Skipped skipped{m_dropped + i, m_line, false};
      break_line(i);
      return skipped;
    } else if (c == m_delimiter) {
      if (available(i + 1) && m_data[i + 1] == '"') {
        quoted = true;
        ++i;
      }
    } else if (c == '"') {  // a quote inside an unquoted field: broken quoting
      return skip_broken_line(i);
    }
  }
}

CsvReader::Skipped CsvReader::skip_broken_line(std::size_t offset) {
  const std::size_t line = m_line;
  const std::size_t end = skip_line_from(offset);
  return {end, line, false};
}

void CsvReader::break_line(std::size_t offset) {
  const bool crlf = m_data[offset] == '\r' && available(offset + 1) && m_data[offset + 1] == '\n';
  m_pos = offset + (crlf ? 2 : 1);
  ++m_line;
  m_line_start = m_pos;
}

std::size_t CsvReader::column_of(std::size_t offset) const {
  return utf8::column_at(m_data.substr(m_line_start), offset - m_line_start);
}

void CsvReader::set_error(CsvRecord& record, std::string message, std::size_t offset) {
  record.error = make_error(std::move(message));
  record.error->line = m_line;
  record.error->column = column_of(offset);
}

// Reading goes on after the first line end at or after `record_start`,
// dropping what it passes when reading a stream.
void CsvReader::skip_to_next_line(std::size_t record_start, std::size_t record_line) {
  m_pos = record_start;
  m_line = record_line;
  skip_line_from(record_start);
}

// Goes on after the first line end at or after `offset`. Returns where that
// line end is (or the input's end), counted from the start of the input.
std::size_t CsvReader::skip_line_from(std::size_t offset) {
  m_pos = offset;
  for (;;) {
    const std::string_view rest = m_data.substr(m_pos);
    const std::size_t end = rest.find_first_of("\r\n");
    if (end != std::string_view::npos) {
      const std::size_t line_end = m_dropped + m_pos + end;
      break_line(m_pos + end);
      return line_end;
    }
    m_pos = m_data.size();
    compact();
    if (!fill()) {
      m_line_start = m_pos;
      return m_dropped + m_pos;
    }
  }
}

std::string header_key(std::string_view header) {
  const std::string normalized = normalize_for_matching(header);
  std::string key;
  key.reserve(normalized.size());
  bool pending_separator = false;
  for (const char c : normalized) {
    if (c == ' ' || c == '-' || c == '_' || c == '.') {
      pending_separator = !key.empty();
      continue;
    }
    if (pending_separator) key.push_back('_');
    pending_separator = false;
    key.push_back(c);
  }
  return key;
}

namespace {

bool is_blank(std::string_view field) {
  return field.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

// Footers are short; a long field is a deal's note, whatever it starts with.
constexpr std::size_t k_max_footer_bytes = 200;

bool is_totals_label(const std::string& key) {
  static const RE2 k_totals(
      R"(^(?:grand |общие |общий )?(?:sub ?-?)?(?:totals?|итого|итоги|всего|总计|合计|總計|合計|小计|小計))"
      R"(:?(?: ?\(\d+[^)]*\))?:?$)");
  return RE2::FullMatch(key, k_totals);
}

// A sum or a count as a totals row shows it: "3", "-1,250.00", "$5 000",
// "EUR 12.5", "(300.00)", "45%".
bool is_amount(std::string_view field) {
  static const RE2 k_amount(
      R"(^\(?[-+]?(?:[A-Z]{3} ?)?[$€£¥₽]?\s?[-+]?\d[\d,.'\s\x{00A0}\x{202F}]*%?(?: ?[A-Z]{3})?\)?$)");
  return RE2::FullMatch(trim_space(field), k_amount);
}

bool starts_like_trailer(std::string_view key) {
  static constexpr std::array<std::string_view, 11> k_trailers = {
      "confidential",       "copyright",        "\u00A9",      "(c) ",       "generated by",
      "generated on",       "report generated", "filtered by", "powered by", "do not distribute",
      "all rights reserved"};
  return std::any_of(k_trailers.begin(), k_trailers.end(),
                     [&](std::string_view trailer) { return key.starts_with(trailer); });
}

}  // namespace

CsvRowKind classify_row(const std::vector<std::string>& fields) {
  const auto not_blank = [](const std::string& field) { return !is_blank(field); };
  const auto first = std::find_if(fields.begin(), fields.end(), not_blank);
  if (first == fields.end()) return CsvRowKind::blank;
  if (first->size() > k_max_footer_bytes) return CsvRowKind::data;
  const std::string key = normalize_for_matching(*first);
  const bool alone = std::none_of(first + 1, fields.end(), not_blank);
  if (is_totals_label(key) && std::all_of(first + 1, fields.end(), [](const std::string& field) {
        return is_blank(field) || is_amount(field);
      }))
    return CsvRowKind::footer;
  if (!alone) return CsvRowKind::data;
  return starts_like_trailer(key) ? CsvRowKind::footer : CsvRowKind::lone;
}

void CsvTrailer::add(CsvRecord record, std::vector<Row>& out) {
  const CsvRowKind kind = record.error ? CsvRowKind::data : classify_row(record.fields);
  if (kind == CsvRowKind::data) {
    release(out);
    out.push_back({std::move(record), Verdict::record});
    return;
  }
  if (kind == CsvRowKind::blank && m_held.empty()) {
    out.push_back({std::move(record), Verdict::blank});
    return;
  }
  if (kind == CsvRowKind::footer && !m_footer_held) {
    m_footer_held = true;
    m_first_footer = m_held.size();
  }
  m_held.push_back(
      {std::move(record), kind == CsvRowKind::blank ? Verdict::blank : Verdict::record});
  if (m_held.size() > k_max_held) release(out);
}

void CsvTrailer::finish(std::vector<Row>& out) {
  if (m_footer_held)
    for (std::size_t i = m_first_footer; i < m_held.size(); ++i)
      if (m_held[i].verdict == Verdict::record) m_held[i].verdict = Verdict::trailer;
  release(out);
}

void CsvTrailer::release(std::vector<Row>& out) {
  for (Row& row : m_held) out.push_back(std::move(row));
  m_held.clear();
  m_footer_held = false;
}

}  // namespace closecoach
