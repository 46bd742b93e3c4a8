// The interactive consultation: one question at a time, only those that matter.

#include <closecoach/text.hpp>

#include <fmt/ostream.h>

#include <charconv>
#include <istream>
#include <optional>

#include "advise_output.hpp"
#include "common.hpp"
#include "inputs.hpp"

namespace closecoach::cli {

namespace {

enum class Reply { answered, back, stop };

void print_question(const nlohmann::json& question, std::size_t number, Context& context,
                    const std::string& language) {
  auto& out = context.io.out;
  fmt::print(out, "\n{}. {}\n", number,
             paint(context, fmt::emphasis::bold, question["text"].get<std::string>()));
  const auto& choices = question["choices"];
  for (std::size_t i = 0; i < choices.size(); ++i)
    fmt::print(out, "   {}) {}\n", i + 1, choices[i]["label"].get<std::string>());
  const std::string prompt =
      choices.empty() ? std::string(ui_text("enter_number", language))
                      : fmt::format(fmt::runtime(ui_text("choose", language)), choices.size());
  fmt::print(out, "   [{}] > ", prompt);
  out.flush();
}

std::optional<long> parse_whole(std::string_view text) {
  long number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return number;
}

// The value `reply` gives the fact in `slot`: the number of one of
// `choices`, or the number itself when there are none.
std::optional<Value> answer(const Engine& engine, int slot, const nlohmann::json& choices,
                            const std::string& reply) {
  const auto chosen = parse_whole(reply);
  if (!chosen) return std::nullopt;
  Result<Value> value = make_error("no choice");
  if (choices.empty())
    value = engine.schema().value_from_text(slot, reply);
  else if (*chosen >= 1 && static_cast<std::size_t>(*chosen) <= choices.size())
    value = engine.schema().value_from_json(
        slot, choices[static_cast<std::size_t>(*chosen - 1)]["value"]);
  if (!value.ok()) return std::nullopt;
  return *value;
}

// Replies in a row that answer nothing ("?", "b" with nothing to go back
// to, anything else that is not a choice) before the consultation gives up:
// input that is not a person (`yes x | closecoach advise --interactive`)
// must not keep it going forever.
constexpr std::size_t k_max_idle_replies = 10;

// Reads answers until one is valid, "b" (when `can_go_back`) or the end of
// input. Throws Failure (exit 2) when reading stdin fails or after
// k_max_idle_replies replies that answer nothing.
Reply ask(const Engine& engine, int slot, std::size_t number, bool can_go_back,
          std::vector<Value>& facts, const std::string& language, Context& context) {
  const nlohmann::json question = engine.question_json(slot, language);
  const auto& choices = question["choices"];
  print_question(question, number, context, language);
  std::string line;
  std::size_t idle = 0;
  const auto count_idle = [&] {
    if (++idle == k_max_idle_replies)
      fail(fmt::format("{}: {} replies in a row answer nothing; stopped at question {}",
                       k_stdin_name, idle, number));
  };
  while (std::getline(context.io.in, line)) {
    const std::string reply(trim_space(line));
    if (can_go_back && (reply == "b" || reply == "B")) return Reply::back;
    if (reply == "?") {
      count_idle();
      fmt::print(context.io.out, "   {}\n   > ", question["help"].get<std::string>());
      context.io.out.flush();
      continue;
    }
    if (const auto value = answer(engine, slot, choices, reply)) {
      facts[static_cast<std::size_t>(slot)] = *value;
      return Reply::answered;
    }
    count_idle();
    fmt::print(context.io.out, "   {}\n   > ", ui_text("invalid", language));
    context.io.out.flush();
  }
  check_read(context.io.in, k_stdin_name);
  fmt::print(context.io.out, "\n");
  return Reply::stop;
}

}  // namespace

Advice consult(const Engine& engine, std::vector<Value> facts, const std::string& language,
               Context& context) {
  check_stdin(context.io, false);
  std::vector<int> asked;
  Advice advice = engine.advise(facts);
  while (!advice.settled && advice.next_question >= 0) {
    const int slot = advice.next_question;
    const Reply reply =
        ask(engine, slot, asked.size() + 1, !asked.empty(), facts, language, context);
    if (reply == Reply::stop) {
      fmt::print(context.io.out, "{}\n\n", ui_text("stopped", language));
      break;
    }
    if (reply == Reply::back) {
      facts[static_cast<std::size_t>(asked.back())] = Value::unknown_value();
      asked.pop_back();
    } else {
      asked.push_back(slot);
    }
    advice = engine.advise(facts);
  }
  if (advice.settled) fmt::print(context.io.out, "\n");
  return advice;
}

}  // namespace closecoach::cli
