// Writes the man page closecoach(1) from docs/closecoach.1.in and the CLI11
// command tree that `run` parses with (build_app), so the page's synopsis and
// options cannot drift from the program:
//   closecoach_man TEMPLATE OUTPUT   fills @VERSION@, @SYNOPSIS@, @OPTIONS@ and
//                                    @COMMANDS@ and writes OUTPUT
//   closecoach_man --check PAGE      exits 1 naming each command, option,
//                                    exit status or variable PAGE lacks
#include <closecoach/version.hpp>

#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli.hpp"

namespace {

using closecoach::cli::Context;
using closecoach::cli::GlobalOptions;
using closecoach::cli::Streams;

// Text as roff reads it: backslashes and hyphens escaped, a line that starts
// with a control character made text, and non-ASCII as \[uXXXX].
std::string escape_line(const std::string& text) {
  std::string out;
  if (!text.empty() && (text[0] == '.' || text[0] == '\'')) out += "\\&";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\\') {
      out += "\\e";
    } else if (byte == '-') {
      out += "\\-";
    } else if (byte < 0x80) {
      out += static_cast<char>(byte);
    } else {
      int length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
      unsigned code = byte & (length == 4 ? 0x07U : length == 3 ? 0x0FU : 0x1FU);
      for (int k = 1; k < length && i + 1 < text.size(); ++k)
        code = (code << 6) | (static_cast<unsigned char>(text[++i]) & 0x3FU);
      char buffer[16];
      std::snprintf(buffer, sizeof buffer, "\\[u%04X]", code);
      out += buffer;
    }
  }
  return out;
}

// Paragraphs of a description: each line escaped, an empty line a break.
std::string escape_text(const std::string& text) {
  std::string out;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    const auto start = line.find_first_not_of(' ');
    if (start == std::string::npos) {
      out += ".sp\n";
    } else {
      if (start > 0) out += ".br\n";
      out += escape_line(line) + "\n";
    }
  }
  return out;
}

bool shown(const CLI::Option* option) { return !option->get_group().empty(); }

std::vector<const CLI::App*> commands_of(const CLI::App& app) {
  std::vector<const CLI::App*> out;
  for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; }))
    out.push_back(command);
  return out;
}

std::string path_of(const CLI::App& command) {
  std::string path;
  for (const CLI::App* at = &command; at != nullptr; at = at->get_parent())
    path = at->get_name() + (path.empty() ? "" : " " + path);
  return path;
}

std::string argument_of(const CLI::Option& option) {
  if (option.get_expected_max() == 0 || option.get_type_size_max() == 0) return "";  // a flag
  std::string type = option.get_type_name();
  return type.empty() ? "VALUE" : type;
}

// One option as a tagged paragraph: its names in bold, its argument in italics.
std::string option_entry(const CLI::Option& option) {
  std::string tag;
  if (option.get_positional()) {
    tag = "\\fI" + escape_line(option.get_name()) + "\\fR";
    if (option.get_items_expected_max() > 1) tag += " ...";
  } else {
    for (const std::string& name : option.get_snames())
      tag += (tag.empty() ? "" : ", ") + std::string("\\fB") + escape_line("-" + name) + "\\fR";
    for (const std::string& name : option.get_lnames())
      tag += (tag.empty() ? "" : ", ") + std::string("\\fB") + escape_line("--" + name) + "\\fR";
    const std::string argument = argument_of(option);
    if (!argument.empty()) tag += " \\fI" + escape_line(argument) + "\\fR";
  }
  std::string out = ".TP\n" + tag + "\n";
  std::string description = option.get_description();
  if (!option.get_default_str().empty() && !option.get_positional())
    description += " (default: " + option.get_default_str() + ")";
  out += description.empty() ? "\\&\n" : escape_text(description);
  return out;
}

std::string synopsis_of(const CLI::App& command) {
  std::string out = ".B " + escape_line(path_of(command)) + "\n";
  bool has_options = false;
  for (const CLI::Option* option : command.get_options())
    if (shown(option) && !option->get_positional()) has_options = true;
  if (has_options) out += ".RI [ options ]\n";
  for (const CLI::Option* option : command.get_options()) {
    if (!shown(option) || !option->get_positional()) continue;
    std::string name = escape_line(option->get_name());
    if (option->get_items_expected_max() > 1) name += " ...";
    out += option->get_required() ? ".I \"" + name + "\"\n" : ".RI [ \"" + name + "\" ]\n";
  }
  return out;
}

void synopsis(const CLI::App& command, std::string& out) {
  const auto children = commands_of(command);
  if (children.empty() || command.get_parent() == nullptr) {
    if (!out.empty()) out += ".br\n";
    out += command.get_parent() == nullptr ? ".B closecoach\n.I command\n.RI [ options ]\n"
                                           : synopsis_of(command);
  }
  for (const CLI::App* child : children) synopsis(*child, out);
}

std::string options_of(const CLI::App& command) {
  std::string out;
  for (const CLI::Option* option : command.get_options())
    if (shown(option)) out += option_entry(*option);
  return out;
}

void commands(const CLI::App& command, std::string& out) {
  for (const CLI::App* child : commands_of(command)) {
    out += ".SS \"" + escape_line(path_of(*child)) + "\"\n";
    out += escape_text(child->get_description());
    const std::string options = options_of(*child);
    if (!options.empty()) out += options;
    commands(*child, out);
  }
}

void replace(std::string& text, const std::string& placeholder, const std::string& value) {
  const auto at = text.find(placeholder);
  if (at == std::string::npos) throw std::runtime_error("template lacks " + placeholder);
  text.replace(at, placeholder.size(), value);
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// What the page must name: every command, every shown option, every exit
// status of cli.hpp and every variable closecoach reads.
std::vector<std::string> missing_from(const CLI::App& app, const std::string& page) {
  std::vector<std::string> missing;
  const auto need = [&](const std::string& roff, const std::string& what) {
    if (page.find(roff) == std::string::npos) missing.push_back(what);
  };
  const auto walk = [&](const CLI::App& command, const auto& self) -> void {
    if (command.get_parent() != nullptr)
      need(".SS \"" + escape_line(path_of(command)) + "\"", "command '" + path_of(command) + "'");
    for (const CLI::Option* option : command.get_options()) {
      if (!shown(option)) continue;
      const std::string where = " of '" + path_of(command) + "'";
      if (option->get_positional())
        need(escape_line(option->get_name()), option->get_name() + where);
      for (const std::string& name : option->get_snames())
        need("\\fB" + escape_line("-" + name) + "\\fR", "-" + name + where);
      for (const std::string& name : option->get_lnames())
        need("\\fB" + escape_line("--" + name) + "\\fR", "--" + name + where);
    }
    for (const CLI::App* child : commands_of(command)) self(*child, self);
  };
  walk(app, walk);
  using namespace closecoach::cli;
  for (int status : {k_exit_ok, k_exit_failures, k_exit_bad_input, k_exit_internal,
                     k_exit_write_error, k_exit_interrupted, k_exit_terminated})
    need(".B " + std::to_string(status) + "\n", "exit status " + std::to_string(status));
  for (const char* name : {"CLOSECOACH_PLAYBOOK", "CLOSECOACH_DB", "NO_COLOR", "LANG", "LC_ALL"})
    need(std::string(".B ") + name + "\n", std::string("environment variable ") + name);
  for (const char* section :
       {".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS", ".SH COMMANDS",
        ".SH \"EXIT STATUS\"", ".SH ENVIRONMENT", ".SH FILES", ".SH EXAMPLES"})
    need(std::string(section) + "\n", std::string("section ") + section);
  return missing;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    std::istringstream no_input;
    std::ostringstream no_output;
    Streams io{no_input, no_output, no_output, false, false, false, -1, -1, false};
    Context context{io, closecoach::cli::k_exit_ok, false};
    GlobalOptions globals;
    CLI::App app;
    closecoach::cli::build_app(app, context, globals);
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() == 2 && args[0] == "--check") {
      const auto missing = missing_from(app, read_all(args[1]));
      for (const std::string& what : missing)
        std::cerr << args[1] << ": the man page does not document " << what << "\n";
      if (missing.empty()) std::cout << args[1] << ": documents every command and option\n";
      return missing.empty() ? 0 : 1;
    }
    if (args.size() != 2) {
      std::cerr << "usage: closecoach_man TEMPLATE OUTPUT | closecoach_man --check PAGE\n";
      return 2;
    }
    std::string page = read_all(args[0]);
    std::string synopsis_text;
    synopsis(app, synopsis_text);
    replace(page, "@VERSION@", closecoach::version());
    replace(page, "@SYNOPSIS@\n", synopsis_text);
    replace(page, "@OPTIONS@\n", options_of(app));
    std::string commands_text;
    commands(app, commands_text);
    replace(page, "@COMMANDS@\n", commands_text);
    const std::string temporary = args[1] + ".tmp";
    {
      std::ofstream out(temporary, std::ios::binary);
      out << page;
      if (!out.flush()) throw std::runtime_error("cannot write " + temporary);
    }
    if (std::rename(temporary.c_str(), args[1].c_str()) != 0)
      throw std::runtime_error("cannot write " + args[1]);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "closecoach_man: " << e.what() << "\n";
    return 1;
  }
}
