#include <closecoach/facts.hpp>
#include <closecoach/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <charconv>
#include <cmath>

namespace closecoach {

using nlohmann::json;

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      diagonal = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitution});
    }
  }
  return row[b.size()];
}

// Names longer than this get no suggestion: the distance takes the product of
// the two lengths, and a typo is not thousands of characters long.
constexpr std::size_t k_max_suggested_length = 64;

constexpr std::array<std::string_view, 5> k_type_names = {"bool", "integer", "number", "enum",
                                                          "string"};

std::size_t hash_id(std::string_view id) { return std::hash<std::string_view>{}(id); }

char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return lower_ascii(x) == lower_ascii(y);
         });
}

// A decimal number as a person types it: optional sign, digits, optional
// fraction and exponent. No hex, inf or nan, which from_chars would accept.
std::optional<double> parse_decimal(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  const std::string_view digits = !text.empty() && text.front() == '-' ? text.substr(1) : text;
  if (digits.empty() ||
      !(std::isdigit(static_cast<unsigned char>(digits.front())) || digits.front() == '.'))
    return std::nullopt;
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

// How a bad value is shown in a message: text as quote() quotes it, other
// JSON as written (cut as abridged() cuts it).
std::string shown(const json& answer) {
  return answer.is_string() ? quote(answer.get_ref<const std::string&>())
                            : abridged(answer.dump(-1, ' ', false, json::error_handler_t::replace));
}

std::string shown_number(double number) { return fmt::format("{}", number); }

// "a whole number >= 0", "a number between 1 and 5", ...
std::string numeric_kind(const FactSpec& spec) {
  std::string kind = spec.type == FactType::integer ? "a whole number" : "a number";
  if (spec.minimum && spec.maximum)
    return fmt::format("{} between {} and {}", kind, shown_number(*spec.minimum),
                       shown_number(*spec.maximum));
  if (spec.minimum) return fmt::format("{} >= {}", kind, shown_number(*spec.minimum));
  if (spec.maximum) return fmt::format("{} <= {}", kind, shown_number(*spec.maximum));
  return kind;
}

std::string joined_values(const FactSpec& spec) {
  std::string out;
  for (const auto& value : spec.values) out += (out.empty() ? "" : ", ") + value;
  return out;
}

Diagnostic bad_value(const FactSpec& spec, const std::string& value) {
  switch (spec.type) {
    case FactType::boolean:
      return make_error(fmt::format("fact '{}' must be true or false, not {}", spec.id, value));
    case FactType::integer:
    case FactType::number:
      return make_error(
          fmt::format("fact '{}' must be {}, not {}", spec.id, numeric_kind(spec), value));
    case FactType::enumeration:
      return make_error(
          fmt::format("fact '{}' cannot be {} (allowed: {})", spec.id, value, joined_values(spec)));
    case FactType::string:
      break;
  }
  return make_error(fmt::format("fact '{}' must be text, not {}", spec.id, value));
}

bool fits(const FactSpec& spec, double number) {
  if (!std::isfinite(number)) return false;
  if (spec.type == FactType::integer && std::trunc(number) != number) return false;
  return !(spec.minimum && number < *spec.minimum) && !(spec.maximum && number > *spec.maximum);
}

}  // namespace

std::string_view fact_type_name(FactType type) {
  return k_type_names[static_cast<std::size_t>(type)];
}

std::optional<FactType> fact_type_from_name(std::string_view name) {
  for (std::size_t i = 0; i < k_type_names.size(); ++i)
    if (k_type_names[i] == name) return static_cast<FactType>(i);
  return std::nullopt;
}

FactSchema::FactSchema(std::vector<FactSpec> facts) : m_facts(std::move(facts)) {
  m_buckets.assign(std::bit_ceil(m_facts.size() * 2 + 1), 0);
  const std::size_t mask = m_buckets.size() - 1;
  for (std::size_t slot = 0; slot < m_facts.size(); ++slot) {
    std::size_t bucket = hash_id(m_facts[slot].id) & mask;
    while (m_buckets[bucket] != 0) {
      if (m_facts[static_cast<std::size_t>(m_buckets[bucket] - 1)].id == m_facts[slot].id) break;
      bucket = (bucket + 1) & mask;
    }
    if (m_buckets[bucket] == 0)
      m_buckets[bucket] = static_cast<int>(slot + 1);  // first of a duplicate id wins
  }
}

int FactSchema::slot_of(std::string_view id) const {
  if (m_buckets.empty()) return -1;
  const std::size_t mask = m_buckets.size() - 1;
  for (std::size_t bucket = hash_id(id) & mask; m_buckets[bucket] != 0;
       bucket = (bucket + 1) & mask) {
    const int slot = m_buckets[bucket] - 1;
    if (m_facts[static_cast<std::size_t>(slot)].id == id) return slot;
  }
  return -1;
}

Value FactSchema::enum_value(int slot, std::size_t index) const {
  // An enum too long to number (65535 values and more) keeps its text only.
  const auto number =
      index < Value::k_no_index ? static_cast<std::uint16_t>(index) : Value::k_no_index;
  return Value::of_enum(spec(slot).values[index], number);
}

Result<Value> FactSchema::value_from_json(int slot, const json& answer) const {
  const FactSpec& fact = spec(slot);
  if (answer.is_null()) return Value::unknown_value();  // an answer left open
  switch (fact.type) {
    case FactType::boolean:
      if (answer.is_boolean()) return Value::of(answer.get<bool>());
      break;
    case FactType::integer:
    case FactType::number:
      if (answer.is_number() && fits(fact, answer.get<double>()))
        return Value::of(answer.get<double>());
      break;
    case FactType::enumeration:
      if (answer.is_string()) {
        const auto& text = answer.get_ref<const std::string&>();
        const auto found = std::find(fact.values.begin(), fact.values.end(), text);
        if (found == fact.values.end()) break;
        return enum_value(slot, static_cast<std::size_t>(found - fact.values.begin()));
      }
      break;
    case FactType::string:
      if (answer.is_string())
        return Value::of(std::string_view(answer.get_ref<const std::string&>()));
      break;
  }
  return bad_value(fact, shown(answer));
}

Result<bool> FactSchema::check_value(int slot, const json& value) const {
  if (value.is_null()) return bad_value(spec(slot), shown(value));
  auto converted = value_from_json(slot, value);
  if (!converted.ok()) return converted.error();
  return true;
}

Result<Value> FactSchema::value_from_text(int slot, std::string_view text) const {
  const FactSpec& fact = spec(slot);
  const std::string_view trimmed = trim_space(text);
  if (trimmed.empty()) return Value::unknown_value();  // an empty CSV cell or "-a fact="
  switch (fact.type) {
    case FactType::boolean:
      for (const std::string_view yes : {"true", "yes", "1"})
        if (equals_ignoring_case(trimmed, yes)) return Value::of(true);
      for (const std::string_view no : {"false", "no", "0"})
        if (equals_ignoring_case(trimmed, no)) return Value::of(false);
      break;
    case FactType::integer:
    case FactType::number:
      if (const auto number = parse_decimal(trimmed); number && fits(fact, *number))
        return Value::of(*number);
      break;
    case FactType::enumeration:  // as people type it: Negotiation, FIRST_KP
      for (std::size_t i = 0; i < fact.values.size(); ++i)
        if (equals_ignoring_case(trimmed, fact.values[i])) return enum_value(slot, i);
      break;
    case FactType::string:
      return Value::of(trimmed);
  }
  return bad_value(fact, quote(trimmed));
}

std::string FactSchema::value_word(const Value& value) {
  const json text = value_to_json(value);
  return text.is_string() ? text.get<std::string>() : text.dump();
}

json FactSchema::value_to_json(const Value& value) {
  constexpr double k_exact_integers = 9007199254740992.0;  // 2^53: beyond, doubles skip integers
  switch (value.kind) {
    case Value::Kind::unknown:
    case Value::Kind::null:
      return nullptr;
    case Value::Kind::boolean:
      return value.boolean;
    case Value::Kind::number:
      if (std::trunc(value.number) == value.number && std::fabs(value.number) <= k_exact_integers)
        return static_cast<std::int64_t>(value.number);
      return value.number;
    case Value::Kind::string:
      return std::string(value.string);
  }
  return nullptr;
}

std::string FactSchema::describe_unknown(std::string_view fact) const {
  const int slot = slot_of(fact);
  if (slot >= 0)
    return fmt::format("fact '{}' is derived from other answers and cannot be given", fact);
  std::vector<std::string> known;
  for (const auto& spec : m_facts)
    if (!spec.derived) known.push_back(spec.id);
  return fmt::format("unknown fact {}{} (known facts: {})", quote(fact), did_you_mean(fact),
                     fmt::join(known, ", "));
}

std::string FactSchema::did_you_mean(std::string_view fact) const {
  if (fact.size() > k_max_suggested_length) return {};
  std::string_view best;
  std::size_t best_distance = std::max<std::size_t>(2, fact.size() / 3) + 1;
  for (const auto& known : m_facts) {
    const std::size_t length = known.id.size();
    if ((length > fact.size() ? length - fact.size() : fact.size() - length) >= best_distance)
      continue;  // at least that many edits apart: also keeps long ids out
    const std::size_t distance = edit_distance(fact, known.id);
    if (distance < best_distance) {
      best = known.id;
      best_distance = distance;
    }
  }
  return best.empty() ? std::string() : fmt::format("; did you mean '{}'?", best);
}

}  // namespace closecoach
