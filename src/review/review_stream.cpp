// Whole inputs reviewed: JSON Lines or CSV read in batches, the batches
// reviewed by the ordered pipeline's workers, and results and messages handed
// on in input order.

#include <closecoach/csv.hpp>
#include <closecoach/line_reader.hpp>
#include <closecoach/ordered_pipeline.hpp>
#include <closecoach/review.hpp>
#include <closecoach/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <ostream>

#include "review_internal.hpp"

namespace closecoach {

namespace {

constexpr std::size_t k_batch_records = 512;

struct Run {
  const Reviewer& reviewer;
  const ReviewStreamOptions& options;
  const ReviewCallbacks& callbacks;
  std::vector<std::shared_ptr<Reviewer::Scratch>> scratch;
  std::vector<ReviewTally> tallies;  // one per worker
  std::size_t records = 0;
  std::atomic<bool> stopped = false;  // callbacks.stop said so: read and write no more
};

void add_note(Batch& batch, ReviewMessage::Kind kind, std::size_t line, std::string text) {
  batch.notes.push_back({static_cast<int>(kind), line, std::move(text)});
}

void work_jsonl(Run& run, Batch& batch, std::size_t worker) {
  auto& scratch = *run.scratch[worker];
  auto& tally = run.tallies[worker];
  const std::size_t limit = run.options.max_record_bytes;
  for (std::size_t i = 0; i < batch.inputs.size(); ++i) {
    const std::size_t line = batch.line_numbers[i];
    if (batch.sizes[i] > limit) {
      std::string message =
          fmt::format("record is {} bytes, over the limit of {} bytes", batch.sizes[i], limit);
      run.reviewer.write_error(line, message, batch.output, tally);
      add_note(batch, ReviewMessage::Kind::error, line, std::move(message));
    } else if (auto error = run.reviewer.review_json_line(batch.inputs[i], line, scratch,
                                                          batch.output, tally)) {
      add_note(batch, ReviewMessage::Kind::error, line, std::move(*error));
    }
  }
}

bool read_jsonl(LineReader& reader, std::size_t line_offset, Batch& batch) {
  std::string line;
  bool too_long = false;
  std::size_t length = 0;
  while (batch.inputs.size() < k_batch_records && reader.next(line, too_long, length)) {
    if (!too_long && trim_space(line).empty()) continue;  // blank: no record
    batch.inputs.push_back(std::move(line));
    batch.line_numbers.push_back(reader.line_number() + line_offset);
    batch.sizes.push_back(too_long ? length : batch.inputs.back().size());
  }
  batch.input_offset = reader.bytes_read();
  return !batch.inputs.empty();
}

void review_jsonl(Run& run, const ReviewInput& input, PipelineHooks& hooks) {
  LineReader reader(*input.stream, run.options.max_record_bytes);
  hooks.read = [&](Batch& batch) {
    return !run.stopped && read_jsonl(reader, run.options.first_line - 1, batch);
  };
  hooks.work = [&](Batch& batch, std::size_t worker) { work_jsonl(run, batch, worker); };
  run_ordered_pipeline(hooks, run.options.threads);
}

// batch.inputs[i] holds why the reader could not read row i, or nothing.
void work_csv(Run& run, const CsvLayout& layout, Batch& batch, std::size_t worker) {
  auto& scratch = *run.scratch[worker];
  auto& tally = run.tallies[worker];
  for (std::size_t i = 0; i < batch.records.size(); ++i) {
    const std::size_t line = batch.line_numbers[i];
    if (!batch.inputs[i].empty()) {
      run.reviewer.write_error(line, batch.inputs[i], batch.output, tally);
      add_note(batch, ReviewMessage::Kind::error, line, batch.inputs[i]);
    } else if (auto error = run.reviewer.review_csv_row(layout, batch.records[i], line, scratch,
                                                        batch.output, tally)) {
      add_note(batch, ReviewMessage::Kind::error, line, std::move(*error));
    }
  }
}

std::string skipped_row(const CsvRecord& record, CsvRowKind kind) {
  if (kind == CsvRowKind::blank) return "skipped a blank row";
  std::string first;
  for (const auto& field : record.fields)
    if (first.empty()) first = field;
  return fmt::format("skipped a report footer row ('{}')", first);
}

bool read_csv(Run& run, const ReviewInput& input, CsvReader& reader, Batch& batch) {
  CsvRecord record;
  while (batch.records.size() < k_batch_records && reader.next(record)) {
    if (!record.error) {
      const CsvRowKind kind = classify_row(record.fields);
      if (kind != CsvRowKind::data) {
        add_note(batch, ReviewMessage::Kind::note, record.line, skipped_row(record, kind));
        continue;
      }
    }
    batch.inputs.push_back(
        record.error ? fmt::format("column {}: {}", record.error->column, record.error->message)
                     : std::string());
    batch.records.push_back(std::move(record.fields));
    batch.line_numbers.push_back(record.line + run.options.first_line - 1);
    batch.sizes.push_back(0);
  }
  if (const auto offset = input.stream->tellg(); offset >= 0)
    batch.input_offset = static_cast<std::size_t>(offset);
  return !batch.records.empty() || !batch.notes.empty();
}

Result<CsvLayout> read_header(const Run& run, const ReviewInput& input, CsvReader& reader) {
  CsvRecord header;
  if (!reader.next(header)) return CsvLayout{};
  if (header.error) {
    Diagnostic diagnostic = *header.error;
    diagnostic.file = input.name;
    return diagnostic;
  }
  auto layout = run.reviewer.layout_csv(header.fields);
  if (!layout.ok())
    return make_error(fmt::format("{}:{}: {}", input.name, header.line, layout.error().message));
  if (!layout->ignored.empty() && run.callbacks.message)
    run.callbacks.message(
        {ReviewMessage::Kind::info, input.name, header.line,
         fmt::format("columns kept and ignored: {}", fmt::join(layout->ignored, ", "))});
  return layout;
}

Result<bool> review_csv(Run& run, const ReviewInput& input, PipelineHooks& hooks) {
  CsvOptions options;
  options.max_record_bytes = run.options.max_record_bytes;
  CsvReader reader(*input.stream, options);
  const Result<CsvLayout> layout = read_header(run, input, reader);
  if (!layout.ok()) return layout.error();
  hooks.read = [&](Batch& batch) { return !run.stopped && read_csv(run, input, reader, batch); };
  hooks.work = [&](Batch& batch, std::size_t worker) { work_csv(run, *layout, batch, worker); };
  run_ordered_pipeline(hooks, run.options.threads);
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
  hooks.write = [&](Batch& batch) {
    if (run.stopped || (run.callbacks.stop && run.callbacks.stop())) {
      run.stopped = true;
      return;
    }
    if (run.options.format != ReviewFormat::jsonl)
      batch.output = format_results(batch.output, run.options.format, run.options.color);
    out << batch.output;
    if (run.callbacks.message)
      for (BatchNote& note : batch.notes)
        run.callbacks.message({static_cast<ReviewMessage::Kind>(note.kind), input.name, note.line,
                               std::move(note.text)});
    run.records += input.csv ? batch.records.size() : batch.inputs.size();
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

Result<ReviewTally> review_streams(const Reviewer& reviewer, const std::vector<ReviewInput>& inputs,
                                   const ReviewStreamOptions& options, std::ostream& out,
                                   const ReviewCallbacks& callbacks) {
  const std::size_t workers = std::max<std::size_t>(options.threads, 1);
  Run run{reviewer, options, callbacks, {}, std::vector<ReviewTally>(workers), 0};
  for (std::size_t worker = 0; worker < workers; ++worker)
    run.scratch.push_back(reviewer.make_scratch());
  if (options.format != ReviewFormat::jsonl) out << results_header(options.format, options.color);
  for (std::size_t index = 0; index < inputs.size() && !run.stopped; ++index)
    if (auto done = review_input(run, index, inputs[index], out); !done.ok()) return done.error();
  ReviewTally total;
  for (const auto& tally : run.tallies) total.merge(tally);
  return total;
}

}  // namespace closecoach
