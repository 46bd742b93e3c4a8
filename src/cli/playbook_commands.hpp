#pragma once
// `closecoach playbook`: the trainer's toolchain (validate, test, show, fmt),
// one file per subcommand; src/cli/playbook.cpp registers them.

#include <closecoach/diagnostic.hpp>

#include <string>
#include <string_view>

#include "cli.hpp"

namespace closecoach::cli {

// A playbook's text and the name messages give it.
struct PlaybookSource {
  std::string name;
  std::string text;
};

// The name of the built-in playbook in messages.
inline constexpr std::string_view k_builtin_playbook_name = "<built-in playbook>";

// FILE's text, or the built-in playbook's when `path` is empty. Throws
// Failure (exit 2) when FILE cannot be read.
PlaybookSource read_playbook_source(const std::string& path);

// Prints `diagnostic` on stderr, ninja style: its line, then the line of
// `source` it points at and a caret under its column.
void print_diagnostic(Context& context, const Diagnostic& diagnostic, std::string_view source);

struct ValidateOptions {
  std::string file;
};

struct TestOptions {
  std::string file;
  std::string tests;
  bool coverage = false;
};

struct ShowOptions {
  std::string file;
  std::string technique;
  std::string rule;
  std::string lang;
};

struct FmtOptions {
  std::string file;
  bool check = false;
  std::string to;  // "", "expr" or "jsonlogic"
};

void run_validate(const ValidateOptions& options, Context& context);
void run_test(const TestOptions& options, Context& context);
void run_show(const ShowOptions& options, Context& context);
void run_fmt(const FmtOptions& options, Context& context);

}  // namespace closecoach::cli
