#pragma once
// The trainer's toolchain: checking a playbook further than loading it does,
// and writing it out in one canonical form. Used by `closecoach playbook
// validate` and `closecoach playbook fmt`.

#include <closecoach/diagnostic.hpp>
#include <closecoach/engine.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace closecoach {

struct LintReport {
  // Errors and warnings, each with file, line, column and JSON pointer, in
  // the order of their place in the text.
  std::vector<Diagnostic> diagnostics;

  std::size_t error_count() const;
  std::size_t warning_count() const;
};

// Checks playbook JSON text named `file_name` in the diagnostics. Reports
// everything load_playbook reports; when the playbook loads, it also checks:
//   errors:   conditions that read facts the playbook does not declare (every
//             one, in every rule); conditions, `set` values and signals that
//             give a fact a value it cannot take; derived facts that depend on
//             themselves through rules; signal patterns that do not compile;
//             signals that set a derived fact; whatever else stops
//             Engine::create;
//   warnings: rules that can never fire (their condition is false for every
//             combination of values of the facts it reads, when there are few
//             enough combinations to try them all); techniques that no rule
//             recommends; warnings that no rule or technique raises; texts
//             missing in a language the playbook declares; labels for values a
//             fact cannot take.
// A problem inside an expression string points at its place in the string.
// Never fails: a text that is not JSON yields the one syntax error.
LintReport lint_playbook(std::string_view text, std::string_view file_name);

// What every command that uses a playbook loads it through: lint_playbook's
// report, and the engine when the report holds no error (warnings do not
// stop it). So no command uses a playbook that `validate` rejects.
struct CheckedPlaybook {
  LintReport report;
  std::optional<Engine> engine;
};
CheckedPlaybook check_playbook(std::string_view text, std::string_view file_name);

// How `format_playbook` writes each rule's `when`.
enum class ConditionForm { as_written, expression, json_logic };

struct FormattedPlaybook {
  std::string text;  // canonical JSON, ending in a newline
  // Warnings about conditions left as they were: under
  // ConditionForm::expression, a JsonLogic condition the expression grammar
  // cannot express stays JsonLogic.
  std::vector<Diagnostic> notes;
};

// `text` (a playbook that loads) in canonical form: 2-space indentation,
// UTF-8 kept as written, the keys of the playbook, its facts, techniques,
// warnings, rules and signals in the documented order (id first; keys the
// format does not know last, as written), texts in the order of the
// playbook's languages, labels in the order of the fact's values; a short
// array of scalars, and a condition that fits, on one line. Meaning is kept:
// only layout, key order and (as `form` asks) the form of conditions change;
// numbers are written as they were (1.0000000000000000001 stays so, where a
// double would be 1), and a condition holding a number that converting it
// would change stays as written, with a note.
// Formatting its own output gives the same text. Fails on text that is not a
// JSON object or, when converting conditions, on an expression that does not
// parse (both located).
Result<FormattedPlaybook> format_playbook(std::string_view text, std::string_view file_name,
                                          ConditionForm form = ConditionForm::as_written);

}  // namespace closecoach
