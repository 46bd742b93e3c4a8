#pragma once
// Readable condition expressions, such as
//   soft_closes_tried >= 2 and stage in ['negotiation', 'final_20_min']
// compile to the same JsonLogic tree a trainer could write by hand. The
// grammar is documented in docs/expressions.md.

#include <closecoach/diagnostic.hpp>

#include <nlohmann/json.hpp>

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

// Renders JsonLogic as an expression that parse_expression turns back into an
// equal tree, with as few parentheses as precedence allows. Returns nullopt
// for trees the grammar cannot express (operators such as map or reduce).
std::optional<std::string> to_expression(const nlohmann::json& logic);

// A condition as a playbook or the command line holds it: a JSON string is an
// expression and is parsed; any other JSON value is JsonLogic already.
Result<nlohmann::json> condition_to_logic(const nlohmann::json& condition);

}  // namespace closecoach
