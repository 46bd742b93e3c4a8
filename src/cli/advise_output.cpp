#include "advise_output.hpp"

#include <fmt/color.h>
#include <fmt/ostream.h>

#include "common.hpp"

namespace closecoach::cli {

namespace {

constexpr auto k_heading = fmt::emphasis::bold;
const auto k_move = fmt::emphasis::bold | fmt::fg(fmt::terminal_color::green);
const auto k_danger = fmt::fg(fmt::terminal_color::red);
const auto k_caution = fmt::fg(fmt::terminal_color::yellow);

// A colon as each language writes it after a label.
std::string_view colon(const std::string& language) { return language == "zh" ? "：" : ": "; }
std::string_view line_colon(const std::string& language) { return language == "zh" ? "：" : ":"; }

std::string value_text(const Engine& engine, int slot, const Value& value,
                       const std::string& language) {
  if (!value.known()) return std::string(ui_text("unknown", language));
  const Fact* fact = engine.playbook().find_fact(engine.schema().spec(slot).id);
  const nlohmann::json json = FactSchema::value_to_json(value);
  const std::string key = json.is_string() ? json.get<std::string>() : json.dump();
  if (fact != nullptr) {
    if (const auto label = fact->labels.find(key); label != fact->labels.end())
      return fmt::format("{} ({})", key, text_in(label->second, language));
  }
  return key;
}

void print_move(const Engine& engine, const Move& move, const std::string& language,
                Context& context) {
  const auto& technique = engine.playbook().techniques[static_cast<std::size_t>(move.technique)];
  auto& out = context.io.out;
  fmt::print(out, "{}{}{}\n", paint(context, k_heading, ui_text("next_move", language)),
             colon(language), paint(context, k_move, text_in(technique.name, language)));
  fmt::print(out, "  {}\n\n", text_in(technique.summary, language));
  fmt::print(out, "{}{}\n", paint(context, k_heading, ui_text("say", language)),
             line_colon(language));
  for (const auto& line : text_in(technique.say, language)) fmt::print(out, "  > {}\n", line);
  fmt::print(out, "\n{}{}\n", paint(context, k_heading, ui_text("why", language)),
             line_colon(language));
  for (const int rule : move.rules)
    fmt::print(out, "  - {}\n",
               text_in(engine.playbook().rules[static_cast<std::size_t>(rule)].because, language));
}

}  // namespace

void print_advice_text(const Engine& engine, const Advice& advice, const std::string& language,
                       Context& context) {
  const auto& playbook = engine.playbook();
  auto& out = context.io.out;
  if (advice.moves.empty())
    fmt::print(out, "{}\n", ui_text("no_move", language));
  else
    print_move(engine, advice.moves.front(), language, context);
  if (!advice.avoid.empty()) {
    fmt::print(out, "\n{}{}\n", paint(context, k_heading, ui_text("avoid", language)),
               line_colon(language));
    for (const auto& avoid : advice.avoid)
      fmt::print(out, "  x {}{}{}\n",
                 paint(context, k_danger,
                       text_in(playbook.techniques[static_cast<std::size_t>(avoid.technique)].name,
                               language)),
                 colon(language),
                 text_in(playbook.rules[static_cast<std::size_t>(avoid.rule)].because, language));
  }
  if (!advice.warnings.empty()) {
    fmt::print(out, "\n{}{}\n", paint(context, k_heading, ui_text("warnings", language)),
               line_colon(language));
    for (const auto& raised : advice.warnings)
      fmt::print(out, "  ! {}\n",
                 paint(context, k_caution,
                       text_in(playbook.warnings[static_cast<std::size_t>(raised.warning)].text,
                               language)));
  }
  if (advice.moves.size() > 1) {
    fmt::print(out, "\n{}{}\n", paint(context, k_heading, ui_text("also", language)),
               line_colon(language));
    for (std::size_t i = 1; i < advice.moves.size(); ++i) {
      const auto& technique =
          playbook.techniques[static_cast<std::size_t>(advice.moves[i].technique)];
      fmt::print(out, "  {}. {}{}{}\n", i + 1, text_in(technique.name, language), colon(language),
                 text_in(technique.summary, language));
    }
  }
  const int class_slot = engine.schema().slot_of(k_customer_class_fact);
  if (class_slot >= 0) {
    const Value& value = advice.facts[static_cast<std::size_t>(class_slot)];
    const std::string shown = value.kind == Value::Kind::string
                                  ? std::string(value.string)
                                  : std::string(ui_text("none", language));
    fmt::print(out, "\n{}{}{}\n", paint(context, k_heading, ui_text("class", language)),
               colon(language), shown);
  }
  if (!advice.settled)
    fmt::print(out, "\n{}\n", paint(context, k_caution, ui_text("not_settled", language)));
}

void print_why_not_text(const Engine& engine, const WhyNot& why_not, const Advice& advice,
                        const std::string& language, Context& context) {
  const auto& playbook = engine.playbook();
  auto& out = context.io.out;
  const auto& technique = playbook.techniques[static_cast<std::size_t>(why_not.technique)];
  fmt::print(out, "\n{} {}?\n", paint(context, k_heading, ui_text("why_not", language)),
             text_in(technique.name, language));
  if (!advice.moves.empty() && advice.moves.front().technique == why_not.technique) {
    fmt::print(out, "  {}\n", ui_text("is_top", language));
    return;
  }
  for (const auto& report : why_not.rules) {
    const auto& rule = playbook.rules[static_cast<std::size_t>(report.rule)];
    fmt::print(out, "  {} {}: {}\n", ui_text("rule", language), rule.id,
               text_in(rule.because, language));
    for (const auto& failed : report.failed) {
      std::vector<std::string> facts;
      for (const auto& [slot, value] : failed.facts)
        facts.push_back(fmt::format("{} = {}", engine.schema().spec(slot).id,
                                    value_text(engine, slot, value, language)));
      fmt::print(out, "    {} {}  [{}]\n", ui_text("failed", language), failed.condition,
                 fmt::join(facts, ", "));
    }
  }
  for (const int rule : why_not.avoided_by)
    fmt::print(out, "  {} {}\n", ui_text("avoided_by", language),
               text_in(playbook.rules[static_cast<std::size_t>(rule)].because, language));
  if (!why_not.outranked_by.empty())
    fmt::print(out, "  {} {}\n", ui_text("outranked_by", language),
               playbook.rules[static_cast<std::size_t>(why_not.outranked_by.front())].id);
}

}  // namespace closecoach::cli
