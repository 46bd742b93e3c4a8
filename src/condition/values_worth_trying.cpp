#include <closecoach/condition.hpp>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <numeric>
#include <optional>

namespace closecoach {

using nlohmann::json;

namespace {

bool reads(const json& operand, std::string_view fact) {
  if (!operand.is_object() || operand.size() != 1 || !operand.contains("var")) return false;
  const json& name = operand["var"];
  const json& first = name.is_array() && !name.empty() ? name[0] : name;
  return first.is_string() && first.get_ref<const std::string&>() == fact;
}

// One point strictly between `low` and `high` (the midpoint, or a whole
// number near it), or nothing when there is none of the kind wanted.
std::optional<double> between(double low, double high, bool whole) {
  const double middle = std::midpoint(low, high);
  if (!whole) return middle;
  if (std::floor(middle) > low) return std::floor(middle);
  if (std::ceil(middle) < high) return std::ceil(middle);
  return std::nullopt;
}

std::vector<Value> numeric_values(const FactSchema& schema, int slot,
                                  const std::set<double>& boundaries) {
  const FactSpec& spec = schema.spec(slot);
  const bool whole = spec.type == FactType::integer;
  std::set<double> base(boundaries);
  base.insert(spec.minimum.value_or(0.0));
  if (spec.maximum) base.insert(*spec.maximum);
  std::set<double> points(base);
  points.insert(whole ? std::ceil(*base.begin()) - 1 : *base.begin() - 1);
  points.insert(whole ? std::floor(*base.rbegin()) + 1 : *base.rbegin() + 1);
  for (auto low = base.begin(), high = std::next(low); high != base.end(); low = high++)
    if (const auto point = between(*low, *high, whole)) points.insert(*point);
  std::vector<Value> values;
  for (const double point : points)
    if (auto value = schema.value_from_json(slot, point); value.ok()) values.push_back(*value);
  return values;
}

}  // namespace

void collect_boundaries(const json& logic, std::string_view fact, std::set<double>& out) {
  if (logic.is_array()) {
    for (const auto& item : logic) collect_boundaries(item, fact, out);
    return;
  }
  if (!logic.is_object() || logic.size() != 1) return;
  const json& args = logic.begin().value();
  if (!args.is_array()) return collect_boundaries(args, fact, out);
  const bool compared =
      std::any_of(args.begin(), args.end(), [&](const json& arg) { return reads(arg, fact); });
  for (const auto& arg : args) {
    if (compared && arg.is_number()) out.insert(arg.get<double>());
    if (compared && arg.is_array() && logic.begin().key() == "in")
      for (const auto& member : arg)
        if (member.is_number()) out.insert(member.get<double>());
    collect_boundaries(arg, fact, out);
  }
}

std::vector<Value> values_worth_trying(const FactSchema& schema, int slot,
                                       const std::set<double>& boundaries) {
  const FactSpec& spec = schema.spec(slot);
  switch (spec.type) {
    case FactType::boolean:
      return {Value::of(false), Value::of(true)};
    case FactType::enumeration: {
      std::vector<Value> values;
      for (std::size_t i = 0; i < spec.values.size(); ++i)
        values.push_back(schema.enum_value(slot, i));
      return values;
    }
    case FactType::integer:
    case FactType::number:
      return numeric_values(schema, slot, boundaries);
    case FactType::string:
      break;
  }
  return {};
}

}  // namespace closecoach
