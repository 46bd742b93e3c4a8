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
  return fmt::format("'{}'", text.substr(offset, end - offset));
}

}  // namespace

CsvReader::CsvReader(std::istream& input, CsvOptions options)
    : m_input(&input), m_options(options) {}

CsvReader::CsvReader(std::string_view text, CsvOptions options)
    : m_options(options), m_end_of_input(true), m_data(text) {}

bool CsvReader::next(CsvRecord& record) {
  if (!m_started) start();
  if (m_input != nullptr && m_pos >= k_chunk_bytes) compact();
  if (!available(m_pos)) {
    if (!m_failed) return false;
    m_failed = false;
    record.fields.clear();
    record.line = m_line;
    record.error = make_error("cannot read the input");
    record.error->line = m_line;
    return true;
  }
  return read_record(record);
}

void CsvReader::start() {
  m_started = true;
  if (available(k_byte_order_mark.size() - 1) &&
      m_data.substr(0, k_byte_order_mark.size()) == k_byte_order_mark) {
    m_pos = m_line_start = k_byte_order_mark.size();
  }
  if (m_options.delimiter != '\0') {
    m_delimiter = m_options.delimiter;
  } else {
    sniff_delimiter();
  }
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

// Drops the bytes before m_pos. Only where no offset into m_data but the
// members' is alive: between records, and while skipping a bad one.
void CsvReader::compact() {
  m_buffer.erase(0, m_pos);
  m_line_start -= std::min(m_line_start, m_pos);
  m_record_start -= std::min(m_record_start, m_pos);
  m_pos = 0;
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
  } else {
    record.fields.resize(count);
  }
  return true;
}

CsvReader::Step CsvReader::read_unquoted(CsvRecord& record, std::string& field) {
  std::size_t i = m_pos;
  for (;;) {
    const std::string_view data = m_data;
    while (i < data.size() && data[i] != m_delimiter && data[i] != '"' && !is_line_end(data[i])) {
      ++i;
    }
    if (too_long(i, m_record_start)) return fail_too_long(record);
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
    if (too_long(i, m_record_start)) return fail_too_long(record);
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

CsvReader::Step CsvReader::fail_too_long(CsvRecord& record) {
  record.error = make_error(
      fmt::format("record longer than the limit of {} bytes", m_options.max_record_bytes));
  record.error->line = record.line;
  record.error->column = 1;
  return Step::error;
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
  for (;;) {
    const std::string_view rest = m_data.substr(m_pos);
    const std::size_t end = rest.find_first_of("\r\n");
    if (end != std::string_view::npos) {
      break_line(m_pos + end);
      return;
    }
    m_pos = m_data.size();
    if (m_input != nullptr) compact();
    if (!fill()) {
      m_line_start = m_pos;
      return;
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
  const auto first = std::find_if_not(fields.begin(), fields.end(),
                                      [](const std::string& field) { return is_blank(field); });
  if (first == fields.end()) return CsvRowKind::blank;
  if (first->size() > k_max_footer_bytes) return CsvRowKind::data;
  const std::string key = normalize_for_matching(*first);
  if (is_totals_label(key)) return CsvRowKind::footer;
  const bool alone = std::all_of(first + 1, fields.end(),
                                 [](const std::string& field) { return is_blank(field); });
  return alone && starts_like_trailer(key) ? CsvRowKind::footer : CsvRowKind::data;
}

}  // namespace closecoach
