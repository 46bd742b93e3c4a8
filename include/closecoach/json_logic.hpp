#pragma once
// JsonLogic (jsonlogic.com) interpreted over plain JSON, with the semantics of
// the reference implementation json-logic-js 2.0.5: it passes the official
// language-independent suite. Used by `closecoach eval` and as the reference
// the compiled conditions (condition.hpp) are tested against.

#include <closecoach/diagnostic.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>

namespace closecoach::json_logic {

// Deepest nesting of rule or data that apply() accepts; deeper input gets a
// Diagnostic rather than a stack overflow.
inline constexpr std::size_t k_max_depth = 512;

// What one apply() may spend. A rule over a deal's facts takes a few dozen
// steps; the limits stop, within a fraction of a second, a rule that
// multiplies its work (a map inside a map inside a map over long lists, an
// `all` nested in an `all`) or what it builds (a reduce that doubles its
// accumulator).
inline constexpr std::size_t k_max_steps = 1'000'000;  // operations evaluated
// Values created or copied: one per JSON value, one more per 16 bytes of text.
inline constexpr std::size_t k_max_values = 1'000'000;

// What an apply() spent, and whether it stopped at one of the limits.
struct Usage {
  std::size_t steps = 0;
  std::size_t values = 0;
  bool exceeded = false;
};

// Applies `rule` to `data`. Fails (never throws) on an unknown operator, on
// nesting deeper than k_max_depth, on what json-logic-js throws for, and
// when the rule needs more than k_max_steps steps ("the condition needs more
// than 1000000 steps (the limit); ...") or builds more than k_max_values
// values. Fills in `usage` when given.
Result<nlohmann::json> apply(const nlohmann::json& rule, const nlohmann::json& data,
                             Usage* usage = nullptr);

// JsonLogic truthiness: false, null, 0, NaN, "" and [] are false; all else true.
bool truthy(const nlohmann::json& value);

// True when `value` is an operation: an object with exactly one key.
bool is_operation(const nlohmann::json& value);

}  // namespace closecoach::json_logic
