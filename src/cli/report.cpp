// `closecoach report`: review output summed up for a manager, as JSON for
// scripts, text, Markdown, or one HTML page with charts.

#include <closecoach/json_text.hpp>
#include <closecoach/line_reader.hpp>
#include <closecoach/report.hpp>

#include <CLI/CLI.hpp>
#include <fmt/ostream.h>
#include <spdlog/spdlog.h>

#include <ctime>
#include <memory>

#include "common.hpp"
#include "inputs.hpp"
#include "options.hpp"
#include "playbook_commands.hpp"

namespace closecoach::cli {

namespace {

struct ReportOptions {
  std::vector<std::string> inputs;
  std::string format = "text";
  std::string lang;
  std::string playbook;
  std::size_t attention = 50;
  std::string date;
};

// A review line is small; a longer one is not review output.
constexpr std::size_t k_max_line_bytes = std::size_t{16} << 20;

ReportFormat format_of(const std::string& name) {
  if (name == "json") return ReportFormat::json;
  if (name == "markdown") return ReportFormat::markdown;
  if (name == "html") return ReportFormat::html;
  return ReportFormat::text;
}

std::string local_date() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return fmt::format("{:04}-{:02}-{:02}", local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

Diagnostic too_long_line(std::size_t length) {
  return make_error(fmt::format("not review output: a line of {} bytes", length));
}

// Feeds every line of `stream` to `report`; a line that is not review output
// is reported on stderr as "NAME:LINE: warning: ..." and the report goes on.
void read_stream(std::istream& stream, const std::string& name, ReportAggregator& report,
                 Context& context) {
  LineReader reader(stream, k_max_line_bytes);
  std::string line;
  bool too_long = false;
  std::size_t length = 0;
  while (reader.next(line, too_long, length)) {
    Result<bool> added = too_long ? Result<bool>(too_long_line(length)) : report.add_line(line);
    if (too_long) report.add_bad_line();
    if (added.ok()) continue;
    Diagnostic diagnostic = std::move(added.error());
    diagnostic.severity = Severity::warning;
    diagnostic.file = name;
    diagnostic.line = reader.line_number();
    fmt::print(context.io.err, "{}\n", format_diagnostic(diagnostic));
  }
  check_read(stream, name);
}

void read_inputs(const ReportOptions& options, ReportAggregator& report, Context& context) {
  const std::vector<std::string> paths =
      options.inputs.empty() ? std::vector<std::string>{"-"} : options.inputs;
  std::vector<InputFile> files;
  for (const auto& path : paths) {  // every input is checked before any is read
    if (path == "-")
      check_stdin(context.io, true);
    else
      files.push_back(open_input_file(path, context.io));
  }
  auto file = files.begin();
  for (const auto& path : paths) {
    if (path == "-")
      read_stream(context.io.in, k_stdin_name, report, context);
    else
      read_stream(*(file++)->stream, path, report, context);
  }
}

// The playbook's "version" as written, for the page; empty when it has none.
std::string playbook_version(const std::string& path) {
  const PlaybookSource source = read_playbook_source(path);
  auto json = parse_json(source.text, source.name);
  if (!json.ok() || !json->is_object() || !json->contains("version")) return {};
  const auto& version = (*json)["version"];
  return version.is_string() ? version.get<std::string>() : version.dump();
}

void run_report(const ReportOptions& options, Context& context) {
  const Engine engine = load_engine(options.playbook);
  ReportContext about;
  about.language = resolve_language(options.lang);
  about.playbook_name = engine.playbook().name;
  about.playbook_version = playbook_version(options.playbook);
  about.date = options.date.empty() ? local_date() : options.date;
  ReportAggregator report(options.attention);
  read_inputs(options, report, context);
  const std::string text =
      render_report(report, format_of(options.format), engine.playbook(), about);
  fmt::print(context.io.out, "{}", text);
  spdlog::info("reported {} deals, {} lines were not review output", report.total().deals,
               report.bad_lines());
  if (report.bad_lines() > 0) context.exit_status = k_exit_failures;
}

}  // namespace

void setup_report(CLI::App& app, Context& context) {
  auto options = std::make_shared<ReportOptions>();
  auto* command = app.add_subcommand(
      "report",
      "Sum up review output for a manager: figures per owner, what to coach, deals needing "
      "attention.\n"
      "Input: closecoach review's JSON Lines, from files or - (stdin); shards of one run may be "
      "given together.\n"
      "A line that is not review output is reported as FILE:LINE and skipped; exit status 1 if "
      "any was.");
  command->footer(
      "Examples:\n"
      "  closecoach review deals.csv | closecoach report --format html -o report.html -\n"
      "  closecoach report reviewed.jsonl\n"
      "  closecoach report shard-1.jsonl shard-2.jsonl --format markdown --lang zh\n"
      "  closecoach report reviewed.jsonl --format json --attention 0 -o summary.json");
  command->add_option("inputs", options->inputs,
                      "Review output files, or - for stdin (default: -)");
  command
      ->add_option("--format", options->format,
                   "Output: text (default), markdown, html (one page with charts), or json")
      ->check(one_of({"text", "markdown", "html", "json"}));
  add_output_file_option(command, context, "-o,--output,--output-file");
  command
      ->add_option("--attention", options->attention,
                   "Deals listed as needing attention, most urgent first (default: 50; 0: all)")
      ->check(whole_number("a number of deals", 0, 1000000000));
  command->add_option("--date", options->date,
                      "The date the report names (default: today), as written");
  add_lang_option(command, options->lang);
  add_playbook_option(command, options->playbook);
  command->callback([options, &context] { run_report(*options, context); });
}

}  // namespace closecoach::cli
