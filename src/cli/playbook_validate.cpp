// `closecoach playbook validate`: every problem of a playbook, located.

#include <closecoach/json_text.hpp>
#include <closecoach/playbook.hpp>
#include <closecoach/playbook_lint.hpp>
#include <closecoach/utf8.hpp>

#include <fmt/color.h>
#include <fmt/ostream.h>

#include <cstdlib>

#include "common.hpp"
#include "playbook_commands.hpp"
#include "settings.hpp"

namespace closecoach::cli {

namespace {

// Source lines longer than this are shown as a window around the column.
constexpr std::size_t k_snippet_width = 100;

struct CodePoint {
  std::string_view bytes;
  char32_t value = 0;
};

// The code point at byte `i` of `line`; ill-formed bytes are shown as they
// are, grouped as their lead announces.
CodePoint code_point_at(std::string_view line, std::size_t i) {
  const utf8::Decoded decoded = utf8::decode(line, i);
  const std::size_t length = decoded.length > 0
                                 ? decoded.length
                                 : std::min(utf8::sequence_length(line[i]), line.size() - i);
  return {line.substr(i, length), decoded.code_point};
}

std::string_view line_of(std::string_view source, std::size_t number) {
  std::size_t start = 0;
  for (std::size_t line = 1; line < number; ++line) {
    start = source.find('\n', start);
    if (start == std::string_view::npos) return {};
    ++start;
  }
  std::string_view line = source.substr(start, source.find('\n', start) - start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// The source line (or a window of it around `column`) and a caret under it.
// Only the window is decoded: a minified playbook is one line of megabytes.
std::pair<std::string, std::string> snippet(std::string_view line, std::size_t column) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < line.size(); ++count) i += code_point_at(line, i).bytes.size();
  const std::size_t at = std::min(column - 1, count);
  std::size_t begin = 0;
  std::size_t end = count;
  if (count > k_snippet_width) {
    begin = at > k_snippet_width / 2 ? at - k_snippet_width / 2 : 0;
    end = std::min(count, begin + k_snippet_width);
  }
  std::string shown = begin > 0 ? "..." : "";
  std::string caret = begin > 0 ? "   " : "";
  std::size_t offset = 0;
  for (std::size_t i = 0; i < end; ++i) {
    const CodePoint point = code_point_at(line, offset);
    offset += point.bytes.size();
    if (i < begin) continue;
    shown += point.value == '\t' ? std::string_view(" ") : point.bytes;
    if (i < at) caret.append(utf8::display_width(point.value), ' ');
  }
  if (end < count) shown += "...";
  return {shown, caret + "^"};
}

// The diagnostics go to stderr, and are coloured as stderr may be.
Context stderr_context(Context& context) {
  return Context{context.io, context.exit_status, context.color_err};
}

std::string plural(std::size_t count, std::string_view word) {
  return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s");
}

}  // namespace

PlaybookSource read_playbook_source(const std::string& path) {
  const PlaybookChoice choice = choose_playbook(path);
  if (choice.path.empty())
    return {std::string(k_builtin_playbook_name), std::string(default_playbook_text())};
  auto text = read_text_file(choice.path, "a playbook");
  if (!text.ok()) {
    Diagnostic error = text.error();
    if (!choice.from.empty()) error.message = fmt::format("{}: {}", choice.from, error.message);
    throw Failure(error);
  }
  return {choice.path, std::move(text.value())};
}

void print_diagnostic(Context& context, const Diagnostic& diagnostic, std::string_view source) {
  const Context painter = stderr_context(context);
  std::string line = format_diagnostic(diagnostic);
  const bool error = diagnostic.severity == Severity::error;
  const std::string_view label = error ? "error:" : "warning:";
  if (const auto at = line.find(label, diagnostic.file.size()); at != std::string::npos) {
    const auto style = fmt::emphasis::bold |
                       fmt::fg(error ? fmt::terminal_color::red : fmt::terminal_color::magenta);
    line.replace(at, label.size(), paint(painter, style, label));
  }
  fmt::print(context.io.err, "{}\n", line);
  if (diagnostic.line == 0 || diagnostic.column == 0) return;
  const std::string_view source_line = line_of(source, diagnostic.line);
  if (source_line.empty()) return;
  const auto [shown, caret] = snippet(source_line, diagnostic.column);
  fmt::print(context.io.err, "{}\n{}\n", shown,
             paint(painter, fmt::fg(fmt::terminal_color::green), caret));
}

void run_validate(const ValidateOptions& options, Context& context) {
  const PlaybookSource source = read_playbook_source(options.file);
  const LintReport report = lint_playbook(source.text, source.name);
  for (const auto& diagnostic : report.diagnostics)
    print_diagnostic(context, diagnostic, source.text);
  if (!context.quiet || !report.diagnostics.empty())
    fmt::print(context.io.err, "{}: {}, {}\n", source.name, plural(report.error_count(), "error"),
               plural(report.warning_count(), "warning"));
  if (report.error_count() > 0) context.exit_status = k_exit_bad_input;
}

}  // namespace closecoach::cli
