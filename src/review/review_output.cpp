// The result line of a reviewed deal (the contract's shape).

#include <closecoach/json_writer.hpp>

#include <fmt/format.h>

#include <array>
#include <charconv>

#include "review_internal.hpp"

namespace closecoach {

namespace {

void write_ids(std::string& out, const Reviewer::State& state, const Advice& advice) {
  out += R"(,"moves":[)";
  for (std::size_t i = 0; i < advice.moves.size(); ++i) {
    if (i > 0) out += ',';
    out += R"({"technique":)";
    out += state.technique_json[static_cast<std::size_t>(advice.moves[i].technique)];
    out += R"(,"rules":[)";
    for (std::size_t r = 0; r < advice.moves[i].rules.size(); ++r) {
      if (r > 0) out += ',';
      out += state.rule_json[static_cast<std::size_t>(advice.moves[i].rules[r])];
    }
    out += "]}";
  }
  out += R"(],"avoid":[)";
  for (std::size_t i = 0; i < advice.avoid.size(); ++i) {
    if (i > 0) out += ',';
    out += R"({"technique":)";
    out += state.technique_json[static_cast<std::size_t>(advice.avoid[i].technique)];
    out += R"(,"rule":)";
    out += state.rule_json[static_cast<std::size_t>(advice.avoid[i].rule)];
    out += '}';
  }
  out += R"(],"warnings":[)";
  for (std::size_t i = 0; i < advice.warnings.size(); ++i) {
    if (i > 0) out += ',';
    out += R"({"id":)";
    out += state.warning_json[static_cast<std::size_t>(advice.warnings[i].warning)];
    out += '}';
  }
  out += ']';
}

// With --explain: the same lists as advise prints them, in the chosen language.
void write_explained(std::string& out, const Engine& engine, const Advice& advice,
                     const std::string& language) {
  const nlohmann::json full = engine.to_json(advice, language);
  for (const char* key : {"moves", "avoid", "warnings"}) {
    out += fmt::format(R"(,"{}":)", key);
    out += full[key].dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
}

// `key` and the number after it, without fmt's parsing of a format string
// (this runs for every signal of every record).
void append_number(std::string& out, std::string_view key, std::size_t number) {
  out += key;
  std::array<char, 24> digits{};
  const auto written = std::to_chars(digits.data(), digits.data() + digits.size(), number);
  out.append(digits.data(), written.ptr);
}

void write_signals(std::string& out, const Reviewer::State& state,
                   const Reviewer::Scratch& scratch) {
  out += R"(,"signals":[)";
  for (std::size_t i = 0; i < scratch.signals.size(); ++i) {
    const AppliedSignal& signal = scratch.signals[i];
    const SignalSpec& spec = state.notes.matcher().specs()[signal.signal];
    if (i > 0) out += ',';
    out += R"({"fact":)";
    append_json_string(out, spec.fact);  // short: a fact id
    out += R"(,"value":)";
    out += state.notes.value_json(signal);
    out += R"(,"evidence":)";
    append_json_string(
        out, std::string_view(scratch.notes).substr(signal.start, signal.end - signal.start));
    append_number(out, R"(,"start":)", signal.start);
    append_number(out, R"(,"end":)", signal.end);
    out += R"(,"signal":)";
    append_json_string(out, spec.id);
    out += signal.applied ? "}" : R"(,"overridden":true})";
  }
  out += ']';
}

// With --explain: every fact the advice knows, given, mapped, read from notes,
// assumed or derived, whether or not a rule read it.
void write_facts(std::string& out, const FactSchema& schema, const Advice& advice) {
  out += R"(,"facts":{)";
  bool first = true;
  for (std::size_t slot = 0; slot < advice.facts.size(); ++slot) {
    if (!advice.facts[slot].known()) continue;
    if (!first) out += ',';
    first = false;
    append_json_string(out, schema.spec(static_cast<int>(slot)).id);
    out += ':';
    out += FactSchema::value_to_json(advice.facts[slot])
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  out += '}';
}

}  // namespace

std::string json_text_or_null(std::string_view text) {
  if (text.empty()) return "null";
  std::string out;
  append_json_string(out, text);
  return out;
}

void append_deal(std::string& out, const DealHead& head) {
  out += R"(,"name":)";
  out += head.name;
  out += R"(,"owner":)";
  out += head.owner;
  out += R"(,"closed":)";
  switch (head.closed) {
    case DealClosed::open:
      out += "null";
      break;
    case DealClosed::won:
      out += R"("won")";
      break;
    case DealClosed::lost:
      out += R"("lost")";
      break;
  }
}

void write_result(const Reviewer::State& state, const Reviewer::Scratch& scratch,
                  const Advice& advice, std::size_t line_number, std::string& out) {
  out += R"({"id":)";
  out += scratch.head.id;
  append_number(out, R"(,"line":)", line_number);
  out += R"(,"class":)";
  const Value klass = state.class_slot >= 0
                          ? advice.facts[static_cast<std::size_t>(state.class_slot)]
                          : Value::null_value();
  if (klass.kind == Value::Kind::string)
    append_json_string(out, klass.string);
  else
    out += "null";
  append_deal(out, scratch.head);
  if (scratch.head.closed != DealClosed::open)
    out += R"(,"moves":[],"avoid":[],"warnings":[])";  // closed: nothing left to advise
  else if (state.options.explain)
    write_explained(out, *state.engine, advice, state.options.language);
  else
    write_ids(out, state, advice);
  write_signals(out, state, scratch);
  if (state.options.explain) write_facts(out, state.engine->schema(), advice);
  if (!scratch.head.fields.empty()) out += R"(,"fields":)" + scratch.head.fields;
  out += R"(,"error":null})";
  out += '\n';
}

}  // namespace closecoach
