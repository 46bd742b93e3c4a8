// Replies as people type them, and the command that repeats the advice.

#include <closecoach/text.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <optional>

#include "consult.hpp"

namespace closecoach::cli {

namespace {

// Words for yes and no in the interface's languages, as normalize_for_matching
// leaves them (case folded, full-width forms made ASCII).
constexpr std::array<std::string_view, 10> k_yes{"yes", "y",    "true", "да",   "д",
                                                 "是",  "是的", "对",   "对的", "有"};
constexpr std::array<std::string_view, 9> k_no{"no", "n",  "false", "нет", "н",
                                               "否", "不", "不是",  "没有"};
constexpr std::array<std::string_view, 3> k_help{"?", "help", "помощь"};
constexpr std::array<std::string_view, 4> k_skip{"s", "skip", "跳过", "пропустить"};
constexpr std::array<std::string_view, 4> k_back{"b", "back", "返回", "назад"};

template <std::size_t N>
bool one_of(const std::array<std::string_view, N>& words, std::string_view typed) {
  return std::find(words.begin(), words.end(), typed) != words.end();
}

std::optional<long> parse_whole(std::string_view text) {
  long number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return number;
}

bool looks_like_number(std::string_view text) {
  double number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  return error == std::errc() && end == text.data() + text.size();
}

ReadReply answer(Value value) { return {ReadReply::Kind::answer, value, {}}; }
ReadReply not_understood(std::string_view problem) {
  return {ReadReply::Kind::not_understood, Value::unknown_value(), problem};
}

// The enum value whose id or label (in `language`) is `typed`, or whose
// number among the choices it is.
ReadReply read_enum(const Engine& engine, int slot, std::string_view typed,
                    std::string_view language) {
  const FactSpec& spec = engine.schema().spec(slot);
  if (const auto number = parse_whole(typed)) {
    if (*number >= 1 && static_cast<std::size_t>(*number) <= spec.values.size())
      return answer(engine.schema().enum_value(slot, static_cast<std::size_t>(*number - 1)));
    return not_understood("want_choice");
  }
  const Fact* fact = engine.playbook().find_fact(spec.id);
  for (std::size_t i = 0; i < spec.values.size(); ++i) {
    if (normalize_for_matching(spec.values[i]) == typed)
      return answer(engine.schema().enum_value(slot, i));
    if (fact == nullptr) continue;
    const auto label = fact->labels.find(spec.values[i]);
    if (label != fact->labels.end() &&
        normalize_for_matching(text_in(label->second, language)) == typed)
      return answer(engine.schema().enum_value(slot, i));
  }
  return not_understood("want_choice");
}

ReadReply read_boolean(std::string_view typed) {
  if (typed == "1" || one_of(k_yes, typed)) return answer(Value::of(true));
  if (typed == "2" || one_of(k_no, typed)) return answer(Value::of(false));
  return not_understood("want_yes_no");
}

ReadReply read_number(const Engine& engine, int slot, std::string_view typed) {
  const bool whole = engine.schema().spec(slot).type == FactType::integer;
  auto value = engine.schema().value_from_text(slot, typed);
  if (value.ok() && value->known()) return answer(*value);
  if (!looks_like_number(typed)) return not_understood(whole ? "want_whole_number" : "want_number");
  if (whole && !parse_whole(typed)) return not_understood("want_whole_number");
  return not_understood("out_of_range");
}

}  // namespace

ReadReply read_reply(const Engine& engine, int slot, std::string_view typed,
                     std::string_view language, std::deque<std::string>& storage) {
  const std::string reply = normalize_for_matching(trim_space(typed));
  if (one_of(k_help, reply)) return {ReadReply::Kind::help, {}, {}};
  if (one_of(k_skip, reply)) return {ReadReply::Kind::skip, {}, {}};
  if (one_of(k_back, reply)) return {ReadReply::Kind::back, {}, {}};
  switch (engine.schema().spec(slot).type) {
    case FactType::boolean:
      return read_boolean(reply);
    case FactType::integer:
    case FactType::number:
      return read_number(engine, slot, reply);
    case FactType::enumeration:
      return read_enum(engine, slot, reply, language);
    case FactType::string:
      break;
  }
  const std::string_view text = trim_space(typed);  // as typed: a name keeps its case
  if (text.empty()) return not_understood("want_text");
  return answer(Value::of(std::string_view(storage.emplace_back(text))));
}

namespace {

// `word` as a shell word: as it is when only safe characters make it up,
// else in single quotes.
std::string shell_word(const std::string& word) {
  const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::strchr("_-./+,:=@%", c) != nullptr;
  });
  if (plain) return word;
  std::string quoted = "'";
  for (const char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace

std::vector<std::string> rerun_words(const Engine& engine, const std::vector<Value>& facts,
                                     const ConsultSetup& setup) {
  std::vector<std::string> words{"closecoach", "advise"};
  if (!setup.playbook.empty()) {
    words.emplace_back("--playbook");
    words.push_back(shell_word(setup.playbook));
  }
  if (!setup.lang.empty()) {
    words.emplace_back("--lang");
    words.push_back(shell_word(setup.lang));
  }
  for (std::size_t slot = 0; slot < facts.size(); ++slot) {
    const FactSpec& spec = engine.schema().spec(static_cast<int>(slot));
    if (spec.derived || !facts[slot].known() || facts[slot].kind == Value::Kind::null) continue;
    words.emplace_back("-a");
    words.push_back(shell_word(spec.id + "=" + FactSchema::value_word(facts[slot])));
  }
  return words;
}

}  // namespace closecoach::cli
