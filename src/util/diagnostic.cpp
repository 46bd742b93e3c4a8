#include <closecoach/diagnostic.hpp>

#include <fmt/format.h>

namespace closecoach {

std::string format_diagnostic(const Diagnostic& diagnostic) {
  std::string out;
  if (!diagnostic.file.empty()) {
    out += diagnostic.file;
    if (diagnostic.line > 0) {
      out += fmt::format(":{}", diagnostic.line);
      if (diagnostic.column > 0) out += fmt::format(":{}", diagnostic.column);
    }
    out += ": ";
  } else if (diagnostic.column > 0) {
    out += diagnostic.line > 0 ? fmt::format("{}:{}: ", diagnostic.line, diagnostic.column)
                               : fmt::format("column {}: ", diagnostic.column);
  }
  out += diagnostic.severity == Severity::error ? "error: " : "warning: ";
  out += diagnostic.message;
  if (!diagnostic.pointer.empty()) out += fmt::format(" ({})", diagnostic.pointer);
  return out;
}

}  // namespace closecoach
