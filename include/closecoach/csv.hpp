#pragma once
// CSV as CRMs and spreadsheets export it (RFC 4180 and its usual variants),
// read one record at a time so that a file of any length runs in bounded
// memory, and the helpers review needs to read a report export: the key a
// header name is matched by, and blank and footer rows told apart from deals.

#include <closecoach/diagnostic.hpp>

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace closecoach {

inline constexpr std::size_t k_default_max_record_bytes = std::size_t{16} * 1024 * 1024;

struct CsvOptions {
  // The field separator. '\0' sniffs it from the first line: whichever of
  // ',' ';' and TAB occurs most often there outside quotes (',' on a tie or
  // when none does).
  char delimiter = '\0';
  // A record whose text (quotes and line breaks included) is longer is
  // reported as an error instead of being read.
  std::size_t max_record_bytes = k_default_max_record_bytes;
};

struct CsvRecord {
  // The fields, unquoted ("" inside quotes read as "); line breaks inside
  // quoted fields are kept as written. A blank line reads as one empty field.
  // Empty when the record has an error.
  std::vector<std::string> fields;
  // The 1-based physical line on which the record starts.
  std::size_t line = 0;
  // Why the record could not be read, located at the offending character
  // (line, and column in code points); its file is left empty for the caller.
  std::optional<Diagnostic> error;
};

// Reads CSV records one by one. Accepts LF, CRLF and lone CR line ends,
// a UTF-8 byte-order mark at the very start, quoted fields holding
// delimiters, doubled quotes and line breaks. Not thread-safe.
//
// A record with malformed quoting (a quote inside an unquoted field,
// anything but a delimiter or line end after a closing quote, a quote left
// open at the end of the input) or longer than max_record_bytes comes back
// with `error` set, and reading goes on at the physical line after the one
// the bad record starts on. (So the lines of a multi-line record that went
// wrong are read again as records of their own, which may fail too.)
class CsvReader {
 public:
  // Reads from `input`, which must outlive the reader, in chunks: memory
  // stays within about twice max_record_bytes whatever the input's length.
  explicit CsvReader(std::istream& input, CsvOptions options = {});
  // Reads from `text`, which must outlive the reader; nothing is copied.
  explicit CsvReader(std::string_view text, CsvOptions options = {});
  CsvReader(const CsvReader&) = delete;  // it holds views into itself
  CsvReader& operator=(const CsvReader&) = delete;

  // Reads the next record into `record`, reusing its storage; returns false,
  // leaving `record` as it was, once the input is exhausted. A stream that
  // fails other than by ending yields one last record with the error
  // "cannot read the input" (what the failed read had got is lost with it).
  bool next(CsvRecord& record);

  // The delimiter in use: the option's, or the one sniffed by the first call
  // to next() (',' before then).
  char delimiter() const { return m_delimiter; }

 private:
  // What reading a field ended on: a delimiter (another field follows), the
  // end of the record, or an error (set in the record).
  enum class Step { field, record, error };

  void start();
  void sniff_delimiter();
  bool fill();
  void compact();
  bool available(std::size_t offset);
  bool too_long(std::size_t offset, std::size_t record_start) const;
  bool read_record(CsvRecord& record);
  Step read_unquoted(CsvRecord& record, std::string& field);
  Step read_quoted(CsvRecord& record, std::string& field);
  Step after_closing_quote(CsvRecord& record, std::size_t offset);
  Step fail_too_long(CsvRecord& record);
  void break_line(std::size_t offset);
  std::size_t column_of(std::size_t offset) const;
  void set_error(CsvRecord& record, std::string message, std::size_t offset);
  void skip_to_next_line(std::size_t record_start, std::size_t record_line);

  std::istream* m_input = nullptr;
  CsvOptions m_options;
  char m_delimiter = ',';
  bool m_started = false;
  bool m_end_of_input = false;
  bool m_failed = false;
  std::string m_buffer;          // what has been read from m_input and not yet dropped
  std::string_view m_data;       // m_buffer, or the caller's text
  std::size_t m_pos = 0;         // the next byte to read, in m_data
  std::size_t m_line = 1;        // the physical line m_pos is on
  std::size_t m_line_start = 0;  // where that line starts, in m_data
  std::size_t m_record_start = 0;
};

// The form a column name is matched in (review's Reviewer::layout_csv
// matches headers to fact ids by it): normalised for matching (see
// text.hpp), with each run of spaces, hyphens, underscores and dots as one
// '_' and none at either end: "Soft Closes Tried", " soft-closes_tried " and
// "SOFT_CLOSES_TRIED" all give "soft_closes_tried".
std::string header_key(std::string_view header);

enum class CsvRowKind {
  data,
  blank,   // every field empty or whitespace
  footer,  // a report's trailer, not a deal
};

// What a record of a report export holds. A footer is a row whose first
// non-blank field is a totals label ("Total", "Totals:", "Subtotal",
// "Grand Totals (12 records)"), or whose only non-blank field starts like a
// report's trailer ("Confidential Information - Do Not Distribute",
// "Copyright (c) 2000-2024 salesforce.com, inc.", "Generated by ...",
// "Filtered By: ...", "Report generated ...", "Powered by ...").
CsvRowKind classify_row(const std::vector<std::string>& fields);

}  // namespace closecoach
