// `closecoach review`'s run: opens the inputs, hands them to review_streams
// and prints what it reports.

#include "review_run.hpp"

#include <closecoach/review.hpp>

#include <fmt/ostream.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <csignal>
#include <ctime>
#include <map>
#include <optional>

#include "common.hpp"
#include "inputs.hpp"
#include "settings.hpp"
#include "signals.hpp"

namespace closecoach::cli {

namespace {

struct Input {
  std::string name;  // as shown in messages
  InputFile file;    // none for stdin
  std::istream* stream = nullptr;
  bool csv = false;
  bool never_waits = false;  // a regular file
};

// Whether a name ends in `extension` ('.csv'), in any case.
bool has_extension(const std::string& path, std::string_view extension) {
  if (path.size() <= extension.size()) return false;
  const std::string tail = path.substr(path.size() - extension.size());
  return std::equal(
      tail.begin(), tail.end(), extension.begin(), extension.end(),
      [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
}

// --format, else the extension, else the input's first bytes (stdin, .txt).
bool read_as_csv(const ReviewCommand& command, const std::string& path, std::istream& stream) {
  if (!command.input_format.empty()) return command.input_format == "csv";
  if (has_extension(path, ".csv") || has_extension(path, ".tsv")) return true;
  for (const char* extension : {".jsonl", ".ndjson", ".json"})
    if (has_extension(path, extension)) return false;
  if (auto* buffer = dynamic_cast<FdInputBuffer*>(stream.rdbuf()))
    return looks_like_csv(buffer->peek());
  return false;  // a stream of the tests' own: JSON Lines unless --format says
}

// Opens every input before anything is written: a directory, a closed
// stdin or the output file itself stops the run here (exit 2).
std::vector<Input> open_inputs(const ReviewCommand& command, Context& context) {
  const std::vector<std::string> paths =
      command.inputs.empty() ? std::vector<std::string>{"-"} : command.inputs;
  std::vector<Input> inputs;
  for (const auto& path : paths) {
    Input input;
    if (path == "-") {
      check_stdin(context.io, true);
      // Otherwise a rep who forgot the file waits on a silent terminal.
      if (context.io.in_is_terminal && !context.quiet)
        fmt::print(context.io.err,
                   "closecoach: reading deals from the terminal (JSON Lines or CSV); end with "
                   "Ctrl-D, or give a file: closecoach review deals.csv\n");
      input.name = k_stdin_name;
      input.stream = &context.io.in;
      input.never_waits = is_regular_file(context.io.in_fd);
    } else {
      input.name = path;
      input.file = open_input_file(path, context.io);
      input.stream = input.file.stream.get();
      input.never_waits = input.file.regular;
    }
    input.csv = read_as_csv(command, path, *input.stream);
    inputs.push_back(std::move(input));
  }
  return inputs;
}

// The local date, as the day --today defaults to.
CivilDate local_today() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return {local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

CivilDate today(const ReviewCommand& command) {
  if (command.today.empty()) return local_today();
  const auto date = parse_iso_date(command.today);
  if (!date) fail(fmt::format("--today '{}': expected a date as YYYY-MM-DD", command.today));
  return *date;
}

// --profile: a built-in or a profile file, loaded against the playbook.
// Without --profile, the config file's "profile" (settings.hpp).
std::optional<CrmProfile> profile(const std::string& name, const Engine& engine) {
  if (name.empty() || name == "none") return std::nullopt;
  ProfileLoad load = find_profile(name, engine.schema());
  if (!load.diagnostics.empty()) throw Failure(load.diagnostics.front());
  return std::move(load.profile);
}

ReviewOptions review_options(const ReviewCommand& command, const Engine& engine,
                             const std::string& language) {
  ReviewOptions options;
  options.explain = command.explain;
  options.language = language;
  const std::string profile_name = choose_profile(command.profile);
  options.profile = profile(profile_name, engine);
  options.detect_profile = profile_name != "none";
  options.today = today(command);
  options.keep = command.keep;
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
      : m_err(err),
        m_total(total_bytes),
        m_enabled(enabled && total_bytes > 0),
        m_start(Clock::now()),
        m_last(m_start) {}

  void update(std::size_t records, std::size_t bytes) {
    if (!m_enabled) return;
    const auto now = Clock::now();
    if (now - m_last < std::chrono::milliseconds(100)) return;
    m_last = now;
    const double seconds = std::chrono::duration<double>(now - m_start).count();
    const double share = std::min(1.0, static_cast<double>(bytes) / static_cast<double>(m_total));
    const double eta = share > 0 ? seconds / share - seconds : 0;
    const int filled = static_cast<int>(share * 30);
    fmt::print(m_err, "\r[{:#<{}}{:<{}}] {:3.0f}%  {} records  {:.0f}/s  ETA {:.0f}s ", "", filled,
               "", 30 - filled, share * 100, records,
               seconds > 0 ? static_cast<double>(records) / seconds : 0.0, eta);
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

// The CLI's side of review_streams: messages on stderr, progress on a terminal.
class Listener {
 public:
  Listener(const ReviewCommand& command, Context& context, const std::vector<Input>& inputs)
      : m_command(command), m_context(context), m_inputs(inputs) {}

  ReviewCallbacks callbacks() {
    ReviewCallbacks callbacks;
    callbacks.message = [this](const ReviewMessage& message) { print(message); };
    callbacks.progress = [this](const ReviewProgress& progress) { show(progress); };
    callbacks.stop = [this] { return must_stop(); };
    return callbacks;
  }

  // Records whose results have been written.
  std::size_t written() const { return m_written; }

 private:
  // Results written before a message reach stdout before it, so that the
  // two read in order when they share a file.
  void print(const ReviewMessage& message) {
    if (message.kind != ReviewMessage::Kind::info) m_context.io.out.flush();
    switch (message.kind) {
      case ReviewMessage::Kind::error:
      case ReviewMessage::Kind::warning:
        fmt::print(m_context.io.err, "closecoach: {}\n", format_review_message(message));
        break;
      case ReviewMessage::Kind::note:
        if (m_context.quiet) break;
        fmt::print(m_context.io.err, "closecoach: {}\n", format_review_message(message));
        break;
      case ReviewMessage::Kind::info:
        spdlog::info("{}: {}", message.file, message.text);
        break;
    }
  }

  void show(const ReviewProgress& progress) {
    switch (progress.stage) {
      case ReviewProgress::Stage::start:
        m_progress.emplace(m_context.io.err, m_inputs[progress.input].file.size,
                           m_context.io.err_is_terminal && !m_context.quiet);
        break;
      case ReviewProgress::Stage::batch:
        // Each batch reaches stdout whole: a reader downstream sees results
        // as they come, and a failed write stops the run at the next batch.
        m_context.io.out.flush();
        m_written = progress.records;
        m_progress->update(progress.records, progress.bytes);
        break;
      case ReviewProgress::Stage::end:
        m_progress->finish();
        break;
    }
  }

  // A signal, a failed write or a failed read: nothing more is written.
  bool must_stop() const {
    if (stop_signal() != 0 || !m_context.io.out) return true;
    return std::any_of(m_inputs.begin(), m_inputs.end(),
                       [](const Input& input) { return read_failed(*input.stream); });
  }

  const ReviewCommand& m_command;
  Context& m_context;
  const std::vector<Input>& m_inputs;
  std::optional<Progress> m_progress;  // of the input being read
  std::size_t m_written = 0;
};

ReviewFormat output_format(const ReviewCommand& command, const Context& context) {
  std::string name = command.output_format;
  if (name.empty()) name = context.io.out_is_terminal ? "table" : "jsonl";
  if (name == "csv") return ReviewFormat::csv;
  return name == "table" ? ReviewFormat::table : ReviewFormat::jsonl;
}

void print_counts(std::ostream& err, const char* title,
                  const std::map<std::string, std::size_t>& counts) {
  std::vector<std::string> parts;
  for (const auto& [key, count] : counts) parts.push_back(fmt::format("{} {}", key, count));
  fmt::print(err, "  {:<9} {}\n", title,
             parts.empty() ? std::string("-") : fmt::format("{}", fmt::join(parts, ", ")));
}

void print_summary(const ReviewTally& total, Context& context) {
  const std::string closed =
      total.closed > 0 ? fmt::format(", {} closed (not advised)", total.closed) : std::string();
  fmt::print(context.io.err, "closecoach: reviewed {} deals, {} with errors{}\n", total.records,
             total.errors, closed);
  print_counts(context.io.err, "by class:", total.by_class);
  print_counts(context.io.err, "by move:", total.by_move);
}

// After review_streams: what went wrong on the way, before anything is
// claimed. Throws Failure for a lost write (exit 74) or a failed read (2).
void check_streams(const std::vector<Input>& inputs, Context& context) {
  check_output(context.io);
  for (const auto& input : inputs) check_read(*input.stream, input.name);
}

}  // namespace

void run_review(const ReviewCommand& command, Context& context) {
  const Engine engine = load_engine(command.playbook);
  const std::string language = resolve_language(command.lang);
  auto reviewer = Reviewer::create(engine, review_options(command, engine, language));
  if (!reviewer.ok()) throw Failure(reviewer.error());
  const std::vector<Input> inputs = open_inputs(command, context);
  std::vector<ReviewInput> streams;
  for (const auto& input : inputs)
    streams.push_back({input.stream, input.name, input.csv, input.never_waits});
  ReviewStreamOptions options;
  options.format = output_format(command, context);
  options.color = context.color;
  options.threads = command.threads;
  options.max_record_bytes = command.max_record_bytes;
  options.first_line = command.first_line;
  Listener listener(command, context, inputs);
  const StopSignals stop_signals;
  const auto total =
      review_streams(*reviewer, streams, options, context.io.out, listener.callbacks());
  check_streams(inputs, context);
  if (const int signal = stop_signal(); signal != 0) {
    if (command.summary)
      fmt::print(context.io.err, "closecoach: stopped by {} after the results of {} deals\n",
                 signal == SIGINT ? "SIGINT" : "SIGTERM", listener.written());
    context.exit_status = exit_status_for(signal);
    return;
  }
  if (!total.ok()) throw Failure(total.error());
  spdlog::info("reviewed {} records, {} failed", total->records, total->errors);
  if (command.summary) print_summary(*total, context);
  if (total->errors > 0) context.exit_status = k_exit_failures;
}

}  // namespace closecoach::cli
