#pragma once
// JsonLogic (jsonlogic.com) interpreted over plain JSON, with the semantics of
// the reference implementation json-logic-js 2.0.5: it passes the official
// language-independent suite. Used by `closecoach eval` and as the reference
// the compiled conditions (condition.hpp) are tested against.

#include <closecoach/diagnostic.hpp>

#include <nlohmann/json.hpp>

namespace closecoach::json_logic {

// Deepest nesting of rule or data that apply() accepts; deeper input gets a
// Diagnostic rather than a stack overflow.
inline constexpr std::size_t k_max_depth = 512;

// Applies `rule` to `data`. Fails (never throws) on an unknown operator, on
// nesting deeper than k_max_depth, and on what json-logic-js throws for.
Result<nlohmann::json> apply(const nlohmann::json& rule, const nlohmann::json& data);

// JsonLogic truthiness: false, null, 0, NaN, "" and [] are false; all else true.
bool truthy(const nlohmann::json& value);

// True when `value` is an operation: an object with exactly one key.
bool is_operation(const nlohmann::json& value);

}  // namespace closecoach::json_logic
