#pragma once
// Diagnostics and Result: how the core reports failure. The core never prints
// or exits; it returns a Diagnostic and the front end decides what to do.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace closecoach {

enum class Severity { error, warning };

// One problem, located as precisely as the layer that found it knows.
// line and column are 1-based; 0 means "not known". column counts Unicode
// code points, not bytes, so a caret lines up under the character.
struct Diagnostic {
  Severity severity = Severity::error;
  std::string message;  // no location and no "error:" prefix
  std::string file;     // empty when the input has no name
  std::size_t line = 0;
  std::size_t column = 0;
  std::string pointer;  // JSON pointer into the input (RFC 6901), or empty
};

// "FILE:LINE:COLUMN: error: MESSAGE (POINTER)", leaving out what is unknown,
// on one line that is safe to print on a terminal: control characters in any
// part of it are escaped as utf8::escape_for_terminal() does (\x1b, \n).
std::string format_diagnostic(const Diagnostic& diagnostic);

// The most of a value that a message quotes.
inline constexpr std::size_t k_quoted_characters = 40;

// How every message quotes a value from the user's input: in single quotes,
// its control characters escaped (utf8::escape_for_terminal), and when it is
// longer than k_quoted_characters code points, only that many of them, cut on
// a code point boundary, then an ellipsis and the value's whole length:
// 'negotiation', 'aaaa…' (15728640 bytes). So a message stays one short line
// whatever the value holds.
std::string quote(std::string_view value);

// The same cut without the quotes and the length, for a list of names in a
// message: "Account", "aaaa…".
std::string abridged(std::string_view value);

// Either a value or the Diagnostic that explains why there is none.
// (g++ 12 has no std::expected.)
template <class T>
class Result {
 public:
  Result(T value) : m_state(std::move(value)) {}           // NOLINT(google-explicit-constructor)
  Result(Diagnostic error) : m_state(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  [[nodiscard]] bool ok() const { return m_state.index() == 0; }
  explicit operator bool() const { return ok(); }
  // Precondition: ok().
  T& value() & { return std::get<0>(m_state); }
  const T& value() const& { return std::get<0>(m_state); }
  T&& value() && { return std::get<0>(std::move(m_state)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  // Precondition: !ok().
  const Diagnostic& error() const { return std::get<1>(m_state); }
  Diagnostic& error() { return std::get<1>(m_state); }

 private:
  std::variant<T, Diagnostic> m_state;
};

inline Diagnostic make_error(std::string message, std::string pointer = {}) {
  Diagnostic diagnostic;
  diagnostic.message = std::move(message);
  diagnostic.pointer = std::move(pointer);
  return diagnostic;
}

}  // namespace closecoach
