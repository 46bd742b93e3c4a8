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

// The encoding an input is read in, found at its start (see CsvReader).
enum class CsvEncoding {
  utf8,
  utf16le,
  utf16be,
  windows1252,
};

// "UTF-8", "UTF-16LE", "UTF-16BE", "Windows-1252".
std::string_view csv_encoding_name(CsvEncoding encoding);

struct CsvRecord {
  // The fields, unquoted ("" inside quotes read as "); line breaks inside
  // quoted fields are kept as written. A blank line reads as one empty field.
  // Empty when the record has an error.
  std::vector<std::string> fields;
  // The 1-based physical line on which the record starts.
  std::size_t line = 0;
  // Why the record could not be read, located at the offending character
  // (line, and column in code points; column 0 when the whole record is at
  // fault); its file is left empty for the caller.
  std::optional<Diagnostic> error;
  // Something to tell the user about the input, said once, on the record
  // where it was found (a warning): that the input is not UTF-8 and is read
  // as Windows-1252 from here on.
  std::optional<Diagnostic> warning;
};

// Reads CSV records one by one. Accepts LF, CRLF and lone CR line ends,
// a UTF-8 byte-order mark at the very start, quoted fields holding
// delimiters, doubled quotes and line breaks. Not thread-safe.
//
// Encodings: the text is UTF-8 unless its start says otherwise. UTF-16
// (Excel's "Unicode Text"), little- or big-endian, known by its byte-order
// mark or, without one, by the NUL bytes every other byte of ASCII text has
// in UTF-16, is turned into UTF-8 as it is read. UTF-32 is refused: the first
// record is an error saying so. Text that is not UTF-8 where nothing before
// it was anything but ASCII (an export saved as Excel's "CSV (Comma
// delimited)" on a Western Windows) is read as Windows-1252 from there on,
// the record where that was decided carrying a `warning`; bytes that are not
// UTF-8 after text that was (a file of mixed encodings) make their record an
// error naming the byte, as does a NUL byte, which no text holds.
//
// A record with malformed quoting (a quote inside an unquoted field,
// anything but a delimiter or line end after a closing quote, a quote left
// open at the end of the input) comes back with `error` set, and reading
// goes on at the physical line after the one the bad record starts on. (So
// the lines of a multi-line record that went wrong are read again as
// records of their own, which may fail too.)
//
// A record longer than max_record_bytes comes back as one error naming its
// length and the lines it spans, and reading goes on after its end: past
// the closing quote of a long quoted field and the line end after it,
// however many line breaks the field holds, so that none of its lines is
// read as a record of its own. What is skipped is not kept, so memory stays
// bounded; when the quoting inside the skipped text is broken (a closing
// quote followed by anything but a delimiter or a line end), the skip ends
// with that line, and when a quoted field is never closed, it ends with the
// input (the error says so).
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

  // The encoding the input is being read in: found by the first call to
  // next(), and Windows-1252 from the record that carried the warning on.
  CsvEncoding encoding() const { return m_encoding; }

 private:
  // What reading a field ended on: a delimiter (another field follows), the
  // end of the record, an error (set in the record), or an error after which
  // the rest of the record has already been skipped.
  enum class Step { field, record, error, skipped };

  void start();
  void detect_encoding();
  void start_utf16(CsvEncoding encoding, std::size_t skip);
  void sniff_delimiter();
  bool fill();
  bool fill_utf16();
  void compact();
  bool available(std::size_t offset);
  bool too_long(std::size_t offset, std::size_t record_start) const;
  bool read_record(CsvRecord& record);
  Step read_unquoted(CsvRecord& record, std::string& field);
  Step read_quoted(CsvRecord& record, std::string& field);
  Step after_closing_quote(CsvRecord& record, std::size_t offset);
  // What skipping the rest of a record too long to keep found: where it
  // ends (counted from the start of the input), the last line it is on, and
  // whether the input ended inside one of its quoted fields.
  struct Skipped {
    std::size_t end = 0;
    std::size_t last_line = 0;
    bool unclosed = false;
  };
  Step fail_too_long(CsvRecord& record, std::size_t offset, bool quoted);
  Skipped skip_rest_of_record(std::size_t offset, bool quoted);
  Skipped skip_broken_line(std::size_t offset);
  void check_text(CsvRecord& record);
  void break_line(std::size_t offset);
  std::size_t column_of(std::size_t offset) const;
  void set_error(CsvRecord& record, std::string message, std::size_t offset);
  void skip_to_next_line(std::size_t record_start, std::size_t record_line);
  std::size_t skip_line_from(std::size_t offset);

  std::istream* m_input = nullptr;
  CsvOptions m_options;
  char m_delimiter = ',';
  CsvEncoding m_encoding = CsvEncoding::utf8;
  bool m_seen_utf8 = false;  // a well-formed multi-byte sequence has been read
  bool m_started = false;
  bool m_end_of_input = false;
  bool m_failed = false;
  std::optional<std::string> m_refused;  // why the input cannot be read at all
  std::string m_raw;                     // UTF-16 bytes read and not yet turned into UTF-8
  std::string m_buffer;                  // what has been read from m_input and not yet dropped
  std::string_view m_data;               // m_buffer, or the caller's text
  std::size_t m_dropped = 0;             // bytes dropped from the front of m_buffer so far
  std::size_t m_pos = 0;                 // the next byte to read, in m_data
  std::size_t m_line = 1;                // the physical line m_pos is on
  std::size_t m_line_start = 0;          // where that line starts, in m_data
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
  footer,  // may start a report's trailer: a totals row or a trailer line
  lone,    // one short non-blank field: trailer text after a footer, else data
};

// What a record of a report export may be, by its shape alone (where it
// stands is CsvTrailer's business). A footer is a totals row, whose first
// non-blank field is a totals label ("Total", "Totals:", "Subtotal", "Grand
// Totals (12 records)", "Итого", "总计") and whose other non-blank fields are
// all amounts ("3", "1,250.00", "$5,000", "EUR 12.5"), or a row whose only
// non-blank field starts like a report's trailer line ("Confidential
// Information - Do Not Distribute", "Copyright (c) 2000-2024 salesforce.com,
// inc.", "Generated By: ...", "Filtered By: ...", "Powered by ..."). A row
// with any other single non-blank field of at most 200 bytes (a report's
// title, a company name, or a deal with one field filled in) is lone.
// "TOTAL,negotiation" is data: a totals label beside text is a deal's name.
CsvRowKind classify_row(const std::vector<std::string>& fields);

// Tells a report's trailer from its data as records come, one at a time. A
// trailer is what follows the last data row of an input, when it starts with
// a footer row (see classify_row): Salesforce ends an export with a blank
// row, "Grand Totals (N records)", blank rows, the report's title, the
// copyright, "Confidential Information - Do Not Distribute", "Generated By:
// ..." and the company's name. So footer and lone rows are held back until a
// data row (or a record with an error) shows they were data after all, or
// the end of the input shows they were the trailer; blank rows are never
// records. At most k_max_held rows are held: more cannot be a trailer.
class CsvTrailer {
 public:
  static constexpr std::size_t k_max_held = 64;

  enum class Verdict {
    record,   // a record to review (it may carry an error)
    blank,    // a blank row, skipped
    trailer,  // a row of the report's trailer, skipped
  };
  struct Row {
    CsvRecord record;
    Verdict verdict = Verdict::record;
  };

  // Takes the next record of the input, and appends to `out`, in input order,
  // the rows whose verdict it now knows.
  void add(CsvRecord record, std::vector<Row>& out);
  // The input has ended: appends the rows still held.
  void finish(std::vector<Row>& out);
  // How many rows are held back.
  std::size_t held() const { return m_held.size(); }

 private:
  void release(std::vector<Row>& out);

  std::vector<Row> m_held;  // verdict: what each is, should the input go on
  std::size_t m_first_footer = 0;
  bool m_footer_held = false;
};

}  // namespace closecoach
