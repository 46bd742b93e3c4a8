// JSON Lines records: {"id": ..., "facts": {...}, "notes": "..." | ["..."]}.

#include <closecoach/json_text.hpp>

#include <fmt/format.h>

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

std::optional<std::string> read_facts(const FactSchema& schema, Element facts,
                                      std::vector<Value>& out,
                                      std::vector<std::pair<std::string, int>>& key_slots) {
  simdjson::dom::object object;
  if (facts.get(object) != simdjson::SUCCESS)
    return std::string("\"facts\" must be an object of fact to value");
  std::size_t index = 0;
  for (const auto field : object) {
    const int slot = cached_slot(schema, key_slots, index++, field.key);
    if (slot < 0 || schema.spec(slot).derived) return schema.describe_unknown(field.key);
    if (field.value.is_null()) continue;
    auto value = fact_value(schema, slot, field.value);
    if (!value.ok()) return value.error().message;
    out[static_cast<std::size_t>(slot)] = *value;
  }
  return std::nullopt;
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

// simdjson says what is wrong but not where; nlohmann's slower parse of the
// same line says where, and bad lines are rare.
std::string describe_bad_json(std::string_view line) {
  auto parsed = parse_json(line);
  if (parsed.ok()) return "invalid JSON";
  return fmt::format("column {}: {}", parsed.error().column, parsed.error().message);
}

std::optional<std::string> read_record(const Reviewer::State& state, std::string_view line,
                                       Reviewer::Scratch& scratch) {
  scratch.start_record(state.engine->schema().size());
  scratch.padded.assign(line);
  scratch.padded.resize(line.size() + simdjson::SIMDJSON_PADDING);
  Element record;
  if (scratch.parser.parse(scratch.padded.data(), line.size(), false).get(record) !=
      simdjson::SUCCESS)
    return describe_bad_json(line);
  if (!record.is_object()) return std::string("a record must be a JSON object");
  Element value;
  if (record["id"].get(value) == simdjson::SUCCESS) scratch.id_json = simdjson::minify(value);
  if (record["facts"].get(value) == simdjson::SUCCESS)
    if (auto error = read_facts(state.engine->schema(), value, scratch.facts, scratch.key_slots))
      return error;
  if (record["notes"].get(value) == simdjson::SUCCESS && !value.is_null())
    if (auto error = read_notes(value, scratch.notes)) return error;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> Reviewer::review_json_line(std::string_view line,
                                                      std::size_t line_number, Scratch& scratch,
                                                      std::string& out, ReviewTally& tally) const {
  auto error = read_record(*m_state, line, scratch);
  if (error) {
    write_failure(scratch.id_json, line_number, *error, out, tally);
    return error;
  }
  finish_record(*m_state, scratch, line_number, out, tally);
  return std::nullopt;
}

}  // namespace closecoach
