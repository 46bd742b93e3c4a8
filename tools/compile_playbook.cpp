// Compiles the built-in playbook at build time, so that the program reads it
// at start-up without parsing JSON or checking it:
//   closecoach_compile_playbook PLAYBOOK.json OUTPUT.cpp
// loads and checks PLAYBOOK.json as `closecoach playbook validate` would
// (errors fail the build, naming file:line:column) and writes OUTPUT.cpp
// defining closecoach::cli::compiled_playbook(), its encode_playbook bytes.
#include <closecoach/diagnostic.hpp>
#include <closecoach/engine.hpp>
#include <closecoach/json_text.hpp>
#include <closecoach/playbook.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

namespace {

// The bytes as a C++ string literal, octal escapes throughout (a hex escape
// would swallow a following digit), 32 bytes a line.
std::string as_literal(const std::string& bytes) {
  std::string out = "\"";
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const auto byte = static_cast<unsigned char>(bytes[i]);
    const char digits[] = {'\\', static_cast<char>('0' + (byte >> 6U)),
                           static_cast<char>('0' + ((byte >> 3U) & 7U)),
                           static_cast<char>('0' + (byte & 7U))};
    out.append(digits, sizeof digits);
    if (i % 32 == 31 && i + 1 < bytes.size()) out += "\"\n    \"";
  }
  return out + "\"";
}

std::string source_for(const std::string& bytes) {
  return "// Written by closecoach_compile_playbook from data/playbook.json: do not edit.\n"
         "#include <string_view>\n\n"
         "namespace closecoach::cli {\n\n"
         "std::string_view compiled_playbook();\n\n"
         "namespace {\n"
         "constexpr char k_compiled_playbook[] =\n    " +
         as_literal(bytes) +
         ";\n}  // namespace\n\n"
         "std::string_view compiled_playbook() {\n"
         "  return {k_compiled_playbook, sizeof k_compiled_playbook - 1};\n"
         "}\n\n"
         "}  // namespace closecoach::cli\n";
}

int fail(const std::string& message) {
  std::cerr << "closecoach_compile_playbook: " << message << '\n';
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) return fail("usage: closecoach_compile_playbook PLAYBOOK.json OUTPUT.cpp");
  const auto text = closecoach::read_text_file(argv[1], "a playbook");
  if (!text.ok()) return fail(closecoach::format_diagnostic(text.error()));
  closecoach::PlaybookLoad load = closecoach::load_playbook(*text, argv[1]);
  for (const auto& diagnostic : load.diagnostics)
    if (diagnostic.severity == closecoach::Severity::error)
      return fail(closecoach::format_diagnostic(diagnostic));
  const std::string bytes = closecoach::encode_playbook(*load.playbook);
  if (auto engine = closecoach::Engine::create(*load.playbook); !engine.ok())
    return fail(closecoach::format_diagnostic(engine.error()));
  const std::string temporary = std::string(argv[2]) + ".tmp";
  std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
  out << source_for(bytes);
  out.close();
  if (!out || std::rename(temporary.c_str(), argv[2]) != 0)
    return fail(std::string("cannot write ") + argv[2]);
  return 0;
}
