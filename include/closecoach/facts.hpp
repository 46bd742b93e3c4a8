#pragma once
// Facts: what a playbook knows about a deal, and their values at evaluation
// time. A playbook's facts are numbered once (slots) so that evaluating a
// condition compares no names.

#include <closecoach/diagnostic.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace closecoach {

enum class FactType : std::uint8_t { boolean, integer, number, enumeration, string };

// "bool", "integer", "number", "enum", "string".
std::string_view fact_type_name(FactType type);
std::optional<FactType> fact_type_from_name(std::string_view name);

struct FactSpec {
  std::string id;
  FactType type = FactType::string;
  std::vector<std::string> values;  // the allowed values of an enum, in order
  std::optional<double> minimum;    // for integer and number
  std::optional<double> maximum;
  bool derived = false;  // set by rules, never asked
};

// The value of one fact during evaluation. A string points into storage that
// outlives the evaluation: the FactSchema for enum values, or the caller's
// record for free strings.
struct Value {
  enum class Kind : std::uint8_t { unknown, null, boolean, number, string };
  static constexpr std::uint16_t k_no_index = 0xFFFF;
  Kind kind = Kind::unknown;
  bool boolean = false;
  // An enum fact's value as FactSchema makes it carries its index among the
  // fact's values, so that a compiled condition tests it without comparing
  // text; such a Value is only to be given for that fact. Any other Value has
  // k_no_index, and is compared by its text.
  std::uint16_t enum_index = k_no_index;
  double number = 0;
  std::string_view string;

  static Value unknown_value() { return {}; }
  static Value null_value() { return {Kind::null, false, k_no_index, 0, {}}; }
  static Value of(bool b) { return {Kind::boolean, b, k_no_index, 0, {}}; }
  static Value of(double n) { return {Kind::number, false, k_no_index, n, {}}; }
  static Value of(std::string_view s) { return {Kind::string, false, k_no_index, 0, s}; }
  // Value i of an enum fact whose values include `s` at index i.
  static Value of_enum(std::string_view s, std::uint16_t i) {
    return {Kind::string, false, i, 0, s};
  }
  bool known() const { return kind != Kind::unknown; }
};
static_assert(sizeof(Value) <= 32, "Values are copied by the thousand: keep them small");

// Whether two values are the same answer: the same kind and equal, as
// JavaScript's === compares them (NaN equals nothing). Unknown equals unknown.
inline bool same_value(const Value& a, const Value& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Value::Kind::boolean:
      return a.boolean == b.boolean;
    case Value::Kind::number:
      return a.number == b.number;
    case Value::Kind::string:
      return a.string == b.string;
    case Value::Kind::unknown:
    case Value::Kind::null:
      break;
  }
  return true;
}

using FactValues = std::span<const Value>;  // indexed by slot

class FactSchema {
 public:
  FactSchema() = default;
  explicit FactSchema(std::vector<FactSpec> facts);

  // The slot of fact `id`, or -1 when the schema has no such fact.
  int slot_of(std::string_view id) const;
  const FactSpec& spec(int slot) const { return m_facts[static_cast<std::size_t>(slot)]; }
  const std::vector<FactSpec>& facts() const { return m_facts; }
  std::size_t size() const { return m_facts.size(); }
  // Why `fact` cannot be answered: "unknown fact 'x' (known facts: ...)",
  // with did_you_mean() when a fact is close, or that it is derived from
  // other answers.
  std::string describe_unknown(std::string_view fact) const;
  // "; did you mean 'stage'?" when a fact id is a few edits from `fact` (a
  // typo), else empty. Ids over 64 bytes get no suggestion.
  std::string did_you_mean(std::string_view fact) const;

  // Converts a JSON answer for fact `slot` to a Value whose strings point into
  // this schema; an enum value carries its index (Value::enum_index). Fails
  // with a message naming the fact and the allowed values, e.g.
  // "fact 'stage' cannot be 'closing' (allowed: discovery, ...)".
  // null is no answer: an unknown Value. Free text points into `answer`.
  Result<Value> value_from_json(int slot, const nlohmann::json& answer) const;
  // Whether fact `slot` can take `value` (a `set` value, a signal's value, a
  // constant a condition compares it with): fails with value_from_json's
  // message; null, no answer, is no value here either.
  Result<bool> check_value(int slot, const nlohmann::json& value) const;
  // Parses text as given on a command line (-a FACT=VALUE, a CSV cell):
  // true/false/yes/no/1/0 for bools, numbers for numbers, an enum's values in
  // any case. Surrounding white space is ignored; empty text is no answer (an
  // unknown Value).
  Result<Value> value_from_text(int slot, std::string_view text) const;
  // The JSON form of a known value; null for unknown.
  static nlohmann::json value_to_json(const Value& value);
  // A known value as a word: an enum's or a string's text, else its JSON
  // ("true", "3"); the keys of a fact's labels and frequency.
  static std::string value_word(const Value& value);
  // Value `index` of enum fact `slot`, pointing into this schema.
  // Precondition: index < spec(slot).values.size().
  Value enum_value(int slot, std::size_t index) const;

 private:
  std::vector<FactSpec> m_facts;
  std::vector<int> m_buckets;  // open addressing over ids: slot + 1, 0 when free
};

}  // namespace closecoach
