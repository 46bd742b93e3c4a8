// JSON Lines records: {"id": ..., "facts": {...}, "notes": "..." | ["..."]}.

#include <closecoach/json_text.hpp>
#include <closecoach/json_writer.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "review_internal.hpp"

namespace closecoach {

namespace {

using Element = simdjson::dom::element;

// The fact's Value, or the message saying why the value does not fit.
Result<Value> fact_value(const FactSchema& schema, int slot, Element value) {
  switch (value.type()) {
    case simdjson::dom::element_type::STRING: {
      const std::string_view text = value.get_string().value_unsafe();
      const auto& allowed = schema.spec(slot).values;  // the common case, without building a Result
      for (std::size_t i = 0; i < allowed.size(); ++i)
        if (allowed[i] == text) return schema.enum_value(slot, i);
      return schema.value_from_text(slot, text);
    }
    case simdjson::dom::element_type::BOOL:
      if (schema.spec(slot).type == FactType::boolean)
        return Value::of(value.get_bool().value_unsafe());
      return schema.value_from_json(slot, value.get_bool().value_unsafe());
    case simdjson::dom::element_type::INT64: {
      const auto number = value.get_int64().value_unsafe();
      const auto as_double = static_cast<double>(number);
      const FactSpec& spec = schema.spec(slot);
      const bool in_range =
          as_double >= spec.minimum.value_or(-1e300) && as_double <= spec.maximum.value_or(1e300);
      if (in_range && (spec.type == FactType::integer || spec.type == FactType::number))
        return Value::of(as_double);
      return schema.value_from_json(slot, number);
    }
    case simdjson::dom::element_type::UINT64:
      return schema.value_from_json(slot, value.get_uint64().value_unsafe());
    case simdjson::dom::element_type::DOUBLE:
      return schema.value_from_json(slot, value.get_double().value_unsafe());
    default:
      return schema.value_from_json(slot, nlohmann::json::parse(simdjson::minify(value)));
  }
}

// Exports write the same keys in the same order on every line: remember the
// slot of the key seen at each position and hash only when it changes.
int cached_slot(const FactSchema& schema, std::vector<std::pair<std::string, int>>& cache,
                std::size_t index, std::string_view key) {
  if (index < cache.size() && cache[index].first == key) return cache[index].second;
  const int slot = schema.slot_of(key);
  if (index >= cache.size()) cache.resize(index + 1);
  cache[index] = {std::string(key), slot};
  return slot;
}

// Thrown by the readers below for a record that repeats a key: its message
// comes from parse_json, which locates both keys. The id is kept when it is
// not what is in doubt.
struct RepeatedKey {
  bool id_is_known = false;
};

// Whether `object` has a key twice (simdjson keeps both; each reader would
// take a different one). Records have few keys: pairs are compared unless
// there are many.
bool repeats_key(simdjson::dom::object object) {
  constexpr std::size_t k_few = 16;
  if (object.size() > k_few) {
    std::unordered_set<std::string_view> keys;
    for (const auto field : object)
      if (!keys.insert(field.key).second) return true;
    return false;
  }
  for (auto a = object.begin(); a != object.end(); ++a) {
    auto b = a;
    for (++b; b != object.end(); ++b)
      if (a.key() == b.key()) return true;
  }
  return false;
}

// repeats_key for every object inside `element` (an id may be any JSON).
bool repeats_key_within(Element element) {
  simdjson::dom::object object;
  if (element.get(object) == simdjson::SUCCESS) {
    if (repeats_key(object)) return true;
    for (const auto field : object)
      if (repeats_key_within(field.value)) return true;
    return false;
  }
  simdjson::dom::array array;
  if (element.get(array) == simdjson::SUCCESS)
    for (const auto item : array)
      if (repeats_key_within(item)) return true;
  return false;
}

std::optional<std::string> read_facts(const FactSchema& schema, Element facts,
                                      Reviewer::Scratch& scratch) {
  simdjson::dom::object object;
  if (facts.get(object) != simdjson::SUCCESS)
    return std::string("\"facts\" must be an object of fact to value");
  scratch.seen.assign(schema.size(), 0);
  std::size_t index = 0;
  for (const auto field : object) {
    const int slot = cached_slot(schema, scratch.key_slots, index++, field.key);
    if (slot < 0 || schema.spec(slot).derived) return schema.describe_unknown(field.key);
    if (std::exchange(scratch.seen[static_cast<std::size_t>(slot)], 1) != 0)
      throw RepeatedKey{true};
    if (field.value.is_null()) continue;
    auto value = fact_value(schema, slot, field.value);
    if (!value.ok()) return value.error().message;
    scratch.facts[static_cast<std::size_t>(slot)] = *value;
  }
  return std::nullopt;
}

// "owner" and "name": text, or null for none.
std::optional<std::string> read_text_key(simdjson::dom::object fields, const char* key,
                                         std::string& out) {
  Element value;
  if (fields[key].get(value) != simdjson::SUCCESS || value.is_null()) return std::nullopt;
  if (!value.is_string()) return fmt::format("\"{}\" must be a string or null", key);
  out = json_text_or_null(value.get_string().value_unsafe());
  return std::nullopt;
}

// --keep: the record's own keys of those names, as they are written.
void keep_fields(const std::vector<std::string>& keep, simdjson::dom::object fields,
                 std::string& out) {
  out.clear();
  out += '{';
  for (const auto& name : keep) {
    if (out.size() > 1) out += ',';
    append_json_string(out, name);
    out += ':';
    Element value;
    out += fields[name].get(value) == simdjson::SUCCESS ? simdjson::minify(value) : "null";
  }
  out += '}';
}

std::optional<std::string> read_notes(Element notes, std::string& out) {
  if (notes.is_string()) {
    out = notes.get_string().value_unsafe();
    return std::nullopt;
  }
  simdjson::dom::array array;
  if (notes.get(array) != simdjson::SUCCESS)
    return std::string("\"notes\" must be a string or an array of strings");
  for (const auto note : array) {
    if (!note.is_string()) return std::string("\"notes\" must be a string or an array of strings");
    if (!out.empty()) out += '\n';
    out += note.get_string().value_unsafe();
  }
  return std::nullopt;
}

// How parse_json places an error in a line: "column 12: ...".
std::string located_error(const Diagnostic& error) {
  return fmt::format("column {}: {}", error.column, error.message);
}

// The slow path, for what simdjson refuses but JSON allows (an integer beyond
// 64 bits): the record as nlohmann reads it, checked as the fast path checks.
// String values point into scratch.slow_record.
std::optional<std::string> read_slow_record(const Reviewer::State& state,
                                            Reviewer::Scratch& scratch) {
  const FactSchema& schema = state.engine->schema();
  const nlohmann::json& record = scratch.slow_record;
  if (!record.is_object()) return std::string("a record must be a JSON object");
  if (!state.options.keep.empty()) {
    nlohmann::ordered_json fields = nlohmann::ordered_json::object();
    for (const auto& name : state.options.keep) fields[name] = record.value(name, nlohmann::json());
    scratch.head.fields = fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  if (const auto id = record.find("id"); id != record.end())
    scratch.head.id = id->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  for (auto [key, out] : {std::pair{"owner", &scratch.head.owner}, {"name", &scratch.head.name}}) {
    const auto text = record.find(key);
    if (text == record.end() || text->is_null()) continue;
    if (!text->is_string()) return fmt::format("\"{}\" must be a string or null", key);
    *out = json_text_or_null(text->get_ref<const std::string&>());
  }
  if (const auto facts = record.find("facts"); facts != record.end()) {
    if (!facts->is_object()) return std::string("\"facts\" must be an object of fact to value");
    for (const auto& [fact, answer] : facts->items()) {
      const int slot = schema.slot_of(fact);
      if (slot < 0 || schema.spec(slot).derived) return schema.describe_unknown(fact);
      auto value = schema.value_from_json(slot, answer);
      if (!value.ok()) return value.error().message;
      scratch.facts[static_cast<std::size_t>(slot)] = *value;
    }
  }
  const auto notes = record.find("notes");
  if (notes == record.end() || notes->is_null()) return std::nullopt;
  const auto not_text = std::string("\"notes\" must be a string or an array of strings");
  if (notes->is_string()) {
    scratch.notes = notes->get<std::string>();
    return std::nullopt;
  }
  if (!notes->is_array()) return not_text;
  for (const auto& note : *notes) {
    if (!note.is_string()) return not_text;
    if (!scratch.notes.empty()) scratch.notes += '\n';
    scratch.notes += note.get_ref<const std::string&>();
  }
  return std::nullopt;
}

// A line simdjson refused: nlohmann's slower parse says where it is wrong,
// or reads what only simdjson refuses. Such lines are rare.
std::optional<std::string> read_refused_record(const Reviewer::State& state, std::string_view line,
                                               Reviewer::Scratch& scratch) {
  auto parsed = parse_json(line);
  if (!parsed.ok()) return located_error(parsed.error());
  scratch.slow_record = std::move(parsed.value());
  return read_slow_record(state, scratch);
}

// The id as JSON text, exactly as simdjson::minify writes it, but for the
// usual id (a string with nothing to escape) without the three allocations of
// minify's string builder: minify writes such a string's bytes as they are.
void write_id(Element value, std::string& out) {
  std::string_view text;
  const auto needs_escape = [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\';
  };
  if (value.get_string().get(text) == simdjson::SUCCESS &&
      std::none_of(text.begin(), text.end(), needs_escape)) {
    out.assign(1, '"');
    out += text;
    out += '"';
    return;
  }
  out = simdjson::minify(value);
}

std::optional<std::string> read_fast_record(const Reviewer::State& state, Element record,
                                            Reviewer::Scratch& scratch) {
  const FactSchema& schema = state.engine->schema();
  simdjson::dom::object fields;
  if (record.get(fields) != simdjson::SUCCESS) return std::string("a record must be a JSON object");
  if (repeats_key(fields)) throw RepeatedKey{};
  Element value;
  if (fields["id"].get(value) == simdjson::SUCCESS) {
    if (!value.is_string() && repeats_key_within(value)) throw RepeatedKey{};
    write_id(value, scratch.head.id);
  }
  if (auto error = read_text_key(fields, "owner", scratch.head.owner)) return error;
  if (auto error = read_text_key(fields, "name", scratch.head.name)) return error;
  if (!state.options.keep.empty()) keep_fields(state.options.keep, fields, scratch.head.fields);
  if (fields["facts"].get(value) == simdjson::SUCCESS)
    if (auto error = read_facts(schema, value, scratch)) return error;
  if (fields["notes"].get(value) == simdjson::SUCCESS && !value.is_null())
    if (auto error = read_notes(value, scratch.notes)) return error;
  return std::nullopt;
}

std::optional<std::string> read_record(const Reviewer::State& state, std::string_view line,
                                       Reviewer::Scratch& scratch) {
  const FactSchema& schema = state.engine->schema();
  scratch.start_record(schema.size(), !state.options.keep.empty());
  scratch.padded.assign(line);
  scratch.padded.resize(line.size() + simdjson::SIMDJSON_PADDING);
  Element record;
  if (scratch.parser.parse(scratch.padded.data(), line.size(), false).get(record) !=
      simdjson::SUCCESS)
    return read_refused_record(state, line, scratch);
  try {
    return read_fast_record(state, record, scratch);
  } catch (const RepeatedKey& repeated) {
    if (!repeated.id_is_known) scratch.head.id = "null";
    const auto parsed = parse_json(line);  // fails, locating both keys
    return parsed.ok() ? std::string("a key is repeated") : located_error(parsed.error());
  }
}

}  // namespace

std::optional<std::string> Reviewer::review_json_line(std::string_view line,
                                                      std::size_t line_number, Scratch& scratch,
                                                      std::string& out, ReviewTally& tally) const {
  auto error = read_record(*m_state, line, scratch);
  if (error) {
    write_failure(scratch.head, line_number, *error, out, tally);
    return error;
  }
  finish_record(*m_state, scratch, line_number, out, tally);
  return std::nullopt;
}

}  // namespace closecoach
