#include "advise_output.hpp"

#include <fmt/color.h>
#include <fmt/ostream.h>

#include <algorithm>

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
std::string_view list_comma(const std::string& language) { return language == "zh" ? "、" : ", "; }

// A fact's value as the rep would read it: its label, else the value itself.
std::string label_of(const Engine& engine, int slot, const Value& value,
                     const std::string& language) {
  const Fact* fact = engine.playbook().find_fact(engine.schema().spec(slot).id);
  const std::string key = FactSchema::value_word(value);
  if (fact != nullptr)
    if (const auto label = fact->labels.find(key); label != fact->labels.end())
      return text_in(label->second, language);
  return key;
}

std::string value_text(const Engine& engine, int slot, const Value& value,
                       const std::string& language) {
  if (!value.known()) return std::string(ui_text("unknown", language));
  const std::string key = FactSchema::value_word(value);
  const std::string label = label_of(engine, slot, value, language);
  return label == key ? key : fmt::format("{} ({})", key, label);
}

std::string technique_name(const Engine& engine, int technique, const std::string& language) {
  if (technique < 0) return std::string(ui_text("no_move_short", language));
  return text_in(engine.playbook().techniques[static_cast<std::size_t>(technique)].name, language);
}

// Consecutive values of a number fact that lead to the same move, in words:
// "2 or more", "1 or fewer", "3 to 5". The values are those worth trying, so
// every number between two of them leads where they do.
std::string number_run(const std::vector<Branch>& branches, std::size_t first, std::size_t last,
                       const std::string& language) {
  auto shown = [&](std::size_t i) { return FactSchema::value_to_json(branches[i].value).dump(); };
  if (first == last) return shown(first);
  if (last + 1 == branches.size())
    return fmt::format(fmt::runtime(ui_text("or_more", language)), shown(first));
  if (first == 0) return fmt::format(fmt::runtime(ui_text("or_fewer", language)), shown(last));
  return fmt::format(fmt::runtime(ui_text("range", language)), shown(first), shown(last));
}

// The branches in words, one line per answer (consecutive numbers leading
// to the same move share one): "If High: … → Helpful close", "If 2 or more →
// Hard close". Branches whose move is `skip` are left out (-2 leaves none out).
std::vector<std::string> branch_lines(const Engine& engine, int slot,
                                      const std::vector<Branch>& branches, int skip,
                                      const std::string& language) {
  const FactType type = engine.schema().spec(slot).type;
  const bool number = type == FactType::integer || type == FactType::number;
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < branches.size(); ++i) {
    std::string answer = label_of(engine, slot, branches[i].value, language);
    if (number) {
      std::size_t last = i;
      while (last + 1 < branches.size() && branches[last + 1].top == branches[i].top) ++last;
      answer = number_run(branches, i, last, language);
      i = last;
    }
    if (branches[i].top == skip) continue;
    lines.push_back(fmt::format("{} → {}",
                                fmt::format(fmt::runtime(ui_text("if", language)), answer),
                                technique_name(engine, branches[i].top, language)));
  }
  return lines;
}

// One line per reason: "x Hard close, Trial close: This customer will not buy."
void print_avoid(const Engine& engine, const Advice& advice, const std::string& language,
                 Context& context) {
  const auto& playbook = engine.playbook();
  std::vector<std::pair<int, std::vector<std::string>>> by_rule;  // rule → technique names
  for (const auto& avoid : advice.avoid) {
    auto group = std::find_if(by_rule.begin(), by_rule.end(),
                              [&](const auto& g) { return g.first == avoid.rule; });
    if (group == by_rule.end()) group = by_rule.insert(by_rule.end(), {avoid.rule, {}});
    group->second.push_back(technique_name(engine, avoid.technique, language));
  }
  for (const auto& [rule, names] : by_rule)
    fmt::print(context.io.out, "  x {}{}{}\n",
               paint(context, k_danger, fmt::format("{}", fmt::join(names, list_comma(language)))),
               colon(language),
               text_in(playbook.rules[static_cast<std::size_t>(rule)].because, language));
}

void print_assumed(const Engine& engine, const Advice& advice, const std::string& language,
                   Context& context) {
  auto& out = context.io.out;
  fmt::print(out, "\n{}{}\n", paint(context, k_heading, ui_text("assumed", language)),
             line_colon(language));
  const int top = advice.moves.empty() ? -1 : advice.moves.front().technique;
  for (const int slot : advice.assumed) {
    const Fact* fact = engine.playbook().find_fact(engine.schema().spec(slot).id);
    fmt::print(out, "  ~ {} {}\n", text_in(fact->question, language),
               label_of(engine, slot, advice.facts[static_cast<std::size_t>(slot)], language));
    if (slot == advice.next_question) continue;  // its branches follow
    for (const auto& line :
         branch_lines(engine, slot, engine.branches(advice, slot), top, language))
      fmt::print(out, "      {}\n", line);
  }
}

void print_next_question(const Engine& engine, const Advice& advice, const std::string& language,
                         Context& context) {
  auto& out = context.io.out;
  if (advice.next_question < 0) {
    fmt::print(out, "\n{}\n", paint(context, k_caution, ui_text("not_settled", language)));
    return;
  }
  const Fact* fact = engine.playbook().find_fact(engine.schema().spec(advice.next_question).id);
  fmt::print(out, "\n{}{}{}\n", paint(context, k_heading, ui_text("next_question", language)),
             colon(language), paint(context, k_caution, text_in(fact->question, language)));
  for (const auto& line : branch_lines(engine, advice.next_question, advice.branches, -2, language))
    fmt::print(out, "  {}\n", line);
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
    print_avoid(engine, advice, language, context);
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
  if (!advice.assumed.empty()) print_assumed(engine, advice, language, context);
  if (!advice.settled) print_next_question(engine, advice, language, context);
}

void print_notes_text(const Engine& engine, const NoteReader& reader, const NotesRead& read,
                      const std::string& language, Context& context) {
  auto& out = context.io.out;
  fmt::print(out, "\n{}{}\n", paint(context, k_heading, ui_text("from_notes", language)),
             line_colon(language));
  for (const AppliedSignal& signal : read.signals) {
    const SignalTarget& target = reader.targets()[signal.signal];
    const Value& value = signal.negated ? target.negated_value : target.value;
    const std::string_view evidence =
        std::string_view(read.notes).substr(signal.start, signal.end - signal.start);
    fmt::print(out, "  {} {} = {}  {}{}\n", signal.applied ? "+" : "-",
               engine.schema().spec(target.slot).id,
               value_text(engine, target.slot, value, language),
               fmt::format(fmt::runtime(ui_text("quoted", language)), evidence),
               signal.applied ? "" : ui_text("not_used_mark", language));
  }
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
      for (const auto& [slot, value] : failed.facts) {
        const bool assumed =
            std::find(advice.assumed.begin(), advice.assumed.end(), slot) != advice.assumed.end();
        facts.push_back(fmt::format("{} = {}{}", engine.schema().spec(slot).id,
                                    value_text(engine, slot, value, language),
                                    assumed ? ui_text("assumed_mark", language) : ""));
      }
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
