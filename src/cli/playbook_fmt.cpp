// `closecoach playbook fmt`: a playbook in canonical form, rewritten in place
// atomically, checked, or printed.

#include <closecoach/playbook_lint.hpp>

#include <fmt/ostream.h>

#include "atomic_file.hpp"
#include "playbook_commands.hpp"

namespace closecoach::cli {

namespace {

ConditionForm form_of(const std::string& to) {
  if (to == "expr") return ConditionForm::expression;
  if (to == "jsonlogic") return ConditionForm::json_logic;
  return ConditionForm::as_written;
}

// Refuses a playbook with errors: formatting must not guess at what it means.
void require_valid(const PlaybookSource& source, Context& context) {
  const LintReport report = lint_playbook(source.text, source.name);
  if (report.error_count() == 0) return;
  for (const auto& diagnostic : report.diagnostics)
    if (diagnostic.severity == Severity::error) print_diagnostic(context, diagnostic, source.text);
  fail(fmt::format("{} has errors; it was not formatted", source.name));
}

}  // namespace

void run_fmt(const FmtOptions& options, Context& context) {
  const PlaybookSource source = read_playbook_source(options.file);
  require_valid(source, context);
  auto formatted = format_playbook(source.text, source.name, form_of(options.to));
  if (!formatted.ok()) throw Failure(formatted.error());
  for (const auto& note : formatted->notes) print_diagnostic(context, note, source.text);
  const bool changed = formatted->text != source.text;
  if (options.check) {
    if (changed) {
      fmt::print(context.io.err, "would reformat {}\n", source.name);
      context.exit_status = k_exit_failures;
    }
  } else if (options.file.empty() || !context.output_file.empty()) {
    fmt::print(context.io.out, "{}", formatted->text);
  } else if (changed) {
    write_atomically(options.file, formatted->text, "it was not formatted", context);
    if (!context.quiet) fmt::print(context.io.err, "reformatted {}\n", options.file);
  }
}

}  // namespace closecoach::cli
