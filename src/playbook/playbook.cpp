#include <closecoach/expression.hpp>
#include <closecoach/json_text.hpp>
#include <closecoach/playbook.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <set>
#include <span>

extern const char closecoach_embedded_playbook[];
extern const unsigned long closecoach_embedded_playbook_size;

namespace closecoach {

using nlohmann::json;

namespace {

const std::string k_empty_text;
const std::vector<std::string> k_empty_list;

template <class T>
const T* find_by_id(const std::vector<T>& items, std::string_view id) {
  const auto found =
      std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
  return found == items.end() ? nullptr : &*found;
}

bool is_valid_id(const std::string& id) {
  if (id.empty() || id[0] < 'a' || id[0] > 'z') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Walks the playbook JSON, collecting every problem with its JSON pointer.
class Reader {
 public:
  explicit Reader(std::vector<Diagnostic>& diagnostics) : m_diagnostics(diagnostics) {}

  void error(const std::string& pointer, std::string message) {
    m_diagnostics.push_back(make_error(std::move(message), pointer));
  }
  void warning(const std::string& pointer, std::string message) {
    Diagnostic diagnostic = make_error(std::move(message), pointer);
    diagnostic.severity = Severity::warning;
    m_diagnostics.push_back(std::move(diagnostic));
  }

  // The member `key` of `object` when it has the wanted type; reports otherwise.
  const json* member(const json& object, const std::string& pointer, const char* key,
                     json::value_t type, bool required) {
    const auto found = object.find(key);
    if (found == object.end()) {
      if (required) error(pointer, fmt::format("missing required key '{}'", key));
      return nullptr;
    }
    const bool matches = type == json::value_t::number_float     ? found->is_number()
                         : type == json::value_t::number_integer ? found->is_number_integer()
                                                                 : found->type() == type;
    if (!matches) {
      error(pointer + "/" + key, fmt::format("'{}' must be {}, not {}", key, expected_name(type),
                                             json_type_name(*found)));
      return nullptr;
    }
    return &*found;
  }

  std::string string(const json& object, const std::string& pointer, const char* key,
                     bool required) {
    const json* value = member(object, pointer, key, json::value_t::string, required);
    return value != nullptr ? value->get<std::string>() : std::string();
  }

  Text text(const json& object, const std::string& pointer, const char* key, bool required) {
    Text out;
    const json* value = member(object, pointer, key, json::value_t::object, required);
    if (value == nullptr) return out;
    for (const auto& [language, entry] : value->items()) {
      if (!entry.is_string()) {
        error(
            pointer + "/" + key + "/" + language,
            fmt::format("text in '{}' must be a string, not {}", language, json_type_name(entry)));
        continue;
      }
      out[language] = entry.get<std::string>();
    }
    return out;
  }

  TextList text_list(const json& object, const std::string& pointer, const char* key,
                     bool required) {
    TextList out;
    const json* value = member(object, pointer, key, json::value_t::object, required);
    if (value == nullptr) return out;
    for (const auto& [language, entry] : value->items()) {
      const std::string at = pointer + "/" + key + "/" + language;
      out[language] = strings(entry, at);
    }
    return out;
  }

  std::vector<std::string> strings(const json& value, const std::string& pointer) {
    std::vector<std::string> out;
    if (!value.is_array()) {
      error(pointer, fmt::format("must be an array of strings, not {}", json_type_name(value)));
      return out;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (value[i].is_string())
        out.push_back(value[i].get<std::string>());
      else
        error(fmt::format("{}/{}", pointer, i),
              fmt::format("must be a string, not {}", json_type_name(value[i])));
    }
    return out;
  }

  void unknown_keys(const json& object, const std::string& pointer,
                    std::span<const std::string_view> known, const char* what) {
    for (const auto& item : object.items()) {
      const std::string& key = item.key();
      if (std::find(known.begin(), known.end(), key) == known.end())
        warning(pointer + "/" + key, fmt::format("unknown key '{}' in {} (ignored)", key, what));
    }
  }

 private:
  static const char* expected_name(json::value_t type) {
    switch (type) {
      case json::value_t::string:
        return "a string";
      case json::value_t::object:
        return "an object";
      case json::value_t::array:
        return "an array";
      case json::value_t::boolean:
        return "true or false";
      case json::value_t::number_integer:
        return "an integer";
      default:
        return "a number";
    }
  }

  std::vector<Diagnostic>& m_diagnostics;

 public:
  // Columns inside expression strings, by diagnostic index, for load_playbook.
  // The last diagnostic points at byte `offset` of the string value it names.
  void last_in_string(std::size_t offset) {
    m_string_offsets.emplace_back(m_diagnostics.size() - 1, offset);
  }
  std::vector<std::pair<std::size_t, std::size_t>> m_string_offsets;
};

// Checks `id` and that it is new among `seen`; returns it.
std::string read_id(Reader& reader, const json& item, const std::string& pointer, const char* kind,
                    std::map<std::string, std::string>& seen) {
  std::string id = reader.string(item, pointer, "id", true);
  if (id.empty()) return id;
  if (!is_valid_id(id)) {
    reader.error(
        pointer + "/id",
        fmt::format("{} id '{}' must start with a lowercase letter and hold only a-z, 0-9 and _",
                    kind, id));
  }
  if (const auto [it, inserted] = seen.emplace(id, pointer); !inserted)
    reader.error(pointer + "/id",
                 fmt::format("duplicate {} id '{}' (first defined at {})", kind, id, it->second));
  return id;
}

std::vector<const json*> read_array(Reader& reader, const json& root, const char* key,
                                    bool required) {
  std::vector<const json*> out;
  const json* array = reader.member(root, "", key, json::value_t::array, required);
  if (array == nullptr) return out;
  for (std::size_t i = 0; i < array->size(); ++i) {
    if ((*array)[i].is_object())
      out.push_back(&(*array)[i]);
    else
      reader.error(fmt::format("/{}/{}", key, i),
                   fmt::format("each of '{}' must be an object", key));
  }
  return out;
}

std::string item_pointer(const char* key, std::size_t index) {
  return fmt::format("/{}/{}", key, index);
}

Fact read_fact(Reader& reader, const json& item, const std::string& pointer,
               std::map<std::string, std::string>& seen) {
  Fact fact;
  fact.pointer = pointer;
  fact.spec.id = read_id(reader, item, pointer, "fact", seen);
  const std::string type = reader.string(item, pointer, "type", true);
  if (const auto parsed = fact_type_from_name(type)) {
    fact.spec.type = *parsed;
  } else if (!type.empty()) {
    reader.error(
        pointer + "/type",
        fmt::format("fact type '{}' is not one of bool, integer, number, enum, string", type));
  }
  if (const json* values = reader.member(item, pointer, "values", json::value_t::array,
                                         fact.spec.type == FactType::enumeration)) {
    fact.spec.values = reader.strings(*values, pointer + "/values");
    std::set<std::string> unique;
    for (std::size_t i = 0; i < fact.spec.values.size(); ++i) {
      if (!unique.insert(fact.spec.values[i]).second)
        reader.error(fmt::format("{}/values/{}", pointer, i),
                     fmt::format("value '{}' is listed twice", fact.spec.values[i]));
    }
    if (fact.spec.type == FactType::enumeration && fact.spec.values.empty())
      reader.error(pointer + "/values",
                   fmt::format("enum fact '{}' needs at least one value", fact.spec.id));
  }
  if (const json* minimum =
          reader.member(item, pointer, "minimum", json::value_t::number_float, false))
    fact.spec.minimum = minimum->get<double>();
  if (const json* maximum =
          reader.member(item, pointer, "maximum", json::value_t::number_float, false))
    fact.spec.maximum = maximum->get<double>();
  if (const json* derived = reader.member(item, pointer, "derived", json::value_t::boolean, false))
    fact.spec.derived = derived->get<bool>();
  if (const auto assume = item.find("assume"); assume != item.end()) fact.assume = *assume;
  if (const json* frequency =
          reader.member(item, pointer, "frequency", json::value_t::object, false)) {
    for (const auto& [value, weight] : frequency->items())
      if (const json* number = reader.member(*frequency, pointer + "/frequency", value.c_str(),
                                             json::value_t::number_float, true))
        fact.frequency[value] = number->get<double>();
  }
  fact.question = reader.text(item, pointer, "question", !fact.spec.derived);
  fact.help = reader.text(item, pointer, "help", false);
  if (const json* labels = reader.member(item, pointer, "labels", json::value_t::object, false)) {
    for (const auto& [value, label] : labels->items())
      fact.labels[value] = reader.text(*labels, pointer + "/labels", value.c_str(), true);
  }
  reader.unknown_keys(item, pointer, k_fact_keys, "a fact");
  return fact;
}

Technique read_technique(Reader& reader, const json& item, const std::string& pointer,
                         std::map<std::string, std::string>& seen) {
  Technique technique;
  technique.pointer = pointer;
  technique.id = read_id(reader, item, pointer, "technique", seen);
  technique.name = reader.text(item, pointer, "name", true);
  technique.summary = reader.text(item, pointer, "summary", true);
  technique.use_when = reader.text(item, pointer, "use_when", false);
  technique.avoid_when = reader.text(item, pointer, "avoid_when", false);
  technique.risks = reader.text(item, pointer, "risks", false);
  technique.say = reader.text_list(item, pointer, "say", true);
  technique.seed = reader.string(item, pointer, "seed", false);
  if (const json* warn = reader.member(item, pointer, "warn", json::value_t::array, false))
    technique.warn = reader.strings(*warn, pointer + "/warn");
  reader.unknown_keys(item, pointer, k_technique_keys, "a technique");
  return technique;
}

Warning read_warning(Reader& reader, const json& item, const std::string& pointer,
                     std::map<std::string, std::string>& seen) {
  Warning warning;
  warning.pointer = pointer;
  warning.id = read_id(reader, item, pointer, "warning", seen);
  warning.name = reader.text(item, pointer, "name", false);
  warning.text = reader.text(item, pointer, "text", true);
  warning.seed = reader.string(item, pointer, "seed", false);
  reader.unknown_keys(item, pointer, k_warning_keys, "a warning");
  return warning;
}

void read_rule_effect(Reader& reader, const json& item, const std::string& pointer, Rule& rule) {
  static constexpr std::array<std::pair<const char*, RuleEffect>, 4> k_effects{
      {{"set", RuleEffect::set},
       {"recommend", RuleEffect::recommend},
       {"avoid", RuleEffect::avoid},
       {"warn", RuleEffect::warn}}};
  int count = 0;
  for (const auto& [key, effect] : k_effects) {
    if (!item.contains(key)) continue;
    ++count;
    rule.effect = effect;
    if (effect == RuleEffect::set) {
      if (const json* set = reader.member(item, pointer, key, json::value_t::object, true))
        for (const auto& [fact, value] : set->items()) rule.set.emplace_back(fact, value);
    } else if (const json* targets =
                   reader.member(item, pointer, key, json::value_t::array, true)) {
      rule.targets = reader.strings(*targets, pointer + "/" + key);
    }
  }
  if (count != 1)
    reader.error(
        pointer,
        fmt::format(
            "rule '{}' needs exactly one of 'set', 'recommend', 'avoid', 'warn' (it has {})",
            rule.id, count));
  if (const json* priority =
          reader.member(item, pointer, "priority", json::value_t::number_integer, false))
    rule.priority = priority->get<int>();
}

Rule read_rule(Reader& reader, const json& item, const std::string& pointer,
               std::map<std::string, std::string>& seen) {
  Rule rule;
  rule.pointer = pointer;
  rule.id = read_id(reader, item, pointer, "rule", seen);
  rule.principle = reader.string(item, pointer, "principle", false);
  rule.seed = reader.string(item, pointer, "seed", false);
  if (const auto when = item.find("when"); when == item.end()) {
    reader.error(pointer, "missing required key 'when'");
  } else {
    rule.when = *when;
    if (!when->is_string()) {
      rule.logic = *when;
    } else if (auto parsed = parse_located_expression(when->get_ref<const std::string&>());
               parsed.logic.ok()) {
      rule.logic = std::move(parsed.logic.value());
    } else {  // located inside the expression string by load_playbook
      reader.error(pointer + "/when",
                   fmt::format("in rule '{}': {}", rule.id, parsed.logic.error().message));
      reader.last_in_string(parsed.error_offset);
    }
  }
  read_rule_effect(reader, item, pointer, rule);
  rule.because = reader.text(item, pointer, "because", rule.effect != RuleEffect::set);
  reader.unknown_keys(item, pointer, k_rule_keys, "a rule");
  return rule;
}

Signal read_signal(Reader& reader, const json& item, const std::string& pointer,
                   std::map<std::string, std::string>& seen) {
  Signal signal;
  signal.pointer = pointer;
  signal.id = read_id(reader, item, pointer, "signal", seen);
  signal.fact = reader.string(item, pointer, "fact", true);
  if (const auto value = item.find("value"); value != item.end())
    signal.value = *value;
  else
    reader.error(pointer, "missing required key 'value'");
  if (const auto negated = item.find("when_negated"); negated != item.end())
    signal.when_negated = *negated;
  signal.patterns = reader.text_list(item, pointer, "patterns", true);
  reader.unknown_keys(item, pointer, k_signal_keys, "a signal");
  return signal;
}

// The names of the cue kinds, in the order of CueKind.
constexpr auto k_cue_kinds = std::to_array<std::string_view>(
    {"negation", "hypothetical", "question", "plan", "doubt", "pseudo", "terminator"});
// A window wider than this would reach past any clause a rep writes.
constexpr std::int64_t k_widest_window = 50;

// One of `choices` at `key`, or the first when the key is absent; a located
// error when it is none of them.
std::size_t read_choice(Reader& reader, const json& item, const std::string& pointer,
                        const char* key, std::span<const std::string_view> choices) {
  const std::string text = reader.string(item, pointer, key, false);
  if (text.empty()) return 0;
  const auto found = std::find(choices.begin(), choices.end(), text);
  if (found != choices.end()) return static_cast<std::size_t>(found - choices.begin());
  std::string names;
  for (const std::string_view choice : choices)
    names += fmt::format("{}'{}'", names.empty() ? "" : ", ", choice);
  reader.error(pointer + "/" + key,
               fmt::format("'{}' must be one of {}, not '{}'", key, names, text));
  return 0;
}

Cue read_cue(Reader& reader, const json& item, const std::string& pointer,
             std::map<std::string, std::string>& seen) {
  static constexpr auto k_covers = std::to_array<std::string_view>({"after", "before"});
  static constexpr auto k_reaches = std::to_array<std::string_view>({"clause", "sentence"});
  Cue cue;
  cue.pointer = pointer;
  cue.id = read_id(reader, item, pointer, "cue", seen);
  if (!item.contains("kind")) reader.error(pointer, "missing required key 'kind'");
  cue.kind = static_cast<CueKind>(read_choice(reader, item, pointer, "kind", k_cue_kinds));
  const bool scoped = cue.kind != CueKind::pseudo && cue.kind != CueKind::terminator;
  if (scoped && !item.contains("covers"))
    reader.error(pointer, fmt::format("missing required key 'covers' (a {} cue covers the text "
                                      "'after' or 'before' it)",
                                      k_cue_kinds[static_cast<std::size_t>(cue.kind)]));
  cue.covers_before = read_choice(reader, item, pointer, "covers", k_covers) == 1;
  cue.reaches_sentence = read_choice(reader, item, pointer, "reach", k_reaches) == 1;
  if (const json* window =
          reader.member(item, pointer, "window", json::value_t::number_integer, false)) {
    const auto words = window->get<std::int64_t>();
    if (words < 1 || words > k_widest_window)
      reader.error(pointer + "/window",
                   fmt::format("'window' must be 1 to {} words, not {}", k_widest_window, words));
    else
      cue.window = static_cast<std::size_t>(words);
  }
  cue.patterns = reader.text_list(item, pointer, "patterns", true);
  reader.unknown_keys(item, pointer, k_cue_keys, "a cue");
  return cue;
}

void check_references(Reader& reader, const Playbook& playbook) {
  for (const auto& technique : playbook.techniques)
    for (std::size_t i = 0; i < technique.warn.size(); ++i)
      if (playbook.find_warning(technique.warn[i]) == nullptr)
        reader.error(fmt::format("{}/warn/{}", technique.pointer, i),
                     fmt::format("unknown warning '{}'", technique.warn[i]));
  for (const auto& rule : playbook.rules) {
    const char* key = rule.effect == RuleEffect::recommend ? "recommend"
                      : rule.effect == RuleEffect::avoid   ? "avoid"
                                                           : "warn";
    for (std::size_t i = 0; i < rule.targets.size(); ++i) {
      const bool is_warning = rule.effect == RuleEffect::warn;
      const bool known = is_warning ? playbook.find_warning(rule.targets[i]) != nullptr
                                    : playbook.find_technique(rule.targets[i]) != nullptr;
      if (!known)
        reader.error(fmt::format("{}/{}/{}", rule.pointer, key, i),
                     fmt::format("rule '{}' names unknown {} '{}'", rule.id,
                                 is_warning ? "warning" : "technique", rule.targets[i]));
    }
    for (const auto& [fact_id, value] : rule.set) {
      const Fact* fact = playbook.find_fact(fact_id);
      const std::string at = rule.pointer + "/set/" + fact_id;
      if (fact == nullptr)
        reader.error(at, fmt::format("rule '{}' sets unknown fact '{}'", rule.id, fact_id));
      else if (!fact->spec.derived)
        reader.error(
            at, fmt::format("rule '{}' sets fact '{}', which is not derived", rule.id, fact_id));
    }
  }
  for (const auto& signal : playbook.signals)
    if (!signal.fact.empty() && playbook.find_fact(signal.fact) == nullptr)
      reader.error(signal.pointer + "/fact",
                   fmt::format("signal '{}' sets unknown fact '{}'", signal.id, signal.fact));
}

template <class T, class ReadOne>
std::vector<T> read_items(Reader& reader, const json& root, const char* key, bool required,
                          ReadOne read_one) {
  std::vector<T> items;
  std::map<std::string, std::string> seen;
  const auto elements = read_array(reader, root, key, required);
  const json* array = root.contains(key) ? &root[key] : nullptr;
  for (const json* element : elements) {
    const auto index = static_cast<std::size_t>(element - &(*array)[0]);
    items.push_back(read_one(reader, *element, item_pointer(key, index), seen));
  }
  return items;
}

Playbook read_playbook(Reader& reader, const json& root) {
  Playbook playbook;
  playbook.name = reader.string(root, "", "name", false);
  if (const json* languages = reader.member(root, "", "languages", json::value_t::array, false))
    playbook.languages = reader.strings(*languages, "/languages");
  if (playbook.languages.empty()) playbook.languages = {"en"};
  playbook.facts = read_items<Fact>(reader, root, "facts", true, read_fact);
  playbook.techniques = read_items<Technique>(reader, root, "techniques", true, read_technique);
  playbook.warnings = read_items<Warning>(reader, root, "warnings", false, read_warning);
  playbook.rules = read_items<Rule>(reader, root, "rules", true, read_rule);
  playbook.signals = read_items<Signal>(reader, root, "signals", false, read_signal);
  playbook.cues = read_items<Cue>(reader, root, "cues", false, read_cue);
  if (const json* seeds = reader.member(root, "", "seeds", json::value_t::object, false))
    for (const auto& [id, title] : seeds->items())
      playbook.seeds[id] = reader.text(*seeds, "/seeds", id.c_str(), true);
  reader.unknown_keys(root, "", k_playbook_keys, "the playbook");
  check_references(reader, playbook);
  return playbook;
}

}  // namespace

std::vector<SignalSpec> signal_specs(const std::vector<Signal>& signals) {
  std::vector<SignalSpec> specs;
  for (const Signal& signal : signals) {
    SignalSpec spec{signal.id, signal.fact, signal.value, {}, signal.pointer, signal.when_negated};
    for (const auto& [language, patterns] : signal.patterns)
      spec.patterns.insert(spec.patterns.end(), patterns.begin(), patterns.end());
    specs.push_back(std::move(spec));
  }
  return specs;
}

std::vector<CueSpec> cue_specs(const std::vector<Cue>& cues) {
  std::vector<CueSpec> specs;
  for (const Cue& cue : cues) {
    CueSpec spec{cue.id,     cue.kind, cue.covers_before, cue.reaches_sentence,
                 cue.window, {},       cue.pointer};
    for (const auto& [language, patterns] : cue.patterns)
      spec.patterns.insert(spec.patterns.end(), patterns.begin(), patterns.end());
    specs.push_back(std::move(spec));
  }
  return specs;
}

const std::string& text_in(const Text& text, std::string_view language) {
  if (const auto found = text.find(language); found != text.end()) return found->second;
  if (const auto found = text.find("en"); found != text.end()) return found->second;
  return text.empty() ? k_empty_text : text.begin()->second;
}

const std::vector<std::string>& text_in(const TextList& text, std::string_view language) {
  if (const auto found = text.find(language); found != text.end()) return found->second;
  if (const auto found = text.find("en"); found != text.end()) return found->second;
  return text.empty() ? k_empty_list : text.begin()->second;
}

const Fact* Playbook::find_fact(std::string_view id) const {
  const auto found =
      std::find_if(facts.begin(), facts.end(), [&](const Fact& f) { return f.spec.id == id; });
  return found == facts.end() ? nullptr : &*found;
}
FactSchema Playbook::fact_schema() const {
  std::vector<FactSpec> specs;
  specs.reserve(facts.size());
  for (const auto& fact : facts) specs.push_back(fact.spec);
  return FactSchema(std::move(specs));
}
const Technique* Playbook::find_technique(std::string_view id) const {
  return find_by_id(techniques, id);
}
const Warning* Playbook::find_warning(std::string_view id) const {
  return find_by_id(warnings, id);
}
const Rule* Playbook::find_rule(std::string_view id) const { return find_by_id(rules, id); }

bool PlaybookLoad::has_errors() const {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

std::string_view default_playbook_text() {
  return {closecoach_embedded_playbook, closecoach_embedded_playbook_size};
}

}  // namespace closecoach

namespace closecoach {

PlaybookLoad load_playbook(std::string_view text, std::string_view file_name) {
  PlaybookLoad load;
  auto parsed = parse_json(text, file_name);
  if (!parsed.ok()) {
    load.diagnostics.push_back(parsed.error());
    return load;
  }
  if (!parsed->is_object()) {
    Diagnostic diagnostic = make_error("a playbook must be a JSON object");
    diagnostic.file = std::string(file_name);
    const std::size_t start = std::min(text.find_first_not_of(" \t\r\n"), text.size());
    const TextPosition position = position_of(text, start);
    diagnostic.line = position.line;
    diagnostic.column = position.column;
    load.diagnostics.push_back(diagnostic);
    return load;
  }
  Reader reader(load.diagnostics);
  Playbook playbook = read_playbook(reader, *parsed);
  if (load.diagnostics.empty()) {  // the common case: no positions needed
    load.playbook = std::move(playbook);
    return load;
  }
  const JsonLocator locator(text);
  for (auto& diagnostic : load.diagnostics) {
    diagnostic.file = std::string(file_name);
    locator.locate(diagnostic);
  }
  for (const auto& [index, offset] : reader.m_string_offsets) {
    Diagnostic& diagnostic = load.diagnostics[index];
    const TextPosition position =
        position_in_string(text, locator.locate_value(diagnostic.pointer), offset);
    diagnostic.line = position.line;
    diagnostic.column = position.column;
  }
  if (load.has_errors())
    load.partial = std::move(playbook);
  else
    load.playbook = std::move(playbook);
  return load;
}

}  // namespace closecoach
