// Canonical formatting of playbooks, and conversion of conditions between
// expression strings and JsonLogic.

#include <closecoach/expression.hpp>
#include <closecoach/json_text.hpp>
#include <closecoach/playbook.hpp>
#include <closecoach/playbook_lint.hpp>
#include <closecoach/utf8.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace closecoach {

namespace {

using nlohmann::json;
using Ordered = nlohmann::ordered_json;
using Keys = std::span<const std::string_view>;
using KeyList = std::initializer_list<std::string_view>;

// ---- Numbers, kept as written -------------------------------------------------

// A number that is not an integer of 64 bits (1.5, 1e2, 1.0000000000000000001,
// 123456789012345678901234567890) is held as a binary value of this subtype
// holding its text, which the writer writes back as it was: reading it as a
// double and writing that could change it.
constexpr std::uint64_t k_number_text = 0x4e554d;

class NumberKeepingParser : public nlohmann::detail::json_sax_dom_parser<Ordered> {
 public:
  explicit NumberKeepingParser(Ordered& document) : json_sax_dom_parser(document, true) {}
  bool number_float(Ordered::number_float_t /*value*/, const Ordered::string_t& text) {
    Ordered::binary_t written(std::vector<std::uint8_t>(text.begin(), text.end()), k_number_text);
    return binary(written);
  }
};

// `text`, which parse_json accepted, with its numbers kept as written.
Ordered parse_keeping_numbers(std::string_view text) {
  Ordered root;
  NumberKeepingParser parser(root);
  Ordered::sax_parse(text.begin(), text.end(), &parser);
  return root;
}

bool is_number_text(const Ordered& value) {
  return value.is_binary() && value.get_binary().has_subtype() &&
         value.get_binary().subtype() == k_number_text;
}

std::string number_text(const Ordered& value) {
  const auto& bytes = value.get_binary();
  return std::string(bytes.begin(), bytes.end());
}

// `value` with the numbers it keeps as text read as numbers.
json plain(const Ordered& value) {
  if (is_number_text(value)) return json::parse(number_text(value));
  if (value.is_object()) {
    json out = json::object();
    for (const auto& [key, item] : value.items()) out[key] = plain(item);
    return out;
  }
  if (value.is_array()) {
    json out = json::array();
    for (const auto& item : value) out.push_back(plain(item));
    return out;
  }
  return json::parse(value.dump());
}

// Calls `visit(node, pointer)` for every node of `logic`.
template <class Json, class Visit>
void walk(const Json& logic, const std::string& pointer, Visit& visit) {
  visit(logic, pointer);
  if (logic.is_object())
    for (const auto& [key, item] : logic.items())
      walk(item, pointer + "/" + json_pointer_token(key), visit);
  else if (logic.is_array())
    for (std::size_t i = 0; i < logic.size(); ++i)
      walk(logic[i], fmt::format("{}/{}", pointer, i), visit);
}

// A number in condition `when`, as written, that converting the condition
// would change (see is_exact_number); nullopt when there is none.
std::optional<std::string> inexact_number(const Ordered& when) {
  std::optional<std::string> found;
  if (!when.is_string()) {
    auto visit = [&](const Ordered& node, const std::string&) {
      if (!found && is_number_text(node) && !is_exact_number(number_text(node)))
        found = number_text(node);
    };
    walk(when, "", visit);
    return found;
  }
  const std::string_view text = when.get_ref<const std::string&>();
  const LocatedExpression located = parse_located_expression(text);
  if (!located.logic.ok()) return std::nullopt;
  auto visit = [&](const json& node, const std::string& pointer) {
    const auto span = located.spans.find(pointer);
    if (found || !node.is_number() || span == located.spans.end()) return;
    const std::string_view written =
        text.substr(span->second.begin, span->second.end - span->second.begin);
    if (!is_exact_number(written)) found = std::string(written);
  };
  walk(located.logic.value(), "", visit);
  return found;
}

// `object` with `first` keys in that order, then `known` keys in theirs, then
// the rest in alphabetical order (`sort_rest`) or as written.
Ordered reorder(const Ordered& object, const std::vector<std::string>& first, bool sort_rest) {
  Ordered out = Ordered::object();
  for (const auto& key : first)
    if (const auto found = object.find(key); found != object.end()) out[key] = *found;
  std::vector<std::string> rest;
  for (const auto& [key, value] : object.items())
    if (!out.contains(key)) rest.push_back(key);
  if (sort_rest) std::sort(rest.begin(), rest.end());
  for (const auto& key : rest) out[key] = object[key];
  return out;
}

Ordered reorder(const Ordered& object, Keys keys) {
  return reorder(object, std::vector<std::string>(keys.begin(), keys.end()), false);
}

// Puts the parts of a playbook in canonical order, converting conditions.
class Canonicalizer {
 public:
  Canonicalizer(std::vector<std::string> languages, ConditionForm form,
                std::vector<Diagnostic>& notes)
      : m_languages(std::move(languages)), m_form(form), m_notes(notes) {}

  Result<Ordered> playbook(const Ordered& root) {
    Ordered out = reorder(root, k_playbook_keys);
    for_each_object(out, "facts", [&](Ordered& fact, std::size_t) { fact = this->fact(fact); });
    for_each_object(out, "techniques", [&](Ordered& technique, std::size_t) {
      technique = texts(reorder(technique, k_technique_keys),
                        {"name", "summary", "use_when", "avoid_when", "say", "risks"});
    });
    for_each_object(out, "warnings", [&](Ordered& warning, std::size_t) {
      warning = texts(reorder(warning, k_warning_keys), {"name", "text"});
    });
    for_each_object(out, "signals", [&](Ordered& signal, std::size_t) {
      signal = texts(reorder(signal, k_signal_keys), {"patterns"});
    });
    if (const auto seeds = out.find("seeds"); seeds != out.end() && seeds->is_object())
      for (auto& title : *seeds)
        if (title.is_object()) title = by_language(title);
    std::optional<Diagnostic> failure;
    for_each_object(out, "rules", [&](Ordered& rule, std::size_t index) {
      rule = texts(reorder(rule, k_rule_keys), {"because"});
      if (auto converted = condition(rule, index); !converted.ok() && !failure)
        failure = converted.error();
    });
    if (failure) return *failure;
    return out;
  }

 private:
  template <class Visit>
  static void for_each_object(Ordered& root, const char* key, Visit visit) {
    const auto found = root.find(key);
    if (found == root.end() || !found->is_array()) return;
    for (std::size_t i = 0; i < found->size(); ++i)
      if ((*found)[i].is_object()) visit((*found)[i], i);
  }

  Ordered by_language(const Ordered& text) const {
    return text.is_object() ? reorder(text, m_languages, true) : text;
  }

  Ordered texts(Ordered item, KeyList keys) const {
    for (const auto key : keys)
      if (const auto found = item.find(std::string(key)); found != item.end())
        *found = by_language(*found);
    return item;
  }

  Ordered fact(const Ordered& item) const {
    Ordered out = texts(reorder(item, k_fact_keys), {"question", "help"});
    const auto labels = out.find("labels");
    if (labels == out.end() || !labels->is_object()) return out;
    std::vector<std::string> values{"true", "false"};
    if (const auto found = out.find("values"); found != out.end() && found->is_array()) {
      values.clear();
      for (const auto& value : *found)
        if (value.is_string()) values.push_back(value.get<std::string>());
    }
    *labels = reorder(*labels, values, true);
    for (auto& [value, label] : labels->items()) label = by_language(label);
    return out;
  }

  Result<bool> condition(Ordered& rule, std::size_t index);

  std::vector<std::string> m_languages;
  ConditionForm m_form;
  std::vector<Diagnostic>& m_notes;
};

Result<bool> Canonicalizer::condition(Ordered& rule, std::size_t index) {
  const auto when = rule.find("when");
  if (m_form == ConditionForm::as_written || when == rule.end()) return true;
  const std::string pointer = fmt::format("/rules/{}/when", index);
  const std::string id =
      rule.contains("id") && rule["id"].is_string() ? rule["id"].get<std::string>() : "?";
  const bool already_in_form = when->is_string() == (m_form == ConditionForm::expression);
  if (const auto inexact = inexact_number(*when)) {
    if (already_in_form) return true;  // nothing to convert, nothing to change
    Diagnostic note = make_error(
        fmt::format("rule '{}': the condition holds the number {}, which converting it would "
                    "change (a double holds about 17 significant digits); it stays as written",
                    id, *inexact),
        pointer);
    note.severity = Severity::warning;
    m_notes.push_back(std::move(note));
    return true;
  }
  auto logic = condition_to_logic(plain(*when));
  if (!logic.ok())
    return make_error(fmt::format("in rule '{}': {}", id, logic.error().message), pointer);
  if (m_form == ConditionForm::json_logic) {
    *when = Ordered::parse(logic->dump());
  } else if (const auto expression = to_expression(*logic)) {
    *when = *expression;
  } else {
    Diagnostic note = make_error(
        fmt::format(
            "rule '{}': the condition cannot be written as an expression; it stays JsonLogic", id),
        pointer);
    note.severity = Severity::warning;
    m_notes.push_back(std::move(note));
  }
  return true;
}

constexpr std::size_t k_line_width = 100;

std::string scalar(const Ordered& value) {
  return is_number_text(value) ? number_text(value) : value.dump(-1, ' ', false);
}

// Writes JSON with 2-space indentation; a container goes on one line when it
// fits and is a condition (under "when") or an array of scalars.
class Writer {
 public:
  std::string write(const Ordered& root) {
    value(root, 0, 0, false);
    m_out += '\n';
    return std::move(m_out);
  }

 private:
  static std::string one_line(const Ordered& value) {
    if (!value.is_structured()) return scalar(value);
    std::vector<std::string> parts;
    if (value.is_array())
      for (const auto& item : value) parts.push_back(one_line(item));
    else
      for (const auto& [key, item] : value.items())
        parts.push_back(scalar(Ordered(key)) + ": " + one_line(item));
    const std::string joined = fmt::format("{}", fmt::join(parts, ", "));
    return value.is_array() ? "[" + joined + "]" : "{" + joined + "}";
  }

  static bool inline_candidate(const Ordered& value, bool condition) {
    if (!value.is_structured() || value.empty() || condition) return true;
    return value.is_array() && std::none_of(value.begin(), value.end(), [](const Ordered& item) {
             return item.is_structured();
           });
  }

  void value(const Ordered& item, std::size_t indent, std::size_t column, bool condition) {
    if (inline_candidate(item, condition)) {
      std::string line = one_line(item);
      if (!item.is_structured() || column + utf8::count(line) + 1 <= k_line_width) {
        m_out += line;
        return;
      }
    }
    const std::string inner(indent + 2, ' ');
    m_out += item.is_array() ? "[\n" : "{\n";
    std::size_t i = 0;
    for (const auto& [key, member] : item.items()) {
      m_out += inner;
      std::size_t at = inner.size();
      if (item.is_object()) {
        const std::string name = scalar(Ordered(key)) + ": ";
        m_out += name;
        at += utf8::count(name);
      }
      value(member, indent + 2, at, condition || (item.is_object() && key == "when"));
      m_out += ++i < item.size() ? ",\n" : "\n";
    }
    m_out += std::string(indent, ' ') + (item.is_array() ? "]" : "}");
  }

  std::string m_out;
};

std::vector<std::string> languages_of(const Ordered& root) {
  std::vector<std::string> languages;
  if (const auto found = root.find("languages"); found != root.end() && found->is_array())
    for (const auto& language : *found)
      if (language.is_string()) languages.push_back(language.get<std::string>());
  return languages;
}

}  // namespace

Result<FormattedPlaybook> format_playbook(std::string_view text, std::string_view file_name,
                                          ConditionForm form) {
  auto parsed = parse_json(text, file_name);
  if (!parsed.ok()) return parsed.error();
  const JsonLocator locator(text);
  const auto located = [&](Diagnostic diagnostic) {
    diagnostic.file = std::string(file_name);
    const TextPosition position = locator.locate_value(diagnostic.pointer);
    diagnostic.line = position.line;
    diagnostic.column = position.column;
    return diagnostic;
  };
  if (!parsed->is_object()) return located(make_error("a playbook must be a JSON object"));
  const Ordered root = parse_keeping_numbers(text);
  FormattedPlaybook formatted;
  Canonicalizer canonicalizer(languages_of(root), form, formatted.notes);
  auto canonical = canonicalizer.playbook(root);
  if (!canonical.ok()) return located(canonical.error());
  formatted.text = Writer().write(*canonical);
  for (auto& note : formatted.notes) note = located(note);
  return formatted;
}

}  // namespace closecoach
