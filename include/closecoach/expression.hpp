#pragma once
// Readable condition expressions, such as
//   soft_closes_tried >= 2 and stage in ['negotiation', 'final_20_min']
// compile to the same JsonLogic tree a trainer could write by hand. The
// grammar is documented in docs/expressions.md.

#include <closecoach/diagnostic.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace closecoach {

// Deepest nesting of parentheses, lists and operators parse_expression accepts.
inline constexpr std::size_t k_max_expression_depth = 256;

// Parses `text` into JsonLogic. On failure the Diagnostic's column (1-based,
// in code points) points at the offending character and its message says
// what was expected there, e.g. "expected a value after 'and'".
Result<nlohmann::json> parse_expression(std::string_view text);

// Where a node of an expression stands in its text: byte offsets [begin, end).
struct ExpressionSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// An expression parsed as parse_expression does, with where things stand in
// its text: each node's span by JSON pointer into `logic` ("" is the whole; a
// fact's node is its {"var": ...}), or on failure the byte offset of the
// offending character (the one the Diagnostic's line and column name).
struct LocatedExpression {
  Result<nlohmann::json> logic;
  std::map<std::string, ExpressionSpan> spans;
  std::size_t error_offset = 0;
};
LocatedExpression parse_located_expression(std::string_view text);

// Renders JsonLogic as an expression that parse_expression turns back into an
// equal tree, with as few parentheses as precedence allows. Returns nullopt
// for trees the grammar cannot express (operators such as map or reduce).
std::optional<std::string> to_expression(const nlohmann::json& logic);

// A condition as a playbook or the command line holds it: a JSON string is an
// expression and is parsed; any other JSON value is JsonLogic already.
Result<nlohmann::json> condition_to_logic(const nlohmann::json& condition);

}  // namespace closecoach
