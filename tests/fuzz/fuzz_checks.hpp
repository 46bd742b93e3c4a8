#pragma once
// The properties the fuzzers check, shared with the regression test that
// replays every input in tests/fuzz/regressions/. Each returns an empty
// string when the input behaves, or a description of what went wrong.

#include <closecoach/expression.hpp>
#include <closecoach/json_logic.hpp>
#include <closecoach/json_text.hpp>

#include <nlohmann/json.hpp>

#include <exception>
#include <string>
#include <string_view>

namespace closecoach::fuzz {

// What apply() gives: the value, or the error's message as a string.
struct Outcome {
  bool ok = false;
  nlohmann::json value;
  std::string text() const {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  // As JSON values (2.0 equals 2), and NaN, which prints as null, equal to itself.
  bool operator==(const Outcome& other) const {
    return ok == other.ok && (value == other.value || text() == other.text());
  }
};

inline Outcome outcome(const nlohmann::json& rule, const nlohmann::json& data) {
  auto result = json_logic::apply(rule, data);
  if (!result.ok()) return {false, result.error().message};
  return {true, std::move(result.value())};
}

// parse_expression never fails without a location; whatever it parses
// renders, and the rendering parses back to the same tree.
inline std::string check_expression(std::string_view text) {
  const auto parsed = parse_expression(text);
  if (!parsed.ok()) {
    if (parsed.error().column == 0 || parsed.error().message.empty())
      return "error without a column";
    return {};
  }
  const auto rendered = to_expression(*parsed);
  if (!rendered) return "parsed tree does not render: " + parsed->dump();
  const auto again = parse_expression(*rendered);
  if (!again.ok()) return "rendering does not parse: " + *rendered + ": " + again.error().message;
  if (*again != *parsed) return "rendering parses to another tree: " + *rendered;
  (void)outcome(*parsed, nlohmann::json::object());
  return {};
}

// parse_json must not throw either (out-of-range numbers once escaped it).
inline std::string parse_both(std::string_view input, nlohmann::json& rule, nlohmann::json& data) {
  const auto newline = input.find('\n');
  try {
    auto parsed_rule = parse_json(input.substr(0, newline), {}, json_logic::k_max_depth);
    if (!parsed_rule.ok()) return "skip";
    rule = std::move(parsed_rule.value());
    if (newline == std::string_view::npos) return {};
    auto parsed_data = parse_json(input.substr(newline + 1), {}, json_logic::k_max_depth);
    if (!parsed_data.ok()) return "skip";
    data = std::move(parsed_data.value());
  } catch (const std::exception& error) {
    return std::string("parse_json threw: ") + error.what();
  }
  return {};
}

// The first line is the rule, the rest the data. apply() must return (a
// value or a Diagnostic), and where the rule renders as an expression, the
// expression must mean the same.
inline std::string check_json_logic(std::string_view input) {
  nlohmann::json rule;
  nlohmann::json data;
  const std::string problem = parse_both(input, rule, data);
  if (problem == "skip") return {};
  if (!problem.empty()) return problem;
  const Outcome expected = outcome(rule, data);
  const auto rendered = to_expression(rule);
  if (!rendered) return {};
  const auto parsed = parse_expression(*rendered);
  if (!parsed.ok()) return "rendering does not parse: " + *rendered + ": " + parsed.error().message;
  const Outcome actual = outcome(*parsed, data);
  if (actual == expected) return {};
  return "rendering " + *rendered + " gives " + actual.text() + ", the rule " + expected.text();
}

}  // namespace closecoach::fuzz
