// Whole inputs reviewed: JSON Lines or CSV read in batches, the batches
// reviewed by the ordered pipeline's workers, and results and messages handed
// on in input order.

#include <closecoach/csv.hpp>
#include <closecoach/line_reader.hpp>
#include <closecoach/ordered_pipeline.hpp>
#include <closecoach/review.hpp>
#include <closecoach/text.hpp>
#include <closecoach/utf8.hpp>

#include <fmt/format.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <array>
#include <atomic>
#include <ostream>

#include "review_internal.hpp"

namespace closecoach {

namespace {

// A batch closes at this many records, or once it holds this many bytes of
// input, so that a few huge records never make a huge batch. A batch of 128
// ordinary records (about 50 KB, and its results) stays in a core's cache
// while it is worked on: 1.4% faster than 512 at -j 1, 1.2% at -j 2.
constexpr std::size_t k_batch_records = 128;
constexpr std::size_t k_batch_bytes = std::size_t{1} << 20;

struct Run {
  const Reviewer& reviewer;
  const ReviewStreamOptions& options;
  const ReviewCallbacks& callbacks;
  std::vector<std::shared_ptr<Reviewer::Scratch>> scratch;
  // One per worker, each on cache lines of its own: workers counting into
  // neighbouring tallies would take the line from each other at every record.
  struct alignas(64) WorkerTally {
    ReviewTally tally;
  };
  std::vector<WorkerTally> tallies;
  std::size_t records = 0;
  std::atomic<bool> stopped = false;  // callbacks.stop said so: read and write no more
};

void add_note(Batch& batch, ReviewMessage::Kind kind, std::size_t line, std::string text) {
  batch.notes.push_back({static_cast<int>(kind), line, std::move(text)});
}

void say(const Run& run, ReviewMessage::Kind kind, const ReviewInput& input, std::size_t line,
         std::string text) {
  if (run.callbacks.message) run.callbacks.message({kind, input.name, line, std::move(text)});
}

// After a record far larger than most, the memory it took goes back to the
// system. (glibc keeps what was freed in each thread's arena, so four workers
// that each once held a 15 MB record would go on holding it all.)
constexpr std::size_t k_large = std::size_t{1} << 20;

void release_memory(Reviewer::Scratch& scratch, bool released) {
  released = scratch.release_large_buffers() || released;
#ifdef __GLIBC__
  if (released) malloc_trim(0);
#else
  (void)released;
#endif
}

template <class Input>
void release_memory(Reviewer::Scratch& scratch, Input& input, std::size_t bytes) {
  const bool large = bytes > k_large;
  if (large) Input().swap(input);
  release_memory(scratch, large);
}

// What the batch held is reviewed: its memory goes back before the batch
// waits for its turn to be written, but for the text buffer of a batch of
// ordinary records, which the next batch read reuses.
void drop_inputs(Batch& batch) {
  std::vector<std::string>().swap(batch.inputs);
  std::vector<std::vector<std::string>>().swap(batch.records);
  if (batch.text.capacity() > k_reused_buffer_bytes) std::string().swap(batch.text);
}

// Room for a batch's result lines, which hold about the input and half a
// kilobyte of advice per record: the output grows once, not a dozen times.
void reserve_output(Batch& batch, std::size_t records) {
  constexpr std::size_t k_advice_bytes = 512;
  batch.output.reserve(batch.bytes + records * k_advice_bytes);
}

void work_jsonl(Run& run, Batch& batch, std::size_t worker) {
  auto& scratch = *run.scratch[worker];
  auto& tally = run.tallies[worker].tally;
  const std::size_t limit = run.options.max_record_bytes;
  reserve_output(batch, batch.ends.size());
  std::size_t begin = 0;
  for (std::size_t i = 0; i < batch.ends.size(); ++i) {
    const std::size_t line = batch.line_numbers[i];
    const std::string_view input(batch.text.data() + begin, batch.ends[i] - begin);
    begin = batch.ends[i];
    if (batch.sizes[i] > limit) {
      std::string message =
          fmt::format("record is {} bytes, over the limit of {} bytes", batch.sizes[i], limit);
      run.reviewer.write_error(line, message, batch.output, tally);
      add_note(batch, ReviewMessage::Kind::error, line, std::move(message));
    } else if (auto error =
                   run.reviewer.review_json_line(input, line, scratch, batch.output, tally)) {
      add_note(batch, ReviewMessage::Kind::error, line, std::move(*error));
    }
    release_memory(scratch, false);
  }
  drop_inputs(batch);
}

// `line` is the reader's own, reused from line to line; the batch's lines go
// into one buffer.
bool read_jsonl(LineReader& reader, std::size_t line_offset, Batch& batch, std::string& line) {
  bool too_long = false;
  std::size_t length = 0;
  batch.text.reserve(k_batch_bytes);
  while (batch.ends.size() < k_batch_records && batch.bytes < k_batch_bytes &&
         reader.next(line, too_long, length)) {
    if (!too_long && trim_space(line).empty()) continue;  // blank: no record
    batch.bytes += line.size();
    batch.sizes.push_back(too_long ? length : line.size());
    if (batch.text.empty() && line.size() > k_large)
      batch.text.swap(line);  // a huge record is not copied, nor held twice
    else
      batch.text += line;
    batch.ends.push_back(batch.text.size());
    batch.line_numbers.push_back(reader.line_number() + line_offset);
    if (line.capacity() > k_large) std::string().swap(line);
  }
  batch.input_offset = reader.bytes_read();
  return !batch.ends.empty();
}

void review_jsonl(Run& run, const ReviewInput& input, PipelineHooks& hooks) {
  LineReader reader(*input.stream, run.options.max_record_bytes);
  std::string line;
  hooks.read = [&](Batch& batch) {
    return !run.stopped && read_jsonl(reader, run.options.first_line - 1, batch, line);
  };
  hooks.work = [&](Batch& batch, std::size_t worker) { work_jsonl(run, batch, worker); };
  run_ordered_pipeline(hooks, run.options.threads);
}

// batch.inputs[i] holds why the reader could not read row i, or nothing.
void work_csv(Run& run, const CsvLayout& layout, Batch& batch, std::size_t worker) {
  auto& scratch = *run.scratch[worker];
  auto& tally = run.tallies[worker].tally;
  reserve_output(batch, batch.records.size());
  for (std::size_t i = 0; i < batch.records.size(); ++i) {
    const std::size_t line = batch.line_numbers[i];
    if (!batch.inputs[i].empty()) {
      run.reviewer.write_error(line, batch.inputs[i], batch.output, tally);
      add_note(batch, ReviewMessage::Kind::error, line, batch.inputs[i]);
    } else if (auto error = run.reviewer.review_csv_row(layout, batch.records[i], line, scratch,
                                                        batch.output, tally)) {
      add_note(batch, ReviewMessage::Kind::error, line, std::move(*error));
    }
    release_memory(scratch, batch.records[i], batch.sizes[i]);
  }
  drop_inputs(batch);
}

// A CSV input being read: its reader, and the rows it holds back in case
// they are the report's trailer.
struct CsvInput {
  CsvReader reader;
  CsvTrailer trailer;
  std::vector<CsvTrailer::Row> rows;  // known for what they are, not yet in a batch
  std::size_t line_offset = 0;        // what a record's line is moved by (--first-line)
};

std::string read_error(const Diagnostic& error) {
  return error.column > 0 ? fmt::format("column {}: {}", error.column, error.message)
                          : error.message;
}

std::string first_text(const std::vector<std::string>& fields) {
  for (const auto& field : fields)
    if (!trim_space(field).empty()) return std::string(trim_space(field));
  return {};
}

void add_row(CsvInput& csv, CsvTrailer::Row& row, Batch& batch) {
  const std::size_t line = row.record.line + csv.line_offset;
  if (row.record.warning)
    add_note(batch, ReviewMessage::Kind::warning, row.record.warning->line + csv.line_offset,
             row.record.warning->message);
  switch (row.verdict) {
    case CsvTrailer::Verdict::blank:
      add_note(batch, ReviewMessage::Kind::note, line, "skipped a blank row");
      return;
    case CsvTrailer::Verdict::trailer:
      add_note(batch, ReviewMessage::Kind::warning, line,
               fmt::format("skipped the report footer {}", quote(first_text(row.record.fields))));
      return;
    case CsvTrailer::Verdict::record:
      break;
  }
  std::size_t bytes = 0;
  for (const auto& field : row.record.fields) bytes += field.size();
  batch.inputs.push_back(row.record.error ? read_error(*row.record.error) : std::string());
  batch.records.push_back(std::move(row.record.fields));
  batch.line_numbers.push_back(line);
  batch.sizes.push_back(bytes);
  batch.bytes += bytes;
}

bool read_csv(const ReviewInput& input, CsvInput& csv, Batch& batch) {
  CsvRecord record;
  std::size_t next = 0;
  while (batch.records.size() < k_batch_records && batch.bytes < k_batch_bytes) {
    if (next == csv.rows.size()) {
      csv.rows.clear();
      next = 0;
      if (csv.reader.next(record)) {
        csv.trailer.add(std::move(record), csv.rows);
      } else {
        csv.trailer.finish(csv.rows);
        if (csv.rows.empty()) break;
      }
      continue;
    }
    add_row(csv, csv.rows[next++], batch);
  }
  csv.rows.erase(csv.rows.begin(), csv.rows.begin() + static_cast<std::ptrdiff_t>(next));
  if (const auto offset = input.stream->tellg(); offset >= 0)
    batch.input_offset = static_cast<std::size_t>(offset);
  return !batch.records.empty() || !batch.notes.empty();
}

// "Account, stage": the names of a header's columns as messages list them.
std::string column_names(const std::vector<std::string>& header) {
  constexpr std::size_t k_listed = 20;
  std::vector<std::string> names;
  for (std::size_t i = 0; i < header.size() && i < k_listed; ++i)
    names.push_back(abridged(header[i]));
  std::string list = fmt::format("{}", fmt::join(names, ", "));
  if (header.size() > k_listed) list += fmt::format(" and {} more", header.size() - k_listed);
  return list;
}

// "read as a salesforce export (profile salesforce): id 'Opportunity ID', ...;
// kept and ignored: Account Name, Amount": what the profile reads, for the note.
std::string profile_note(const CsvLayout& layout, const std::vector<std::string>& header) {
  const ProfileLayout& profile = *layout.profile;
  const std::string& name = profile.profile().name;
  std::string note = layout.profile_detected
                         ? fmt::format("read as a {} export (profile {})", name, name)
                         : fmt::format("read with profile {}", name);
  if (!profile.profile().builtin) note += fmt::format(" ({})", profile.profile().file);
  const std::string uses = profile.describe(header);
  note += uses.empty() ? std::string(": none of its columns is in the header") : ": " + uses;
  if (!layout.ignored.empty())
    note += fmt::format("; kept and ignored: {}", column_names(layout.ignored));
  return note;
}

// Says how the header's columns were matched, and fails when a --map or
// --keep names a column the header does not have.
Result<bool> check_layout(const Run& run, const ReviewInput& input, const CsvRecord& header,
                          const CsvLayout& layout) {
  for (const auto& [option, names] :
       {std::pair{"--map", &layout.unmatched_map}, {"--keep", &layout.unmatched_keep}})
    if (!names->empty())
      return make_error(fmt::format("{}: no column {} in {} (columns: {})", option,
                                    quote(names->front()), input.name,
                                    column_names(header.fields)));
  const bool matched = layout.profile || layout.id_column >= 0 || !layout.note_columns.empty() ||
                       std::any_of(layout.slot_of_column.begin(), layout.slot_of_column.end(),
                                   [](int slot) { return slot >= 0; });
  if (!matched)
    say(run, ReviewMessage::Kind::warning, input, 0,
        fmt::format("no column matched a fact, id or notes; columns: {}; use --map",
                    column_names(header.fields)));
  else if (layout.profile)
    say(run, ReviewMessage::Kind::note, input, header.line, profile_note(layout, header.fields));
  else if (!layout.ignored.empty())
    say(run, ReviewMessage::Kind::info, input, header.line,
        fmt::format("columns kept and ignored: {}", column_names(layout.ignored)));
  return true;
}

// Reads the header row; an input without one has no deals.
Result<CsvLayout> read_header(const Run& run, const ReviewInput& input, CsvInput& csv) {
  CsvRecord header;
  if (!csv.reader.next(header)) {
    say(run, ReviewMessage::Kind::warning, input, 0, "the input is empty: no header row, no deals");
    return CsvLayout{};
  }
  if (header.error) {
    Diagnostic diagnostic = *header.error;
    diagnostic.file = input.name;
    diagnostic.line += csv.line_offset;
    return diagnostic;
  }
  if (header.warning)
    say(run, ReviewMessage::Kind::warning, input, header.line + csv.line_offset,
        header.warning->message);
  if (csv.reader.encoding() != CsvEncoding::utf8)
    say(run, ReviewMessage::Kind::info, input, 0,
        fmt::format("read as {}", csv_encoding_name(csv.reader.encoding())));
  auto layout = run.reviewer.layout_csv(header.fields);
  if (!layout.ok())
    return make_error(fmt::format("{}:{}: {}", input.name, header.line + csv.line_offset,
                                  layout.error().message));
  if (auto checked = check_layout(run, input, header, *layout); !checked.ok())
    return checked.error();
  return layout;
}

Result<bool> review_csv(Run& run, const ReviewInput& input, PipelineHooks& hooks) {
  CsvOptions options;
  options.max_record_bytes = run.options.max_record_bytes;
  CsvInput csv{CsvReader(*input.stream, options), {}, {}, run.options.first_line - 1};
  const Result<CsvLayout> layout = read_header(run, input, csv);
  if (!layout.ok()) return layout.error();
  if (layout->slot_of_column.empty()) return true;  // no header: nothing to read
  const std::size_t records_before = run.records;
  hooks.read = [&](Batch& batch) { return !run.stopped && read_csv(input, csv, batch); };
  hooks.work = [&](Batch& batch, std::size_t worker) { work_csv(run, *layout, batch, worker); };
  run_ordered_pipeline(hooks, run.options.threads);
  if (run.records == records_before && !run.stopped)
    say(run, ReviewMessage::Kind::note, input, 0, "no deals: the header is the only row");
  return true;
}

void report_progress(const Run& run, ReviewProgress::Stage stage, std::size_t input,
                     std::size_t bytes) {
  if (run.callbacks.progress) run.callbacks.progress({stage, input, run.records, bytes});
}

// Reviews one input, its results written to `out` batch by batch.
Result<bool> review_input(Run& run, std::size_t index, const ReviewInput& input,
                          std::ostream& out) {
  report_progress(run, ReviewProgress::Stage::start, index, 0);
  std::size_t bytes = 0;
  PipelineHooks hooks;
  hooks.calling_thread_reads = input.never_waits;
  hooks.write = [&](Batch& batch) {
    if (run.stopped || (run.callbacks.stop && run.callbacks.stop())) {
      run.stopped = true;
      return;
    }
    if (run.options.format != ReviewFormat::jsonl)
      batch.output = format_results(batch.output, run.options.format, run.options.color);
    out << batch.output;
    // The reader's notes and the workers' errors, each in input order, merged.
    std::stable_sort(batch.notes.begin(), batch.notes.end(),
                     [](const BatchNote& a, const BatchNote& b) { return a.line < b.line; });
    for (BatchNote& note : batch.notes)
      say(run, static_cast<ReviewMessage::Kind>(note.kind), input, note.line, std::move(note.text));
    run.records += batch.line_numbers.size();
    bytes = batch.input_offset;
    report_progress(run, ReviewProgress::Stage::batch, index, bytes);
  };
  if (input.csv) {
    if (auto done = review_csv(run, input, hooks); !done.ok()) return done;
  } else {
    review_jsonl(run, input, hooks);
  }
  report_progress(run, ReviewProgress::Stage::end, index, bytes);
  return true;
}

}  // namespace

bool looks_like_csv(std::string_view start) {
  if (start.starts_with("\xFF\xFE") || start.starts_with("\xFE\xFF") ||
      start.find('\0') != std::string_view::npos)
    return true;
  if (start.starts_with("\xEF\xBB\xBF")) start.remove_prefix(3);
  const std::string_view text = trim_space(start);
  const std::string_view first_line = text.substr(0, text.find('\n'));
  return !text.starts_with('{') && first_line.find_first_of(",;\t") != std::string_view::npos;
}

std::string format_review_message(const ReviewMessage& message) {
  constexpr std::array<std::string_view, 4> k_kinds = {"error", "note", "info", "warning"};
  const std::string where = message.line > 0 ? fmt::format("{}:{}: ", message.file, message.line)
                                             : fmt::format("{}: ", message.file);
  // FILE:LINE: KIND: TEXT, as the playbook's diagnostics and compilers write it.
  return utf8::escape_for_terminal(fmt::format(
      "{}{}: {}", where, k_kinds[static_cast<std::size_t>(message.kind)], message.text));
}

Result<ReviewTally> review_streams(const Reviewer& reviewer, const std::vector<ReviewInput>& inputs,
                                   const ReviewStreamOptions& options, std::ostream& out,
                                   const ReviewCallbacks& callbacks) {
  const std::size_t workers = std::max<std::size_t>(options.threads, 1);
  Run run{reviewer, options, callbacks, {}, std::vector<Run::WorkerTally>(workers), 0};
  for (std::size_t worker = 0; worker < workers; ++worker)
    run.scratch.push_back(reviewer.make_scratch());
  if (options.format != ReviewFormat::jsonl)
    out << results_header(options.format, options.color, reviewer.options().keep);
  for (std::size_t index = 0; index < inputs.size() && !run.stopped; ++index)
    if (auto done = review_input(run, index, inputs[index], out); !done.ok()) return done.error();
  ReviewTally total;
  for (const auto& worker : run.tallies) total.merge(worker.tally);
  return total;
}

}  // namespace closecoach
