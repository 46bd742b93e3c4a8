#include <closecoach/playbook.hpp>

#include <gtest/gtest.h>

#include <string>

using namespace closecoach;
using nlohmann::json;

namespace {

Playbook default_playbook() {
  PlaybookLoad load = load_playbook(default_playbook_text(), "data/playbook.json");
  EXPECT_TRUE(load.playbook.has_value());
  return std::move(*load.playbook);
}

// A JSON value and the kind of each number in it, which == does not compare
// (1 == 1.0 there) but a playbook's numbers keep when written back.
std::string typed(const json& value) {
  if (value.is_array() || value.is_object()) {
    std::string out = value.is_array() ? "[" : "{";
    for (const auto& [key, item] : value.items()) out += key + ":" + typed(item) + ",";
    return out + (value.is_array() ? "]" : "}");
  }
  return std::string(value.type_name()) + "(" + value.dump() + ")" +
         (value.is_number_unsigned()  ? "u"
          : value.is_number_integer() ? "i"
                                      : "");
}

}  // namespace

TEST(PlaybookBinary, DecodesTheDefaultPlaybookEqualFieldForField) {
  const Playbook original = default_playbook();
  const std::string bytes = encode_playbook(original);
  auto decoded = decode_playbook(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(encode_playbook(*decoded), bytes);
  ASSERT_EQ(decoded->facts.size(), original.facts.size());
  for (std::size_t i = 0; i < original.facts.size(); ++i) {
    const Fact& fact = decoded->facts[i];
    EXPECT_EQ(fact.spec.id, original.facts[i].spec.id);
    EXPECT_EQ(fact.spec.type, original.facts[i].spec.type);
    EXPECT_EQ(fact.spec.values, original.facts[i].spec.values);
    EXPECT_EQ(fact.spec.minimum, original.facts[i].spec.minimum);
    EXPECT_EQ(fact.labels, original.facts[i].labels);
    EXPECT_EQ(fact.frequency, original.facts[i].frequency);
    EXPECT_EQ(fact.assume.has_value(), original.facts[i].assume.has_value());
    EXPECT_EQ(fact.pointer, original.facts[i].pointer);
  }
  ASSERT_EQ(decoded->rules.size(), original.rules.size());
  for (std::size_t i = 0; i < original.rules.size(); ++i) {
    const Rule& rule = decoded->rules[i];
    EXPECT_EQ(typed(rule.logic), typed(original.rules[i].logic)) << rule.id;
    EXPECT_EQ(rule.when, original.rules[i].when);
    EXPECT_EQ(rule.effect, original.rules[i].effect);
    EXPECT_EQ(rule.priority, original.rules[i].priority);
    EXPECT_EQ(rule.because, original.rules[i].because);
  }
  EXPECT_EQ(decoded->techniques.back().say, original.techniques.back().say);
  EXPECT_EQ(decoded->signals.back().patterns, original.signals.back().patterns);
  EXPECT_EQ(decoded->cues.size(), original.cues.size());
  EXPECT_EQ(decoded->seeds, original.seeds);
  EXPECT_EQ(decoded->find_rule(original.rules[3].id), &decoded->rules[3]);
}

TEST(PlaybookBinary, KeepsEveryKindOfJsonValue) {
  Playbook playbook;
  Rule rule;
  rule.when = json::parse(
      R"({"n": null, "t": true, "f": false, "i": -7, "big": -9007199254740993, "u": 18446744073709551615,
          "x": 0.1, "neg0": -0.0, "s": "\u00e9\u4e2d\u0000end", "a": [[], {}, [1, [2, [3]]]]})");
  rule.priority = -3;
  rule.set = {{"class", "A"}, {"days", 12.5}};
  playbook.rules.push_back(rule);
  Fact fact;
  fact.assume = json(false);
  fact.spec.minimum = -1.5;
  playbook.facts.push_back(fact);
  auto decoded = decode_playbook(encode_playbook(playbook));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(typed(decoded->rules[0].when), typed(rule.when));
  EXPECT_TRUE(std::signbit(decoded->rules[0].when["neg0"].get<double>()));
  EXPECT_EQ(decoded->rules[0].priority, -3);
  EXPECT_EQ(decoded->rules[0].set, rule.set);
  EXPECT_EQ(decoded->facts[0].assume, json(false));
  EXPECT_EQ(decoded->facts[0].spec.minimum, -1.5);
  EXPECT_FALSE(decoded->facts[0].spec.maximum.has_value());
}

TEST(PlaybookBinary, RefusesDamagedBytesWithoutReadingPastThem) {
  const std::string bytes = encode_playbook(default_playbook());
  // Every cut in the first and last 300 bytes, and every 97th between.
  for (std::size_t cut = 0; cut < bytes.size();
       cut += (cut < 300 || bytes.size() - cut < 300) ? 1U : 97U) {
    const std::string truncated = bytes.substr(0, cut);
    const auto decoded = decode_playbook(truncated);
    ASSERT_FALSE(decoded.ok()) << "cut at " << cut;
    EXPECT_EQ(decoded.error().message, "the compiled playbook is damaged: rebuild closecoach");
  }
  EXPECT_FALSE(decode_playbook(bytes + '\0').ok());
  std::string other_version = bytes;
  other_version[20] = '2';
  EXPECT_FALSE(decode_playbook(other_version).ok());
  // A count far beyond the bytes left, as damage would write, is refused rather than allocated.
  EXPECT_FALSE(decode_playbook(bytes.substr(0, 22) + "\xff\xff\xff\xff\x0f").ok());
}

namespace {

// Every user-facing text of `playbook` as `language` reads it, one per line.
std::string texts_in(const Playbook& playbook, std::string_view language) {
  std::string out;
  const auto add = [&](const Text& text) { out += text_in(text, language) + "\n"; };
  for (const Fact& fact : playbook.facts) {
    add(fact.question);
    add(fact.help);
    for (const auto& [value, label] : fact.labels) add(label);
  }
  for (const Technique& t : playbook.techniques) {
    for (const Text* text : {&t.name, &t.summary, &t.use_when, &t.avoid_when, &t.risks}) add(*text);
    for (const std::string& line : text_in(t.say, language)) out += line + "\n";
  }
  for (const Warning& warning : playbook.warnings) {
    add(warning.name);
    add(warning.text);
  }
  for (const Rule& rule : playbook.rules) add(rule.because);
  for (const auto& [seed, title] : playbook.seeds) add(title);
  return out;
}

}  // namespace

TEST(PlaybookBinary, DecodesOneLanguageReadingAsTheWholePlaybookDoes) {
  const Playbook original = default_playbook();
  const std::string bytes = encode_playbook(original);
  for (const std::string_view language : {"en", "zh", "ru", "de"}) {
    auto decoded = decode_playbook(bytes, language);
    ASSERT_TRUE(decoded.ok()) << decoded.error().message;
    EXPECT_EQ(texts_in(*decoded, language), texts_in(original, language)) << language;
    EXPECT_EQ(decoded->techniques[0].name.size(), 1U) << language;
    EXPECT_EQ(decoded->facts[0].question.size(), 1U) << language;
    EXPECT_EQ(decoded->seeds.size(), original.seeds.size());
    EXPECT_EQ(decoded->seeds.begin()->second.size(), 1U);
    // Notes may be written in any language.
    EXPECT_EQ(decoded->signals.back().patterns, original.signals.back().patterns);
    EXPECT_EQ(decoded->cues[0].patterns, original.cues[0].patterns);
    EXPECT_EQ(decoded->languages, original.languages);
  }
  // Missing languages fall back as text_in does: English, else the first.
  Playbook partial;
  Warning warning;
  warning.name = {{"ru", "имя"}, {"zh", "名字"}};
  warning.text = {{"en", "text"}, {"zh", "文本"}};
  partial.warnings.push_back(warning);
  const std::string partial_bytes = encode_playbook(partial);
  const auto in_zh = decode_playbook(partial_bytes, "zh");
  const auto in_de = decode_playbook(partial_bytes, "de");
  ASSERT_TRUE(in_zh.ok() && in_de.ok());
  EXPECT_EQ(in_zh->warnings[0].name, (Text{{"zh", "名字"}}));
  EXPECT_EQ(in_zh->warnings[0].text, (Text{{"zh", "文本"}}));
  EXPECT_EQ(in_de->warnings[0].name, (Text{{"ru", "имя"}}));
  EXPECT_EQ(in_de->warnings[0].text, (Text{{"en", "text"}}));
  EXPECT_FALSE(decode_playbook(bytes.substr(0, bytes.size() - 1), "zh").ok());
}
