#include <closecoach/diagnostic.hpp>
#include <closecoach/utf8.hpp>

#include <fmt/format.h>

namespace closecoach {

std::string format_diagnostic(const Diagnostic& diagnostic) {
  std::string out;
  if (!diagnostic.file.empty()) {
    out += utf8::escape_for_terminal(diagnostic.file);
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
  out += utf8::escape_for_terminal(diagnostic.message);
  if (!diagnostic.pointer.empty())
    out += fmt::format(" ({})", utf8::escape_for_terminal(diagnostic.pointer));
  return out;
}

namespace {

// The bytes of the first k_quoted_characters code points of `value`.
std::size_t quoted_length(std::string_view value) {
  std::size_t end = 0;
  for (std::size_t characters = 0; end < value.size() && characters < k_quoted_characters;
       ++characters) {
    const utf8::Decoded decoded = utf8::decode(value, end);
    end += decoded.length > 0 ? decoded.length : 1;
  }
  return end;
}

}  // namespace

std::string quote(std::string_view value) {
  const std::size_t end = quoted_length(value);
  const std::string shown = utf8::escape_for_terminal(value.substr(0, end));
  if (end == value.size()) return fmt::format("'{}'", shown);
  return fmt::format("'{}…' ({} bytes)", shown, value.size());
}

std::string abridged(std::string_view value) {
  const std::size_t end = quoted_length(value);
  const std::string shown = utf8::escape_for_terminal(value.substr(0, end));
  return end == value.size() ? shown : shown + "…";
}

}  // namespace closecoach
