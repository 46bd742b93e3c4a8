#pragma once
// JSON text in and out of the core: parsing with errors located by line and
// column, and finding where in the text a JSON pointer's value stands
// (Debian's nlohmann_json 3.11.2 keeps no positions).

#include <closecoach/diagnostic.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

namespace closecoach {

inline constexpr std::size_t k_max_json_depth = 256;

// Parses one JSON value. On failure the Diagnostic carries `file_name`, the
// line and column (1-based, code points) of the offending character, and a
// message such as "invalid JSON: expected ',' or '}' after an object member".
// Nesting deeper than `max_depth` fails the same way instead of recursing.
Result<nlohmann::json> parse_json(std::string_view text, std::string_view file_name = {},
                                  std::size_t max_depth = k_max_json_depth);

// Reads a whole file. Fails with "cannot read FILE: REASON".
Result<std::string> read_text_file(const std::string& path);

// `token` escaped for use in a JSON pointer (RFC 6901): "~" → "~0", "/" → "~1".
std::string json_pointer_token(std::string_view token);

// Line and column of the byte at `offset` in `text` (1-based; columns count
// code points).
struct TextPosition {
  std::size_t line = 1;
  std::size_t column = 1;
};
TextPosition position_of(std::string_view text, std::size_t offset);

// Where byte `offset` of a JSON string's value (as decoded) stands in `text`,
// the string's opening quote being at `quote` (as JsonLocator::locate_value
// gives it). Escapes count as written: \" and \n take two characters, \uXXXX
// six, a surrogate pair twelve. An offset past the value gives its closing
// quote; a `quote` that is no quote gives `quote`.
TextPosition position_in_string(std::string_view text, TextPosition quote, std::size_t offset);

// Where each value of a JSON document starts, by JSON pointer. Built by one
// pass over text that parse_json accepted. For an object member the position
// is that of its key, which is where a reader looks first.
class JsonLocator {
 public:
  JsonLocator() = default;
  explicit JsonLocator(std::string_view text);

  // The position of `pointer`'s value, or of its nearest existing ancestor.
  TextPosition locate(std::string_view pointer) const;
  // Where `pointer`'s value itself starts (for a member: after the colon).
  TextPosition locate_value(std::string_view pointer) const;
  // Fills in `diagnostic`'s line and column from its pointer (if it has one).
  void locate(Diagnostic& diagnostic) const;

 private:
  std::unordered_map<std::string, TextPosition> m_positions;
  std::unordered_map<std::string, TextPosition> m_values;
};

}  // namespace closecoach
