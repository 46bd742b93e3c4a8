// libFuzzer target for the CSV reader and the text helpers review runs on
// every field. Any bytes must read without a crash or a sanitizer report;
// a stream and a buffer must give the same records; line numbers must rise;
// normalising must give valid UTF-8 and be idempotent.

#include <closecoach/csv.hpp>
#include <closecoach/text.hpp>

#include <utf8proc.h>

#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using closecoach::CsvOptions;
using closecoach::CsvReader;
using closecoach::CsvRecord;

void check(bool condition) {
  if (!condition) std::abort();
}

std::vector<CsvRecord> read_all(CsvReader& reader) {
  std::vector<CsvRecord> records;
  CsvRecord record;
  while (reader.next(record)) {
    check(records.empty() || record.line > records.back().line);
    check(record.error.has_value() == record.fields.empty());
    records.push_back(record);
  }
  return records;
}

bool same(const CsvRecord& a, const CsvRecord& b) {
  if (a.line != b.line || a.fields != b.fields || a.error.has_value() != b.error.has_value()) {
    return false;
  }
  return !a.error || (a.error->message == b.error->message && a.error->line == b.error->line &&
                      a.error->column == b.error->column);
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    utf8proc_int32_t cp = 0;
    const auto length = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                                         static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
    if (length <= 0) return false;
    i += static_cast<std::size_t>(length);
  }
  return true;
}

void check_text(std::string_view text) {
  const std::string normalized = closecoach::normalize_for_matching(text);
  check(is_valid_utf8(normalized));
  check(closecoach::normalize_for_matching(normalized) == normalized);
  (void)closecoach::strip_html(text);
  (void)closecoach::header_key(text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  // A small limit so that the fuzzer reaches the too-long paths.
  const CsvOptions options{.delimiter = '\0', .max_record_bytes = 64};
  CsvReader from_buffer(text, options);
  const std::vector<CsvRecord> records = read_all(from_buffer);
  std::istringstream input(text);
  CsvReader from_stream(input, options);
  const std::vector<CsvRecord> streamed = read_all(from_stream);
  check(records.size() == streamed.size());
  for (std::size_t i = 0; i < records.size(); ++i) check(same(records[i], streamed[i]));
  for (const CsvRecord& record : records) {
    (void)closecoach::classify_row(record.fields);
    for (const std::string& field : record.fields) check_text(field);
  }
  check_text(text);
  return 0;
}
