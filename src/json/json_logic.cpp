// JsonLogic interpreted over nlohmann::json with the semantics of
// json-logic-js 2.0.5. JavaScript's coercions (loose equality, relational
// comparison of mixed types, parseFloat, Number-to-String) are reproduced
// here because the official suite, and rules written against jsonlogic.com,
// depend on them. Strings are indexed by code point where JavaScript counts
// UTF-16 units; the two agree outside the astral planes.

#include <closecoach/js_number.hpp>
#include <closecoach/json_logic.hpp>
#include <closecoach/json_text.hpp>
#include <closecoach/utf8.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace closecoach::json_logic {

namespace {

using Json = nlohmann::json;
// A JavaScript argument: nullptr stands for `undefined` (an argument not given).
using Arg = const Json*;
using Args = std::vector<Json>;

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
constexpr double k_infinity = std::numeric_limits<double>::infinity();
// Text is charged to the budget one value per this many bytes.
constexpr std::size_t k_bytes_per_value = 16;

// Thrown inside the interpreter and turned into a Diagnostic by apply(); it
// never crosses the public API.
struct ApplyError {
  Diagnostic diagnostic;
  // Set once the error has left the operation that failed: from there on,
  // each enclosing operation adds its step to the pointer.
  bool left_operation = false;
};

[[noreturn]] void throw_error(std::string message) {
  throw ApplyError{make_error(std::move(message))};
}

void prefix_pointer(ApplyError& error, std::string_view token) {
  error.diagnostic.pointer =
      fmt::format("/{}{}", json_pointer_token(token), error.diagnostic.pointer);
}

// ---- The budget of one apply() -------------------------------------------------

// apply() is the one way in: it sets the budget of its thread for the
// evaluation, so that every operation below charges what it does without
// passing the budget through each call.
thread_local Usage* t_budget = nullptr;

class BudgetScope {
 public:
  explicit BudgetScope(Usage& usage) : m_previous(t_budget) { t_budget = &usage; }
  BudgetScope(const BudgetScope&) = delete;
  BudgetScope& operator=(const BudgetScope&) = delete;
  ~BudgetScope() { t_budget = m_previous; }

 private:
  Usage* m_previous;
};

// `at_node`: the budget ran out on entering a node, which is then what the
// pointer names (rather than the operation being evaluated).
[[noreturn]] void over_budget(std::string message, bool at_node = false) {
  if (t_budget != nullptr) t_budget->exceeded = true;
  throw ApplyError{make_error(std::move(message)), at_node};
}

void spend_step() {
  if (t_budget != nullptr && ++t_budget->steps > k_max_steps)
    over_budget(fmt::format("the condition needs more than {} steps (the limit); map, filter, "
                            "reduce, all, some and none over long lists multiply the work",
                            k_max_steps),
                true);
}

void spend_values(std::size_t count) {
  if (t_budget == nullptr) return;
  t_budget->values += count;
  if (t_budget->values > k_max_values)
    over_budget(fmt::format(
        "the condition builds more than {} values (the limit); map, filter, reduce, merge and "
        "cat over long lists multiply what is built",
        k_max_values));
}

void spend_text(std::size_t bytes) { spend_values(1 + bytes / k_bytes_per_value); }

// Charges a copy of `value`, walking no further than the budget reaches.
void spend_copy(const Json& value) {
  if (!value.is_structured()) {
    spend_text(value.is_string() ? value.get_ref<const std::string&>().size() : 0);
    return;
  }
  std::vector<const Json*> stack{&value};
  while (!stack.empty()) {
    const Json* next = stack.back();
    stack.pop_back();
    spend_text(next->is_string() ? next->get_ref<const std::string&>().size() : 0);
    if (next->is_structured())
      for (const auto& child : *next) stack.push_back(&child);
  }
}

// ---- Depth, checked without recursion -----------------------------------------

// Whether `root` nests deeper than `max_depth`; walks with an explicit stack.
bool deeper_than(const Json& root, std::size_t max_depth) {
  std::vector<std::pair<const Json*, std::size_t>> stack{{&root, 0}};
  while (!stack.empty()) {
    const auto [value, depth] = stack.back();
    stack.pop_back();
    if (!value->is_structured()) continue;
    if (depth + 1 > max_depth) return true;
    for (const auto& child : *value) stack.emplace_back(&child, depth + 1);
  }
  return false;
}

// ---- Numbers and strings as JavaScript sees them -----------------------------

// Integral results come back as JSON integers, so 2 prints as 2, not 2.0.
Json make_number(double x) {
  constexpr double k_max_safe_integer = 9007199254740992.0;  // 2^53
  if (std::isfinite(x) && std::trunc(x) == x && std::fabs(x) <= k_max_safe_integer &&
      !(x == 0 && std::signbit(x))) {
    return static_cast<std::int64_t>(x);
  }
  return x;
}

std::string to_js_string(const Json& value);

// Array.prototype.join: null elements become empty strings.
std::string join(const Json& array, std::string_view separator) {
  std::string out;
  bool first = true;
  for (const auto& element : array) {
    if (!first) out += separator;
    first = false;
    if (!element.is_null()) out += to_js_string(element);
  }
  spend_text(out.size());
  return out;
}

// String(value).
std::string to_js_string(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return value.get<bool>() ? "true" : "false";
    case Json::value_t::string:
      spend_copy(value);
      return value.get<std::string>();
    case Json::value_t::array:
      return join(value, ",");
    case Json::value_t::object:
      return "[object Object]";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return js::number_to_string(value.get<double>());
    default:
      return "undefined";
  }
}

std::string to_js_string(Arg value) {
  return value != nullptr ? to_js_string(*value) : "undefined";
}

// ToPrimitive: arrays and objects become their string form.
Json to_primitive(const Json& value) {
  if (value.is_structured()) return to_js_string(value);
  return value;
}

// Number(value).
double to_number(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return 0;
    case Json::value_t::boolean:
      return value.get<bool>() ? 1 : 0;
    case Json::value_t::string:
      return js::string_to_number(value.get_ref<const std::string&>());
    case Json::value_t::array:
    case Json::value_t::object:
      return js::string_to_number(to_js_string(value));
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return value.get<double>();
    default:
      return k_nan;
  }
}

double to_number(Arg value) { return value != nullptr ? to_number(*value) : k_nan; }

// parseFloat(value): numbers pass through String() first, so -0 becomes 0.
double parse_float(double number) { return number == 0 ? 0.0 : number; }
double parse_float(const Json& value) {
  if (value.is_number()) return parse_float(value.get<double>());
  return js::parse_float(to_js_string(value));
}

// Byte offset of every code point, and the string's size at the end.
std::vector<std::size_t> code_point_offsets(std::string_view s) {
  spend_values(s.size() + 1);
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!utf8::is_continuation(s[i])) offsets.push_back(i);
  }
  offsets.push_back(s.size());
  return offsets;
}

// ---- Truth, equality and order -----------------------------------------------

// ToBoolean: unlike JsonLogic truthiness, [] is true.
bool js_truthy(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return false;
    case Json::value_t::boolean:
      return value.get<bool>();
    case Json::value_t::string:
      return !value.get_ref<const std::string&>().empty();
    case Json::value_t::array:
    case Json::value_t::object:
      return true;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: {
      const double number = value.get<double>();
      return number != 0 && !std::isnan(number);
    }
    default:
      return false;
  }
}

enum class Kind { undefined, null, boolean, number, string, object };

Kind kind_of(Arg value) {
  if (value == nullptr) return Kind::undefined;
  if (value->is_null()) return Kind::null;
  if (value->is_boolean()) return Kind::boolean;
  if (value->is_number()) return Kind::number;
  if (value->is_string()) return Kind::string;
  if (value->is_structured()) return Kind::object;
  return Kind::undefined;
}

// ===. Arrays and objects are equal only to themselves.
bool strict_equal(Arg a, Arg b) {
  const Kind kind = kind_of(a);
  if (kind != kind_of(b)) return false;
  switch (kind) {
    case Kind::undefined:
    case Kind::null:
      return true;
    case Kind::boolean:
      return a->get<bool>() == b->get<bool>();
    case Kind::number:
      return a->get<double>() == b->get<double>();
    case Kind::string:
      return a->get_ref<const std::string&>() == b->get_ref<const std::string&>();
    case Kind::object:
      return a == b;
  }
  return false;
}

bool is_nullish(Kind kind) { return kind == Kind::undefined || kind == Kind::null; }

// == (IsLooselyEqual).
bool loose_equal(Arg a, Arg b) {
  const Kind ka = kind_of(a);
  const Kind kb = kind_of(b);
  if (ka == kb) return strict_equal(a, b);
  if (is_nullish(ka) || is_nullish(kb)) return is_nullish(ka) && is_nullish(kb);
  if (ka == Kind::boolean || kb == Kind::boolean) {
    const Json na = ka == Kind::boolean ? Json(to_number(a)) : *a;
    const Json nb = kb == Kind::boolean ? Json(to_number(b)) : *b;
    return loose_equal(&na, &nb);
  }
  if (ka == Kind::object || kb == Kind::object) {
    const Json pa = to_primitive(*a);
    const Json pb = to_primitive(*b);
    return loose_equal(&pa, &pb);
  }
  return to_number(a) == to_number(b);
}

// a < b (IsLessThan): nullopt where JavaScript gets undefined (a NaN).
std::optional<bool> less_than(Arg a, Arg b) {
  if (a == nullptr || b == nullptr) return std::nullopt;
  const Json pa = to_primitive(*a);
  const Json pb = to_primitive(*b);
  if (pa.is_string() && pb.is_string()) {
    return js::string_less(pa.get_ref<const std::string&>(), pb.get_ref<const std::string&>());
  }
  const double na = to_number(pa);
  const double nb = to_number(pb);
  if (std::isnan(na) || std::isnan(nb)) return std::nullopt;
  return na < nb;
}

bool is_less(Arg a, Arg b) { return less_than(a, b).value_or(false); }
bool is_less_or_equal(Arg a, Arg b) {
  const auto greater = less_than(b, a);
  return greater.has_value() && !*greater;
}

// ---- The interpreter -----------------------------------------------------------

// The arguments of an operation: json-logic-js wraps a lone argument, so
// {"var": "x"} reads as {"var": ["x"]}.
class Values {
 public:
  explicit Values(const Json& raw) : m_raw(raw) {}
  std::size_t size() const { return m_raw.is_array() ? m_raw.size() : 1; }
  Arg operator[](std::size_t i) const {
    if (m_raw.is_array()) return i < m_raw.size() ? &m_raw[i] : nullptr;
    return i == 0 ? &m_raw : nullptr;
  }
  bool is_list() const { return m_raw.is_array(); }

 private:
  const Json& m_raw;
};

Arg at(const Args& args, std::size_t i) { return i < args.size() ? &args[i] : nullptr; }

Json eval(const Json& rule, const Json& data);

// Evaluates argument `i` against `data`; an absent argument is undefined,
// which JSON can only show as null.
Json eval_arg(const Values& values, std::size_t i, const Json& data) {
  const Arg rule = values[i];
  if (rule == nullptr) return nullptr;
  try {
    return eval(*rule, data);
  } catch (ApplyError& error) {
    if (values.is_list()) prefix_pointer(error, std::to_string(i));
    throw;
  }
}

Json op_if(const Values& values, const Json& data) {
  std::size_t i = 0;
  for (; i + 1 < values.size(); i += 2) {
    if (truthy(eval_arg(values, i, data))) return eval_arg(values, i + 1, data);
  }
  if (i + 1 == values.size()) return eval_arg(values, i, data);
  return nullptr;
}

// `and` returns the first falsy value or the last; `or` the first truthy.
template <bool k_stop_when>
Json op_short_circuit(const Values& values, const Json& data) {
  Json current;
  for (std::size_t i = 0; i < values.size(); ++i) {
    current = eval_arg(values, i, data);
    if (truthy(current) == k_stop_when) return current;
  }
  return current;
}

Json op_filter(const Values& values, const Json& data) {
  const Json scoped = eval_arg(values, 0, data);
  Json out = Json::array();
  if (!scoped.is_array()) return out;
  for (const auto& datum : scoped) {
    if (!truthy(eval_arg(values, 1, datum))) continue;
    spend_copy(datum);
    out.push_back(datum);
  }
  return out;
}

Json op_map(const Values& values, const Json& data) {
  const Json scoped = eval_arg(values, 0, data);
  Json out = Json::array();
  if (!scoped.is_array()) return out;
  for (const auto& datum : scoped) out.push_back(eval_arg(values, 1, datum));
  return out;
}

Json op_reduce(const Values& values, const Json& data) {
  const Json scoped = eval_arg(values, 0, data);
  Json accumulator = values.size() > 2 ? eval_arg(values, 2, data) : Json();
  if (!scoped.is_array()) return accumulator;
  for (const auto& current : scoped) {
    Json step = Json::object();
    spend_copy(current);
    step["current"] = current;
    step["accumulator"] = std::move(accumulator);
    accumulator = eval_arg(values, 1, step);
    // Building the accumulator was charged, so this walk is within the budget.
    if (deeper_than(accumulator, k_max_depth))
      throw_error(fmt::format("'reduce' built a value nested deeper than {} levels", k_max_depth));
  }
  return accumulator;
}

// all, none and some: `k_empty` is the answer for an empty or missing list,
// `k_on_match` the answer as soon as an element's truthiness is `k_match`.
template <bool k_empty, bool k_match, bool k_on_match>
Json op_quantifier(const Values& values, const Json& data) {
  const Json scoped = eval_arg(values, 0, data);
  if (!scoped.is_array() || scoped.empty()) return k_empty;
  for (const auto& datum : scoped) {
    if (truthy(eval_arg(values, 1, datum)) == k_match) return k_on_match;
  }
  return !k_on_match;
}

using SpecialOperation = Json (*)(const Values&, const Json&);

const std::unordered_map<std::string_view, SpecialOperation>& special_operations() {
  static const std::unordered_map<std::string_view, SpecialOperation> table = {
      {"if", op_if},
      {"?:", op_if},
      {"and", op_short_circuit<false>},
      {"or", op_short_circuit<true>},
      {"filter", op_filter},
      {"map", op_map},
      {"reduce", op_reduce},
      {"all", op_quantifier<false, false, false>},
      {"none", op_quantifier<true, true, false>},
      {"some", op_quantifier<false, true, true>},
  };
  return table;
}

// ---- Operations on evaluated arguments ---------------------------------------

// An array index as JavaScript reads a property name: "0", "1", ... only.
std::optional<std::size_t> array_index(std::string_view name) {
  if (name.empty() || (name.size() > 1 && name[0] == '0')) return std::nullopt;
  std::size_t index = 0;
  const auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), index);
  if (error != std::errc() || end != name.data() + name.size()) return std::nullopt;
  return index;
}

// value[name] for a string: a character or the length; nullopt for undefined.
std::optional<Json> string_property(const std::string& value, std::string_view name) {
  const auto offsets = code_point_offsets(value);
  if (name == "length") return Json(offsets.size() - 1);
  const auto index = array_index(name);
  if (!index || *index + 1 >= offsets.size()) return std::nullopt;
  return Json(value.substr(offsets[*index], offsets[*index + 1] - offsets[*index]));
}

// One step of `var`: value[name], or nullptr for undefined. `scratch` holds
// values JavaScript computes on access rather than stores.
Arg property(const Json& value, std::string_view name, Json& scratch) {
  if (value.is_object()) {
    const auto found = value.find(name);
    return found != value.end() ? &*found : nullptr;
  }
  if (value.is_array()) {
    if (name == "length") return &(scratch = value.size());
    const auto index = array_index(name);
    return index && *index < value.size() ? &value[*index] : nullptr;
  }
  if (value.is_string()) {
    auto found = string_property(value.get_ref<const std::string&>(), name);
    return found ? &(scratch = std::move(*found)) : nullptr;
  }
  return nullptr;
}

// A value read out of the data: a copy, charged as one.
Json copied(const Json& value) {
  spend_copy(value);
  return value;
}

Json op_var(const Args& args, const Json& data) {
  const Arg key = at(args, 0);
  const Json not_found = args.size() > 1 ? copied(args[1]) : Json();
  if (key == nullptr || key->is_null() ||
      (key->is_string() && key->get_ref<const std::string&>().empty())) {
    return copied(data);
  }
  const std::string path = to_js_string(*key);
  Arg current = &data;
  std::array<Json, 2> scratch;  // alternate, so a step can read the previous one
  std::size_t start = 0;
  for (std::size_t step = 0; start <= path.size(); ++step) {
    const std::size_t dot = std::min(path.find('.', start), path.size());
    if (current->is_null()) return not_found;
    current =
        property(*current, std::string_view(path).substr(start, dot - start), scratch[step % 2]);
    if (current == nullptr) return not_found;
    start = dot + 1;
  }
  return copied(*current);
}

Json var_of(const Json& key, const Json& data) {
  spend_copy(key);
  if (key.is_array()) return op_var(Args(key.begin(), key.end()), data);
  return op_var(Args{key}, data);
}

Json op_missing(const Args& args, const Json& data) {
  const Json keys = !args.empty() && args[0].is_array() ? copied(args[0]) : copied(Json(args));
  Json missing = Json::array();
  for (const auto& key : keys) {
    const Json value = var_of(key, data);
    if (value.is_null() || (value.is_string() && value.get_ref<const std::string&>().empty())) {
      missing.push_back(key);
    }
  }
  return missing;
}

Json op_missing_some(const Args& args, const Json& data) {
  const Arg options = at(args, 1);
  if (options == nullptr || options->is_null()) {
    throw_error("'missing_some' needs a list of keys as its second argument");
  }
  const Json are_missing = op_missing(
      options->is_array() ? Args(options->begin(), options->end()) : Args{*options}, data);
  const double length = options->is_array() ? static_cast<double>(options->size())
                        : options->is_string()
                            ? static_cast<double>(utf8::count(options->get<std::string>()))
                            : k_nan;
  const Json present = make_number(length - static_cast<double>(are_missing.size()));
  return is_less_or_equal(at(args, 0), &present) ? Json::array() : are_missing;
}

// Whether `text` contains `needle`, in time linear in their lengths (glibc's
// memmem is two-way): std::string::find may take their product.
bool contains(std::string_view text, std::string_view needle) {
  return needle.empty() ||
         ::memmem(text.data(), text.size(), needle.data(), needle.size()) != nullptr;
}

Json op_in(const Args& args, const Json&) {
  const Arg needle = at(args, 0);
  const Arg haystack = at(args, 1);
  if (haystack == nullptr || !js_truthy(*haystack)) return false;
  if (haystack->is_string())
    return contains(haystack->get_ref<const std::string&>(), to_js_string(needle));
  if (!haystack->is_array()) return false;
  return std::any_of(haystack->begin(), haystack->end(),
                     [&](const Json& element) { return strict_equal(needle, &element); });
}

Json op_cat(const Args& args, const Json&) {
  std::string out;
  for (const auto& arg : args) {
    if (!arg.is_null()) out += to_js_string(arg);
  }
  spend_text(out.size());
  return out;
}

// ToIntegerOrInfinity.
double to_integer(Arg value) {
  const double number = to_number(value);
  return std::isnan(number) ? 0 : std::trunc(number);
}

// String.prototype.substr(start, length), by code point.
std::string js_substr(const std::string& source, Arg start, Arg length) {
  const auto offsets = code_point_offsets(source);
  const double size = static_cast<double>(offsets.size() - 1);
  double from = to_integer(start);
  from = from < 0 ? std::max(size + from, 0.0) : std::min(from, size);
  const double count = length != nullptr ? std::clamp(to_integer(length), 0.0, size) : size;
  const double to = std::min(from + count, size);
  if (to <= from) return {};
  const std::size_t first = offsets[static_cast<std::size_t>(from)];
  return source.substr(first, offsets[static_cast<std::size_t>(to)] - first);
}

// json-logic-js emulates a negative length as "stop that far from the end",
// computing temp.length + end with JavaScript's `+` (which concatenates strings).
Json op_substr(const Args& args, const Json&) {
  const std::string source = to_js_string(at(args, 0));
  const Arg end = at(args, 2);
  const Json zero = 0;
  if (end == nullptr || !is_less(end, &zero)) return js_substr(source, at(args, 1), end);
  const std::string temp = js_substr(source, at(args, 1), nullptr);
  const Json end_primitive = to_primitive(*end);
  const Json length =
      end_primitive.is_string()
          ? Json(std::to_string(utf8::count(temp)) + end_primitive.get<std::string>())
          : make_number(static_cast<double>(utf8::count(temp)) + to_number(end_primitive));
  return js_substr(temp, &zero, &length);
}

Json op_add(const Args& args, const Json&) {
  double sum = 0;
  for (const auto& arg : args) sum = parse_float(sum) + parse_float(arg);
  return make_number(sum);
}

// Array.prototype.reduce without an initial value: one argument comes back
// untouched, none is a TypeError.
Json op_multiply(const Args& args, const Json&) {
  if (args.empty()) throw_error("'*' needs at least one argument");
  if (args.size() == 1) return args[0];
  double product = parse_float(args[0]);
  for (std::size_t i = 1; i < args.size(); ++i)
    product = parse_float(product) * parse_float(args[i]);
  return make_number(product);
}

Json op_subtract(const Args& args, const Json&) {
  if (args.size() < 2) return make_number(-to_number(at(args, 0)));
  return make_number(to_number(args[0]) - to_number(args[1]));
}

Json op_divide(const Args& args, const Json&) {
  return make_number(to_number(at(args, 0)) / to_number(at(args, 1)));
}

Json op_modulo(const Args& args, const Json&) {
  return make_number(std::fmod(to_number(at(args, 0)), to_number(at(args, 1))));
}

// Math.min / Math.max: NaN wins, and -0 is below 0.
template <bool k_max>
Json op_extreme(const Args& args, const Json&) {
  double result = k_max ? -k_infinity : k_infinity;
  for (const auto& arg : args) {
    const double number = to_number(arg);
    if (std::isnan(number)) return make_number(k_nan);
    const bool beyond = k_max ? number > result : number < result;
    const bool signed_zero = number == 0 && result == 0 && std::signbit(number) != k_max;
    if (beyond || signed_zero) result = number;
  }
  return make_number(result);
}

Json op_merge(const Args& args, const Json&) {
  Json out = Json::array();
  for (const auto& arg : args) {
    spend_copy(arg);
    if (arg.is_array())
      out.insert(out.end(), arg.begin(), arg.end());
    else
      out.push_back(arg);
  }
  return out;
}

using Operation = Json (*)(const Args&, const Json&);

Json op_equal(const Args& a, const Json&) { return loose_equal(at(a, 0), at(a, 1)); }
Json op_not_equal(const Args& a, const Json&) { return !loose_equal(at(a, 0), at(a, 1)); }
Json op_strict_equal(const Args& a, const Json&) { return strict_equal(at(a, 0), at(a, 1)); }
Json op_strict_not_equal(const Args& a, const Json&) { return !strict_equal(at(a, 0), at(a, 1)); }
Json op_greater(const Args& a, const Json&) { return is_less(at(a, 1), at(a, 0)); }
Json op_greater_equal(const Args& a, const Json&) { return is_less_or_equal(at(a, 1), at(a, 0)); }
// `<` and `<=` take a third argument: a < b < c.
Json op_less(const Args& a, const Json&) {
  return is_less(at(a, 0), at(a, 1)) && (a.size() < 3 || is_less(at(a, 1), at(a, 2)));
}
Json op_less_equal(const Args& a, const Json&) {
  return is_less_or_equal(at(a, 0), at(a, 1)) &&
         (a.size() < 3 || is_less_or_equal(at(a, 1), at(a, 2)));
}
Json op_not(const Args& a, const Json&) { return a.empty() || !truthy(a[0]); }
Json op_double_not(const Args& a, const Json&) { return !a.empty() && truthy(a[0]); }
// The core never prints: `log` only passes its value through.
Json op_log(const Args& a, const Json&) { return a.empty() ? Json() : a[0]; }

const std::unordered_map<std::string_view, Operation>& operations() {
  static const std::unordered_map<std::string_view, Operation> table = {
      {"==", op_equal},
      {"!=", op_not_equal},
      {"===", op_strict_equal},
      {"!==", op_strict_not_equal},
      {">", op_greater},
      {">=", op_greater_equal},
      {"<", op_less},
      {"<=", op_less_equal},
      {"!", op_not},
      {"!!", op_double_not},
      {"%", op_modulo},
      {"log", op_log},
      {"in", op_in},
      {"cat", op_cat},
      {"substr", op_substr},
      {"+", op_add},
      {"*", op_multiply},
      {"-", op_subtract},
      {"/", op_divide},
      {"min", op_extreme<false>},
      {"max", op_extreme<true>},
      {"merge", op_merge},
      {"var", op_var},
      {"missing", op_missing},
      {"missing_some", op_missing_some},
  };
  return table;
}

Json eval_operation(const std::string& op, const Values& values, const Json& data) {
  const auto& special = special_operations();
  if (const auto found = special.find(op); found != special.end())
    return found->second(values, data);
  const auto& plain = operations();
  const auto found = plain.find(op);
  if (found == plain.end()) throw_error(fmt::format("unknown operator '{}'", op));
  Args args;
  args.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) args.push_back(eval_arg(values, i, data));
  return found->second(args, data);
}

Json eval_array(const Json& rule, const Json& data) {
  spend_values(1);
  Json out = Json::array();
  for (std::size_t i = 0; i < rule.size(); ++i) {
    try {
      out.push_back(eval(rule[i], data));
    } catch (ApplyError& error) {
      prefix_pointer(error, std::to_string(i));
      throw;
    }
  }
  return out;
}

// Recursion follows the rule, whose depth apply() bounded beforehand.
Json eval(const Json& rule, const Json& data) {
  spend_step();
  if (rule.is_array()) return eval_array(rule, data);
  if (!is_operation(rule)) return copied(rule);
  const auto item = rule.items().begin();
  try {
    return eval_operation(item.key(), Values(item.value()), data);
  } catch (ApplyError& error) {
    if (error.left_operation) prefix_pointer(error, item.key());
    error.left_operation = true;
    throw;
  }
}

Result<nlohmann::json> apply_within_budget(const nlohmann::json& rule, const nlohmann::json& data) {
  if (deeper_than(rule, k_max_depth)) {
    return make_error(fmt::format("rule nested deeper than {} levels", k_max_depth));
  }
  if (deeper_than(data, k_max_depth)) {
    return make_error(fmt::format("data nested deeper than {} levels", k_max_depth));
  }
  try {
    Json result = eval(rule, data);
    if (deeper_than(result, k_max_depth)) {
      return make_error(fmt::format("result nested deeper than {} levels", k_max_depth));
    }
    return result;
  } catch (ApplyError& error) {
    return std::move(error.diagnostic);
  } catch (const std::exception& error) {
    return make_error(fmt::format("cannot apply the rule: {}", error.what()));
  }
}

}  // namespace

bool truthy(const nlohmann::json& value) {
  if (value.is_array()) return !value.empty();
  return js_truthy(value);
}

bool is_operation(const nlohmann::json& value) { return value.is_object() && value.size() == 1; }

Result<nlohmann::json> apply(const nlohmann::json& rule, const nlohmann::json& data, Usage* usage) {
  Usage spent;
  Result<nlohmann::json> result = [&] {
    const BudgetScope scope(spent);
    return apply_within_budget(rule, data);
  }();
  if (usage != nullptr) *usage = spent;
  return result;
}

}  // namespace closecoach::json_logic
