#pragma once
// What several subcommands share: loading the engine, the language, the
// words of the interface in each language, and colour.

#include <closecoach/engine.hpp>

#include <fmt/color.h>

#include <string>
#include <string_view>

#include "cli.hpp"

namespace closecoach::cli {

// The engine for `playbook_path`, or the built-in default when it is empty.
// Throws Failure (exit 2) with the playbook's first error, located. A command
// that shows texts in one `language` only may say so: the built-in playbook
// then decodes no other (decode_playbook).
Engine load_engine(const std::string& playbook_path, std::string_view language = {});

// load_engine's engine for a command that ends the run, kept until the process
// exits and never destroyed (as clang's -disable-free does): freeing its
// thousands of nodes one by one was a twelfth of `advise`'s instructions, and
// the exit returns the memory at once. A later call (the tests run many
// commands in one process) destroys the one before.
const Engine& load_engine_until_exit(const std::string& playbook_path, std::string_view language);

// The built-in playbook as encode_playbook wrote it at build time
// (tools/compile_playbook.cpp, in the generated compiled_playbook.cpp).
std::string_view compiled_playbook();

// `requested` when given, else the language of LC_ALL / LC_MESSAGES / LANG
// when it is zh or ru, else "en".
std::string resolve_language(const std::string& requested);

// The interface's own words ("Next move", "Why", ...) in `language`; the
// consultation keeps its own (consult.hpp).
std::string_view ui_text(std::string_view key, std::string_view language);

// `text` styled when colour is on, plain otherwise.
std::string paint(const Context& context, fmt::text_style style, std::string_view text);

// Adds the --playbook and --lang options to `command`.
void add_playbook_option(CLI::App* command, std::string& path);
void add_lang_option(CLI::App* command, std::string& lang);
// Adds -o FILE (`names`): the command's result, all it writes to stdout,
// goes to FILE instead, which appears whole when the command ends without an
// error and is left as it was otherwise (`run` does the writing).
void add_output_file_option(CLI::App* command, Context& context,
                            const std::string& names = "-o,--output-file");

}  // namespace closecoach::cli
