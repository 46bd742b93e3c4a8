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
  bool derived = false;             // set by rules, never asked
};

// The value of one fact during evaluation. A string points into storage that
// outlives the evaluation: the FactSchema for enum values, or the caller's
// record for free strings.
struct Value {
  enum class Kind : std::uint8_t { unknown, null, boolean, number, string };
  Kind kind = Kind::unknown;
  bool boolean = false;
  double number = 0;
  std::string_view string;

  static Value unknown_value() { return {}; }
  static Value null_value() { return {Kind::null, false, 0, {}}; }
  static Value of(bool b) { return {Kind::boolean, b, 0, {}}; }
  static Value of(double n) { return {Kind::number, false, n, {}}; }
  static Value of(std::string_view s) { return {Kind::string, false, 0, s}; }
  bool known() const { return kind != Kind::unknown; }
};

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
  // Why `fact` cannot be answered: "unknown fact 'x' (known facts: ...)", or
  // that it is derived from other answers.
  std::string describe_unknown(std::string_view fact) const;

  // Converts a JSON answer for fact `slot` to a Value whose strings point into
  // this schema. Fails with a message naming the fact and the allowed values,
  // e.g. "fact 'stage' cannot be 'closing' (allowed: discovery, ...)".
  // null is no answer: an unknown Value. Free text points into `answer`.
  Result<Value> value_from_json(int slot, const nlohmann::json& answer) const;
  // Parses text as given on a command line (-a FACT=VALUE, a CSV cell):
  // true/false/yes/no/1/0 for bools, numbers for numbers. Surrounding white
  // space is ignored; empty text is no answer (an unknown Value).
  Result<Value> value_from_text(int slot, std::string_view text) const;
  // The JSON form of a known value; null for unknown.
  static nlohmann::json value_to_json(const Value& value);

  // Where value_from_json keeps the values of enum fact `slot`: value i starts
  // at base + i * stride (stride a power of two). A compiled condition turns
  // an enum Value back into its index by address this way, comparing no
  // text, so a Value whose text starts at such an address is taken to be that
  // whole value. base is null when `slot` is not an enum. A copy of the schema
  // Whether fact `slot` can take `value` (a `set` value, a signal's value, a
  // constant a condition compares it with): fails with value_from_json's
  // message; null, no answer, is no value here either.
  Result<bool> check_value(int slot, const nlohmann::json& value) const;
  // keeps its own values (Values from the original still work, more slowly).
  struct EnumLayout {
    const char* base = nullptr;
    std::size_t stride = 0;
    std::size_t count = 0;
  };
  EnumLayout enum_layout(int slot) const;

 private:
  struct EnumPlace {
    std::size_t offset = 0;
    std::size_t stride = 0;
  };
  std::vector<FactSpec> m_facts;
  std::vector<int> m_buckets;            // open addressing over ids: slot + 1, 0 when free
  std::vector<char> m_enum_text;         // every enum value, NUL-padded to its fact's stride
  std::vector<EnumPlace> m_enum_places;  // per slot
};

}  // namespace closecoach
