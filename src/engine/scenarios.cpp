#include <closecoach/json_text.hpp>
#include <closecoach/note_reader.hpp>
#include <closecoach/scenarios.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace closecoach {

using nlohmann::json;

namespace {

constexpr std::array<std::string_view, 9> k_expect_keys{"top",   "not_top",  "moves_include",
                                                        "avoid", "warnings", "no_warnings",
                                                        "class", "read",     "not_read"};

// A case's notes: one string, or a list of them joined by line breaks as
// review joins a record's list of notes (later notes win).
Result<std::string> read_notes(const json& item, const Scenario& scenario,
                               const std::string& pointer) {
  if (!item.contains("notes")) return std::string();
  const json& notes = item["notes"];
  if (notes.is_string()) return notes.get<std::string>();
  const bool strings =
      notes.is_array() &&
      std::all_of(notes.begin(), notes.end(), [](const json& note) { return note.is_string(); });
  if (!strings)
    return make_error(
        fmt::format("case '{}': 'notes' must be a string or a list of strings", scenario.name),
        pointer + "/notes");
  std::string joined;
  for (const auto& note : notes) {
    if (!joined.empty()) joined += '\n';
    joined += note.get<std::string>();
  }
  return joined;
}

Result<Scenario> read_case(const json& item, const std::string& pointer) {
  if (!item.is_object()) return make_error("a case must be an object", pointer);
  Scenario scenario;
  scenario.pointer = pointer;
  if (!item.contains("name") || !item["name"].is_string())
    return make_error("a case needs a string 'name'", pointer);
  scenario.name = item["name"].get<std::string>();
  auto notes = read_notes(item, scenario, pointer);
  if (!notes.ok()) return notes.error();
  scenario.notes = std::move(notes.value());
  // A case about reading notes may give no answers at all.
  if (item.contains("notes") && !item.contains("answers")) {
    scenario.answers = json::object();
  } else if (!item.contains("answers") || !item["answers"].is_object()) {
    return make_error(
        fmt::format("case '{}' needs an 'answers' object (or 'notes')", scenario.name), pointer);
  } else {
    scenario.answers = item["answers"];
  }
  scenario.expect = item.value("expect", json::object());
  if (!scenario.expect.is_object())
    return make_error(fmt::format("case '{}': 'expect' must be an object", scenario.name),
                      pointer + "/expect");
  for (const auto& [key, value] : scenario.expect.items()) {
    if (std::find(k_expect_keys.begin(), k_expect_keys.end(), key) == k_expect_keys.end())
      return make_error(fmt::format("case '{}': unknown expect key '{}' (known: {})", scenario.name,
                                    key, fmt::join(k_expect_keys, ", ")),
                        pointer + "/expect/" + key);
    if (key == "read" && !value.is_object())
      return make_error(
          fmt::format("case '{}': expect 'read' must be an object of fact to value", scenario.name),
          pointer + "/expect/read");
    if (key != "class" && key != "read" && !value.is_array())
      return make_error(
          fmt::format("case '{}': expect '{}' must be an array of ids", scenario.name, key),
          pointer + "/expect/" + key);
  }
  return scenario;
}

std::string id_text(const json& id) { return id.is_string() ? id.get<std::string>() : id.dump(); }

std::string list(const std::vector<std::string>& ids) {
  return fmt::format("[{}]", fmt::join(ids, ", "));
}

std::vector<std::string> ids_of(const json& items, const char* key) {
  std::vector<std::string> out;
  for (const auto& item : items) out.push_back(id_text(item.is_object() ? item[key] : item));
  return out;
}

bool contains(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

void check(const json& expect, const json& advice, std::vector<std::string>& failures) {
  const auto moves = ids_of(advice["moves"], "technique");
  const auto avoid = ids_of(advice["avoid"], "technique");
  const auto warnings = ids_of(advice["warnings"], "id");
  const std::string top = moves.empty() ? "no move" : moves.front();
  if (expect.contains("top") && !contains(ids_of(expect["top"], ""), top))
    failures.push_back(
        fmt::format("top: expected one of {}, got {}", list(ids_of(expect["top"], "")), top));
  if (expect.contains("not_top") && contains(ids_of(expect["not_top"], ""), top))
    failures.push_back(fmt::format("not_top: expected none of {}, got {}",
                                   list(ids_of(expect["not_top"], "")), top));
  auto require = [&](const char* key, const std::vector<std::string>& got, bool present) {
    if (!expect.contains(key)) return;
    for (const auto& id : ids_of(expect[key], ""))
      if (contains(got, id) != present)
        failures.push_back(
            fmt::format("{}: expected {} {}in {}", key, id, present ? "" : "not ", list(got)));
  };
  require("moves_include", moves, true);
  require("avoid", avoid, true);
  require("warnings", warnings, true);
  require("no_warnings", warnings, false);
  if (expect.contains("class") && expect["class"] != advice["class"])
    failures.push_back(
        fmt::format("class: expected {}, got {}", expect["class"].dump(), advice["class"].dump()));
}

// What the notes set: fact → the reading that set it (overridden ones set nothing).
json facts_read(const json& signals) {
  json read = json::object();
  for (const auto& signal : signals)
    if (!signal.contains("overridden")) read[signal["fact"].get<std::string>()] = signal;
  return read;
}

// `read` and `not_read`: what the notes must, and must not, set.
void check_notes(const Engine& engine, const json& expect, const json& signals,
                 std::vector<std::string>& failures) {
  const json read = facts_read(signals);
  auto got = [&](const std::string& fact) {
    if (!read.contains(fact)) return std::string("nothing");
    return fmt::format("{} from \"{}\"", read[fact]["value"].dump(),
                       read[fact]["evidence"].get<std::string>());
  };
  auto known = [&](const char* key, const std::string& fact) {
    if (engine.schema().slot_of(fact) >= 0) return true;
    failures.push_back(fmt::format("{}: unknown fact '{}'", key, fact));
    return false;
  };
  if (expect.contains("read"))
    for (const auto& [fact, value] : expect["read"].items())
      if (known("read", fact) && (!read.contains(fact) || read[fact]["value"] != value))
        failures.push_back(
            fmt::format("read: expected {} = {}, got {}", fact, value.dump(), got(fact)));
  if (expect.contains("not_read"))
    for (const auto& fact : ids_of(expect["not_read"], ""))
      if (known("not_read", fact) && read.contains(fact))
        failures.push_back(
            fmt::format("not_read: expected nothing of {}, got {}", fact, got(fact)));
}

// Fills the facts the case's answers leave unanswered from its notes; the
// readings come back as review's result lines give them.
Result<json> apply_notes(const Engine& engine, const Scenario& scenario,
                         std::vector<Value>& facts) {
  if (scenario.notes.empty()) return json::array();
  auto reader = NoteReader::create(engine);
  if (!reader.ok()) return reader.error();
  NoteBuffers buffers;
  std::vector<AppliedSignal> signals;
  reader->read(scenario.notes, buffers, facts, signals);
  return reader->to_json(scenario.notes, signals);
}

}  // namespace

Result<std::vector<Scenario>> read_scenarios(std::string_view text, std::string_view file_name) {
  auto parsed = parse_json(text, file_name);
  if (!parsed.ok()) return parsed.error();
  auto locate = [&](Diagnostic diagnostic) {
    diagnostic.file = std::string(file_name);
    JsonLocator(text).locate(diagnostic);
    return diagnostic;
  };
  if (!parsed->is_object() || !parsed->contains("cases") || !(*parsed)["cases"].is_array())
    return locate(make_error("scenario tests must be an object with a 'cases' array"));
  std::vector<Scenario> scenarios;
  const json& cases = (*parsed)["cases"];
  for (std::size_t i = 0; i < cases.size(); ++i) {
    auto scenario = read_case(cases[i], fmt::format("/cases/{}", i));
    if (!scenario.ok()) return locate(scenario.error());
    scenarios.push_back(std::move(scenario.value()));
  }
  return scenarios;
}

ScenarioOutcome run_scenario(const Engine& engine, const Scenario& scenario) {
  ScenarioOutcome outcome;
  std::vector<Value> facts = engine.blank_facts();
  auto read = engine.read_answers(scenario.answers, facts);
  if (!read.ok()) {
    outcome.passed = false;
    outcome.failures.push_back(fmt::format("answers: {}", read.error().message));
    return outcome;
  }
  auto signals = apply_notes(engine, scenario, facts);
  if (!signals.ok()) {
    outcome.passed = false;
    outcome.failures.push_back(fmt::format("notes: {}", signals.error().message));
    return outcome;
  }
  const Advice advice = engine.advise(facts, false);
  outcome.fired_rules = engine.fired_rules(advice);
  check(scenario.expect, engine.to_json(advice, "en"), outcome.failures);
  check_notes(engine, scenario.expect, *signals, outcome.failures);
  outcome.passed = outcome.failures.empty();
  return outcome;
}

}  // namespace closecoach
