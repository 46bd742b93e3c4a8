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
#include <utility>
#include <vector>

namespace closecoach {

inline constexpr std::size_t k_max_json_depth = 256;

// Parses one JSON value. On failure the Diagnostic carries `file_name`, the
// line and column (1-based, code points) of the offending character, and a
// message such as "invalid JSON: expected ',' or '}' after an object member".
// Nesting deeper than `max_depth` fails the same way instead of recursing.
// A key given twice in one object fails too, located at the second, since
// either reading of it would lose what the other says:
// "duplicate key 'rules' (first at 3:3)" ("(first at column 12)" when both
// are on line 1, as in a JSON Lines record).
Result<nlohmann::json> parse_json(std::string_view text, std::string_view file_name = {},
                                  std::size_t max_depth = k_max_json_depth);

// The most that is read whole from one file: a playbook, an answers file, a
// scenario tests file (the built-in playbook is 85 KB).
inline constexpr std::size_t k_max_file_bytes = std::size_t{16} << 20;  // 16 MiB

// Reads a whole file of at most `max_bytes`, never reading past them, so
// that /dev/zero, /dev/urandom and endless pipes stop too. `what` names the
// file in the message about its size ("a playbook"). Fails with
// "FILE: larger than the 16 MiB a playbook may be",
// "cannot read FILE: Is a directory", or "cannot read FILE: REASON"
// (strerror).
Result<std::string> read_text_file(const std::string& path, std::string_view what = "a file",
                                   std::size_t max_bytes = k_max_file_bytes);

// Whether the decimal number `text` (a JSON number, or one in an expression;
// a leading sign and the space after it are allowed) survives being read as a
// double and written back in the shortest form that reads back the same
// (JavaScript's and nlohmann's): "0.1", "1.50" and "1e2" do;
// "1.0000000000000000001", "123456789012345678901234567890" and
// "18446744073709551616" do not (a double holds about 17 significant
// digits), nor does text that is no number or is out of range.
bool is_exact_number(std::string_view text);

// How a message names the type of `value`: "an integer", "a number", "a
// string", "a boolean", "an array", "an object" or "null".
std::string json_type_name(const nlohmann::json& value);

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
// pass over text that parse_json accepted, which must outlive the locator;
// a query then walks only the path it names, indexing the members of each
// object or array on it the first time (so memory stays in proportion to the
// text, and many queries into one object cost little). Queries are const but
// fill that index: one locator is not for several threads at once. For an
// object member the position is that of its key, which is where a reader
// looks first.
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
  static constexpr std::size_t k_checkpoint = 4096;  // bytes between kept positions
  struct Found {
    std::size_t start = 0;  // of the value, or of its key for a member
    std::size_t value = 0;
    bool complete = false;  // false: the deepest ancestor that exists
  };
  // The members of an object or elements of an array: where each starts
  // (its key, for a member) and where its value starts; members by key.
  struct Children {
    std::vector<std::pair<std::size_t, std::size_t>> places;
    std::unordered_map<std::string, std::size_t> keys;
  };
  Found find(std::string_view pointer) const;
  const Children& children(std::size_t open) const;
  std::size_t skip_value(std::size_t offset) const;
  TextPosition position(std::size_t offset) const;

  std::string_view m_text;
  std::vector<std::pair<std::size_t, std::size_t>> m_closings;   // [ or { → its ] or }
  std::vector<TextPosition> m_checkpoints;                       // at every k_checkpoint bytes
  mutable std::unordered_map<std::size_t, Children> m_children;  // by the offset of [ or {
};

}  // namespace closecoach
