#include "review_run.hpp"

#include "common.hpp"

#include <closecoach/line_reader.hpp>
#include <closecoach/ordered_pipeline.hpp>
#include <closecoach/review.hpp>
#include <closecoach/text.hpp>

#include <fmt/ostream.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstring>
#include <map>
#include <filesystem>
#include <fstream>

namespace closecoach::cli {

namespace {

constexpr std::size_t k_batch_records = 512;

struct Input {
  std::string name;  // as shown in messages
  std::istream* stream = nullptr;
  std::unique_ptr<std::ifstream> file;
  std::size_t size = 0;  // 0 when unknown (stdin, pipes)
  bool csv = false;
};

Input open_input(const std::string& path, const std::string& format) {
  Input input;
  input.name = path == "-" ? "<stdin>" : path;
  input.csv = format == "csv" || (format.empty() && path.size() > 4 && path.substr(path.size() - 4) == ".csv");
  if (path == "-") return input;
  input.file = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*input.file) fail(fmt::format("cannot read {}: {}", path, std::strerror(errno)));
  input.stream = input.file.get();
  std::error_code error;
  if (std::filesystem::is_regular_file(path, error)) input.size = static_cast<std::size_t>(std::filesystem::file_size(path, error));
  return input;
}

ReviewOptions review_options(const ReviewCommand& command, const std::string& language) {
  ReviewOptions options;
  options.explain = command.explain;
  options.language = language;
  for (const auto& map : command.maps) {
    const auto equals = map.rfind('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == map.size())
      fail(fmt::format("--map '{}': expected \"Column Name=fact\"", map));
    options.column_map.emplace_back(map.substr(0, equals), map.substr(equals + 1));
  }
  return options;
}

// Shows records, records per second and time left on a terminal's stderr.
class Progress {
 public:
  Progress(std::ostream& err, std::size_t total_bytes, bool enabled)
      : m_err(err), m_total(total_bytes), m_enabled(enabled && total_bytes > 0), m_start(Clock::now()), m_last(m_start) {}

  void update(std::size_t records, std::size_t bytes) {
    if (!m_enabled) return;
    const auto now = Clock::now();
    if (now - m_last < std::chrono::milliseconds(100)) return;
    m_last = now;
    const double seconds = std::chrono::duration<double>(now - m_start).count();
    const double share = std::min(1.0, static_cast<double>(bytes) / static_cast<double>(m_total));
    const double eta = share > 0 ? seconds / share - seconds : 0;
    const int filled = static_cast<int>(share * 30);
    fmt::print(m_err, "\r[{:#<{}}{:<{}}] {:3.0f}%  {} records  {:.0f}/s  ETA {:.0f}s ", "", filled, "", 30 - filled,
               share * 100, records, seconds > 0 ? static_cast<double>(records) / seconds : 0.0, eta);
    m_err.flush();
    m_drawn = true;
  }

  void finish() {
    if (m_drawn) fmt::print(m_err, "\r{:<90}\r", "");
  }

 private:
  using Clock = std::chrono::steady_clock;
  std::ostream& m_err;
  std::size_t m_total;
  bool m_enabled;
  bool m_drawn = false;
  Clock::time_point m_start, m_last;
};

struct RunState {
  const ReviewCommand& command;
  Context& context;
  const Reviewer& reviewer;
  std::string output_format;
  std::vector<std::shared_ptr<Reviewer::Scratch>> scratch;
  std::vector<ReviewTally> tallies;
  std::size_t records = 0;
};

void report_failure(Batch& batch, const Input& input, std::size_t line, const std::string& message) {
  ++batch.failures;
  batch.messages += fmt::format("closecoach: error: {}:{}: {}\n", input.name, line, message);
}

std::string too_long_message(std::size_t size, std::size_t limit) {
  return fmt::format("record is {} bytes, over the limit of {} bytes", size, limit);
}

void work_jsonl(RunState& run, const Input& input, Batch& batch, std::size_t worker) {
  auto& scratch = *run.scratch[worker];
  auto& tally = run.tallies[worker];
  for (std::size_t i = 0; i < batch.inputs.size(); ++i) {
    const std::size_t line = batch.line_numbers[i];
    if (batch.sizes[i] > run.command.max_record_bytes) {
      const std::string message = too_long_message(batch.sizes[i], run.command.max_record_bytes);
      run.reviewer.write_error(line, message, batch.output, tally);
      report_failure(batch, input, line, message);
    } else if (auto error = run.reviewer.review_json_line(batch.inputs[i], line, scratch, batch.output, tally)) {
      report_failure(batch, input, line, *error);
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

void review_jsonl(RunState& run, Input& input, PipelineHooks& hooks) {
  LineReader reader(*input.stream, run.command.max_record_bytes);
  hooks.read = [&](Batch& batch) { return read_jsonl(reader, run.command.first_line - 1, batch); };
  hooks.work = [&](Batch& batch, std::size_t worker) { work_jsonl(run, input, batch, worker); };
  run_ordered_pipeline(hooks, run.command.threads);
}

void work_csv(RunState& run, const Input& input, const CsvLayout& layout, Batch& batch, std::size_t worker) {
  auto& scratch = *run.scratch[worker];
  auto& tally = run.tallies[worker];
  for (std::size_t i = 0; i < batch.records.size(); ++i) {
    const std::size_t line = batch.line_numbers[i];
    if (!batch.inputs[i].empty()) {  // the reader could not read the row
      run.reviewer.write_error(line, batch.inputs[i], batch.output, tally);
      report_failure(batch, input, line, batch.inputs[i]);
    } else if (auto error = run.reviewer.review_csv_row(layout, batch.records[i], line, scratch, batch.output, tally)) {
      report_failure(batch, input, line, *error);
    }
  }
}

void note_skipped(const RunState& run, const Input& input, Batch& batch, const CsvRecord& record, CsvRowKind kind) {
  if (run.command.quiet) return;
  if (kind == CsvRowKind::blank) {
    batch.messages += fmt::format("closecoach: note: {}:{}: skipped a blank row\n", input.name, record.line);
    return;
  }
  std::string first;
  for (const auto& field : record.fields)
    if (first.empty()) first = field;
  batch.messages += fmt::format("closecoach: note: {}:{}: skipped a report footer row ('{}')\n", input.name, record.line, first);
}

bool read_csv(const RunState& run, const Input& input, CsvReader& reader, Batch& batch) {
  CsvRecord record;
  while (batch.records.size() < k_batch_records && reader.next(record)) {
    if (!record.error) {
      const CsvRowKind kind = classify_row(record.fields);
      if (kind != CsvRowKind::data) {
        note_skipped(run, input, batch, record, kind);
        continue;
      }
    }
    batch.inputs.push_back(record.error ? fmt::format("column {}: {}", record.error->column, record.error->message) : std::string());
    batch.records.push_back(std::move(record.fields));
    batch.line_numbers.push_back(record.line + run.command.first_line - 1);
    batch.sizes.push_back(0);
  }
  if (const auto offset = input.stream->tellg(); offset >= 0) batch.input_offset = static_cast<std::size_t>(offset);
  return !batch.records.empty() || !batch.messages.empty();
}

CsvLayout read_header(const RunState& run, const Input& input, CsvReader& reader) {
  CsvRecord header;
  if (!reader.next(header)) return {};
  if (header.error) {
    Diagnostic diagnostic = *header.error;
    diagnostic.file = input.name;
    throw Failure(diagnostic);
  }
  auto layout = run.reviewer.layout_csv(header.fields);
  if (!layout.ok()) fail(fmt::format("{}:{}: {}", input.name, header.line, layout.error().message));
  if (!layout->ignored.empty()) spdlog::info("{}: columns kept and ignored: {}", input.name, fmt::join(layout->ignored, ", "));
  return std::move(layout.value());
}

void review_csv(RunState& run, Input& input, PipelineHooks& hooks) {
  CsvOptions options;
  options.max_record_bytes = run.command.max_record_bytes;
  CsvReader reader(*input.stream, options);
  const CsvLayout layout = read_header(run, input, reader);
  hooks.read = [&](Batch& batch) { return read_csv(run, input, reader, batch); };
  hooks.work = [&](Batch& batch, std::size_t worker) { work_csv(run, input, layout, batch, worker); };
  run_ordered_pipeline(hooks, run.command.threads);
}

void print_counts(std::ostream& err, const char* title, const std::map<std::string, std::size_t>& counts) {
  std::vector<std::string> parts;
  for (const auto& [key, count] : counts) parts.push_back(fmt::format("{} {}", key, count));
  fmt::print(err, "  {:<9} {}\n", title, parts.empty() ? std::string("-") : fmt::format("{}", fmt::join(parts, ", ")));
}

void print_summary(const ReviewTally& total, Context& context) {
  fmt::print(context.io.err, "closecoach: reviewed {} deals, {} with errors\n", total.records, total.errors);
  print_counts(context.io.err, "by class:", total.by_class);
  print_counts(context.io.err, "by move:", total.by_move);
}

}  // namespace

void run_review(const ReviewCommand& command, Context& context) {
  const Engine engine = load_engine(command.playbook);
  const std::string language = resolve_language(command.lang);
  auto reviewer = Reviewer::create(engine, review_options(command, language));
  if (!reviewer.ok()) throw Failure(reviewer.error());
  const std::string output_format = !command.output_format.empty() ? command.output_format
                                    : context.io.out_is_terminal  ? "table" : "jsonl";
  std::vector<std::string> paths = command.inputs.empty() ? std::vector<std::string>{"-"} : command.inputs;
  std::vector<Input> inputs;
  for (const auto& path : paths) inputs.push_back(open_input(path, command.input_format));
  RunState run{command, context, *reviewer, output_format, {}, std::vector<ReviewTally>(command.threads), 0};
  for (std::size_t worker = 0; worker < command.threads; ++worker) run.scratch.push_back(reviewer->make_scratch());
  if (output_format != "jsonl") fmt::print(context.io.out, "{}", results_header(output_format, context.color));
  std::size_t failures = 0;
  for (auto& input : inputs) {
    if (input.stream == nullptr) input.stream = &context.io.in;
    Progress progress(context.io.err, input.size, context.io.err_is_terminal && !command.quiet);
    PipelineHooks hooks;
    hooks.write = [&](Batch& batch) {
      if (output_format != "jsonl") batch.output = format_results(batch.output, output_format, context.color);
      context.io.out << batch.output;
      context.io.err << batch.messages;
      failures += batch.failures;
      run.records += input.csv ? batch.records.size() : batch.inputs.size();
      progress.update(run.records, batch.input_offset);
    };
    if (input.csv) review_csv(run, input, hooks);
    else review_jsonl(run, input, hooks);
    progress.finish();
  }
  context.io.out.flush();
  ReviewTally total;
  for (const auto& tally : run.tallies) total.merge(tally);
  spdlog::info("reviewed {} records, {} failed", total.records, total.errors);
  if (command.summary) print_summary(total, context);
  if (failures > 0) context.exit_status = k_exit_failures;
}

}  // namespace closecoach::cli
