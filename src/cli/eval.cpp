// `closecoach eval`: try a condition by hand, against data given on the
// command line, and see what JsonLogic makes of it.

#include <closecoach/condition.hpp>
#include <closecoach/engine.hpp>
#include <closecoach/expression.hpp>
#include <closecoach/json_logic.hpp>
#include <closecoach/json_text.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli.hpp"
#include "common.hpp"

namespace closecoach::cli {

namespace {

using Json = nlohmann::json;

struct EvalOptions {
  std::string condition;
  std::string data;
  std::vector<std::string> assignments;
  std::string playbook;
};

// With answers and no --data (or with --playbook), the facts are the
// playbook's: answers are typed, derived facts computed, misspelt names caught.
bool knows_playbook(const EvalOptions& options) {
  return !options.playbook.empty() || (options.data.empty() && !options.assignments.empty());
}

// Errors name the argument, since a command line has no file to point into.
[[noreturn]] void fail_in(std::string_view argument, const Diagnostic& diagnostic) {
  if (diagnostic.column == 0) fail(fmt::format("{}: {}", argument, diagnostic.message));
  const std::string where =
      diagnostic.line > 1 ? fmt::format("line {}, column {}", diagnostic.line, diagnostic.column)
                          : fmt::format("column {}", diagnostic.column);
  fail(fmt::format("{} at {}: {}", argument, where, diagnostic.message));
}

Json parse_json_argument(std::string_view argument, const std::string& text) {
  auto parsed = parse_json(text, {}, json_logic::k_max_depth);
  if (!parsed.ok()) fail_in(argument, parsed.error());
  return std::move(parsed.value());
}

// JsonLogic when it looks like JSON ({ or [) or parses as JSON, so that a
// JSON string is a string literal as in JsonLogic; otherwise an expression.
Json read_condition(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && (text[first] == '{' || text[first] == '[')) {
    return parse_json_argument("CONDITION", text);
  }
  auto json = parse_json(text, {}, json_logic::k_max_depth);
  if (json.ok()) return std::move(json.value());
  auto logic = parse_expression(text);
  if (!logic.ok()) fail_in("CONDITION", logic.error());
  return std::move(logic.value());
}

// -a FACT=VALUE: VALUE is JSON when it parses as JSON, else a string; a
// dotted FACT sets a member of a nested object. VALUE that looks like JSON
// ({ or [) must be JSON: a key given twice is an error, not text.
void assign(Json& data, const std::string& assignment) {
  const auto equals = assignment.find('=');
  if (equals == std::string::npos || equals == 0) {
    fail(fmt::format("-a expects FACT=VALUE, got '{}'", assignment));
  }
  const std::string value_text = assignment.substr(equals + 1);
  auto value = parse_json(value_text, {}, json_logic::k_max_depth);
  const auto first = value_text.find_first_not_of(" \t\r\n");
  if (!value.ok() && first != std::string::npos &&
      (value_text[first] == '{' || value_text[first] == '['))
    fail_in(fmt::format("-a {}", assignment.substr(0, equals)), value.error());
  Json* target = &data;
  const std::string_view fact(assignment.data(), equals);
  std::size_t start = 0;
  for (auto dot = fact.find('.'); dot != std::string_view::npos; dot = fact.find('.', start)) {
    Json& member = (*target)[std::string(fact.substr(start, dot - start))];
    if (!member.is_object()) member = Json::object();
    target = &member;
    start = dot + 1;
  }
  (*target)[std::string(fact.substr(start))] =
      value.ok() ? std::move(value.value()) : Json(value_text);
}

Json read_data(const EvalOptions& options) {
  Json data = options.data.empty() ? Json::object() : parse_json_argument("--data", options.data);
  if (!options.assignments.empty() && !data.is_object()) {
    fail("-a needs --data to be a JSON object");
  }
  for (const auto& assignment : options.assignments) assign(data, assignment);
  return data;
}

// The answers typed by their facts, and the facts derived from them, as the
// JSON data a playbook's conditions read. Fails on a fact the playbook does
// not have, in the answers or in the condition.
Json playbook_data(const Json& rule, const EvalOptions& options) {
  const Engine engine = load_engine(options.playbook);
  std::vector<Value> answers = engine.blank_facts();
  for (const auto& assignment : options.assignments) {
    auto read = engine.read_assignment(assignment, answers);
    if (!read.ok()) fail_in(fmt::format("-a {}", assignment), read.error());
  }
  if (auto condition = Condition::compile(rule, engine.schema()); !condition.ok())
    fail_in("CONDITION", condition.error());
  const std::vector<Value> facts = engine.derive(std::move(answers));
  Json data = Json::object();
  for (std::size_t slot = 0; slot < facts.size(); ++slot)
    if (facts[slot].known())
      data[engine.schema().spec(static_cast<int>(slot)).id] =
          FactSchema::value_to_json(facts[slot]);
  return data;
}

// Prints numbers as JavaScript's JSON.stringify does: 2, not 2.0.
void normalize_numbers(Json& value) {
  if (value.is_structured()) {
    for (auto& child : value) normalize_numbers(child);
    return;
  }
  if (!value.is_number_float()) return;
  const double number = value.get<double>();
  constexpr double k_max_exact = 9007199254740992.0;  // 2^53
  if (std::isfinite(number) && std::trunc(number) == number && std::fabs(number) <= k_max_exact) {
    value = static_cast<std::int64_t>(number);
  }
}

void run_eval(const EvalOptions& options, Context& context) {
  if (!options.data.empty() && !options.playbook.empty())
    fail(
        "--data and --playbook do not go together: --data is the whole of what the condition "
        "reads");
  const Json rule = read_condition(options.condition);
  const Json data = knows_playbook(options) ? playbook_data(rule, options) : read_data(options);
  auto result = json_logic::apply(rule, data);
  if (!result.ok()) throw Failure(result.error());
  normalize_numbers(result.value());
  fmt::print(context.io.out, "{}\n",
             result->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace

void setup_eval(CLI::App& app, Context& context) {
  auto options = std::make_shared<EvalOptions>();
  auto* command = app.add_subcommand(
      "eval",
      "Evaluate a condition against data and print the result as JSON, to try a rule's `when` by "
      "hand.\n"
      "CONDITION is JsonLogic written as JSON, or a readable expression (docs/expressions.md).");
  command->footer(
      "Examples:\n"
      "  closecoach eval \"soft_closes_tried >= 2 and stage in ['negotiation', 'final_20_min']\" "
      "\\\n"
      "      -a soft_closes_tried=3 -a stage=negotiation\n"
      "  true\n"
      "  closecoach eval \"customer_class == 'A'\" -a contact_role=first_kp -a has_need=yes \\\n"
      "      -a can_pay=yes -a sees_value=yes\n"
      "  true\n"
      "  closecoach eval '{\"missing\": [\"has_need\", \"can_pay\"]}' --data '{\"has_need\": "
      "true}'\n"
      "  [\"can_pay\"]\n"
      "With -a and no --data (or with --playbook), the facts are the playbook's: a misspelt fact\n"
      "is an error, answers are typed (yes/no, an enum's value in any case) and derived facts\n"
      "are computed. With --data, the condition reads that JSON as JsonLogic does.");
  command
      ->add_option("CONDITION", options->condition,
                   "JsonLogic as JSON text, or an expression such as \"days_in_cycle > 30\"")
      ->required();
  command->add_option(
      "--data", options->data,
      "The JSON data the condition reads (default: {}); -a then sets members of it: VALUE is JSON "
      "if it parses, else text, and deal.stage=x sets a nested member");
  command->add_option("-a,--answer", options->assignments,
                      "FACT=VALUE answers a fact of the playbook (repeatable), typed as advise "
                      "reads it; derived facts such as customer_class follow from the answers");
  command->add_option(
      "--playbook", options->playbook,
      "Read facts as this playbook has them (default: the built-in playbook when -a "
      "is given without --data)");
  add_output_file_option(command, context);
  command->callback([options, &context] { run_eval(*options, context); });
}

}  // namespace closecoach::cli
