// The interactive consultation: one question at a time, only those that matter.

#include <closecoach/text.hpp>

#include <fmt/ostream.h>

#include <charconv>
#include <istream>
#include <optional>

#include "advise_output.hpp"
#include "common.hpp"

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

// Reads answers until one is valid, "b" or the end of input.
Reply ask(const Engine& engine, int slot, std::size_t number, std::vector<Value>& facts,
          const std::string& language, Context& context) {
  const nlohmann::json question = engine.question_json(slot, language);
  const auto& choices = question["choices"];
  print_question(question, number, context, language);
  std::string line;
  while (std::getline(context.io.in, line)) {
    const std::string reply(trim_space(line));
    if (reply == "b" || reply == "B") return Reply::back;
    if (reply == "?") {
      fmt::print(context.io.out, "   {}\n   > ", question["help"].get<std::string>());
      context.io.out.flush();
      continue;
    }
    if (const auto chosen = parse_whole(reply)) {
      if (!choices.empty() && *chosen >= 1 && static_cast<std::size_t>(*chosen) <= choices.size()) {
        auto value = engine.schema().value_from_json(
            slot, choices[static_cast<std::size_t>(*chosen - 1)]["value"]);
        if (value.ok()) {
          facts[static_cast<std::size_t>(slot)] = *value;
          return Reply::answered;
        }
      } else if (choices.empty()) {
        auto value = engine.schema().value_from_text(slot, reply);
        if (value.ok()) {
          facts[static_cast<std::size_t>(slot)] = *value;
          return Reply::answered;
        }
      }
    }
    fmt::print(context.io.out, "   {}\n   > ", ui_text("invalid", language));
    context.io.out.flush();
  }
  fmt::print(context.io.out, "\n");
  return Reply::stop;
}

}  // namespace

Advice consult(const Engine& engine, std::vector<Value> facts, const std::string& language,
               Context& context) {
  std::vector<int> asked;
  Advice advice = engine.advise(facts);
  while (!advice.settled && advice.next_question >= 0) {
    const int slot = advice.next_question;
    const Reply reply = ask(engine, slot, asked.size() + 1, facts, language, context);
    if (reply == Reply::stop) {
      fmt::print(context.io.out, "{}\n\n", ui_text("stopped", language));
      break;
    }
    if (reply == Reply::back) {
      if (!asked.empty()) {
        facts[static_cast<std::size_t>(asked.back())] = Value::unknown_value();
        asked.pop_back();
      }
    } else {
      asked.push_back(slot);
    }
    advice = engine.advise(facts);
  }
  if (advice.settled) fmt::print(context.io.out, "\n");
  return advice;
}

}  // namespace closecoach::cli
