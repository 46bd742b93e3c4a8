#include <closecoach/csv.hpp>
#include <closecoach/json_writer.hpp>
#include <closecoach/review.hpp>
#include <closecoach/signals.hpp>
#include <closecoach/text.hpp>
#include <closecoach/utf8.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "review_internal.hpp"

namespace closecoach {

using nlohmann::json;

void ReviewTally::merge(const ReviewTally& other) {
  records += other.records;
  errors += other.errors;
  closed += other.closed;
  for (const auto& [key, count] : other.by_class) by_class[key] += count;
  for (const auto& [key, count] : other.by_move) by_move[key] += count;
}

namespace {

Result<std::vector<SignalTarget>> signal_targets(const Engine& engine) {
  std::vector<SignalTarget> targets;
  for (const Signal& signal : engine.playbook().signals) {
    const int slot = engine.schema().slot_of(signal.fact);
    SignalTarget target{slot, {}, signal.value.dump(), {}, {}};
    for (const auto& [key, json_value, value] :
         {std::tuple{"value", &signal.value, &target.value},
          std::tuple{"when_negated", signal.when_negated ? &*signal.when_negated : nullptr,
                     &target.negated_value}}) {
      if (json_value == nullptr) continue;
      auto read = engine.schema().value_from_json(slot, *json_value);
      if (!read.ok())
        return make_error(fmt::format("signal '{}': {}", signal.id, read.error().message),
                          fmt::format("{}/{}", signal.pointer, key));
      *value = *read;
    }
    if (signal.when_negated) target.negated_json = signal.when_negated->dump();
    targets.push_back(std::move(target));
  }
  return targets;
}

Result<SignalMatcher> signal_matcher(const Engine& engine) {
  return SignalMatcher::create(signal_specs(engine.playbook().signals),
                               cue_specs(engine.playbook().cues));
}

// The built-in profiles a header may pick. One that does not fit the
// playbook (a playbook without its facts) is left out: it could not be read.
std::vector<CrmProfile> detectable_profiles(const FactSchema& schema) {
  std::vector<CrmProfile> profiles;
  for (const auto& name : builtin_profile_names())
    if (ProfileLoad load = find_profile(name, schema); load.profile && load.diagnostics.empty())
      profiles.push_back(std::move(*load.profile));
  return profiles;
}

}  // namespace

Result<Reviewer> Reviewer::create(const Engine& engine, ReviewOptions options) {
  auto matcher = signal_matcher(engine);
  if (!matcher.ok()) return matcher.error();
  auto targets = signal_targets(engine);
  if (!targets.ok()) return targets.error();
  for (const auto& [column, target] : options.column_map) {
    const int slot = engine.schema().slot_of(target);
    if (target != "id" && target != "notes" && (slot < 0 || engine.schema().spec(slot).derived))
      return make_error(fmt::format("--map {}: {} is not a fact, 'id' or 'notes'",
                                    quote(fmt::format("{}={}", column, target)), quote(target)));
  }
  auto state = std::make_unique<State>(State{&engine,
                                             std::move(options),
                                             std::move(matcher.value()),
                                             std::move(targets.value()),
                                             engine.schema().slot_of(k_customer_class_fact),
                                             {},
                                             {},
                                             {},
                                             {},
                                             {}});
  state->blank_head.clear(!state->options.keep.empty());
  if (!state->options.profile && state->options.detect_profile)
    state->detectable = detectable_profiles(engine.schema());
  auto quote_ids = [](const auto& items, std::vector<std::string>& out) {
    for (const auto& item : items) append_json_string(out.emplace_back(), item.id);
  };
  quote_ids(engine.playbook().techniques, state->technique_json);
  quote_ids(engine.playbook().rules, state->rule_json);
  quote_ids(engine.playbook().warnings, state->warning_json);
  return Reviewer(std::move(state));
}

Reviewer::Reviewer(std::unique_ptr<State> state) : m_state(std::move(state)) {}
Reviewer::Reviewer(Reviewer&&) noexcept = default;
Reviewer& Reviewer::operator=(Reviewer&&) noexcept = default;
Reviewer::~Reviewer() = default;

const ReviewOptions& Reviewer::options() const { return m_state->options; }

std::shared_ptr<Reviewer::Scratch> Reviewer::make_scratch() const {
  return std::make_shared<Scratch>();
}

void write_failure(const DealHead& head, std::size_t line_number, std::string_view message,
                   std::string& out, ReviewTally& tally) {
  ++tally.records;
  ++tally.errors;
  out += fmt::format(R"({{"id":{},"line":{},"class":null)", head.id, line_number);
  append_deal(out, head);
  out += R"(,"moves":[],"avoid":[],"warnings":[],"signals":[])";
  if (!head.fields.empty()) out += fmt::format(R"(,"fields":{})", head.fields);
  out += R"(,"error":)";
  append_json_string(out, message);
  out += "}\n";
}

void Reviewer::write_error(std::size_t line_number, std::string_view message, std::string& out,
                           ReviewTally& tally) const {
  write_failure(m_state->blank_head, line_number, message, out, tally);
}

namespace {

// Where a byte of the normalised notes came from in the record's notes,
// moved to the start of the character it falls in ("…" is normalised to
// "...", whose second and third dots come from inside it).
std::size_t origin_in_notes(const Reviewer::Scratch& scratch, std::size_t normalized_offset) {
  std::size_t origin = scratch.html_origins(scratch.normalized.origins(normalized_offset));
  while (origin > 0 && origin < scratch.notes.size() &&
         utf8::is_continuation(scratch.notes[origin]))
    --origin;
  return origin;
}

// The end of evidence quoted from HTML notes, before the tags and spaces
// that followed its last character there ("…下周签</p>": "…下周签").
std::size_t end_before_markup(std::string_view notes, std::size_t start, std::size_t end) {
  while (end > start) {
    const char last = notes[end - 1];
    if (last == ' ' || last == '\n' || last == '\r' || last == '\t') {
      --end;
    } else if (const std::size_t tag = notes.substr(start, end - start).rfind('<');
               last == '>' && tag != std::string_view::npos) {
      end = start + tag;
    } else {
      break;
    }
  }
  return end;
}

// Reads notes into signals and facts not given explicitly; evidence is quoted
// from the notes as written.
void apply_signals(const Reviewer::State& state, Reviewer::Scratch& scratch) {
  scratch.readings.clear();
  scratch.signals.clear();
  scratch.html_origins.clear();
  if (scratch.notes.empty()) return;
  // Most notes have neither '<' nor '&': skip the HTML check for them.
  const bool maybe_html =
      scratch.notes.find_first_of("<&") != std::string::npos && looks_like_html(scratch.notes);
  const std::string plain =
      maybe_html ? strip_html(scratch.notes, &scratch.html_origins) : std::string();
  normalize_note(maybe_html ? std::string_view(plain) : std::string_view(scratch.notes),
                 scratch.normalized);
  state.matcher.read(scratch.normalized.text, scratch.readings);
  for (const SignalReading& reading : scratch.readings) {
    const SignalTarget& target = state.targets[reading.signal];
    Value& fact = scratch.facts[static_cast<std::size_t>(target.slot)];
    const bool applied = !reading.overridden && !fact.known();
    if (applied) fact = reading.negated ? target.negated_value : target.value;
    const std::size_t start = origin_in_notes(scratch, reading.start);
    const std::size_t end =
        maybe_html ? end_before_markup(scratch.notes, start, origin_in_notes(scratch, reading.end))
                   : origin_in_notes(scratch, reading.end);
    scratch.signals.push_back({reading.signal, reading.negated, start, end, applied});
  }
}

std::string_view class_name(const Value& value) {
  return value.kind == Value::Kind::string ? value.string : std::string_view("none");
}

}  // namespace

void finish_record(const Reviewer::State& state, Reviewer::Scratch& scratch,
                   std::size_t line_number, std::string& out, ReviewTally& tally) {
  apply_signals(state, scratch);
  const Advice advice = state.engine->advise(scratch.facts, false);
  const Playbook& playbook = state.engine->playbook();
  ++tally.records;
  if (scratch.head.closed != DealClosed::open) {
    ++tally.closed;  // nothing left to advise: no class or move to count
    write_result(state, scratch, advice, line_number, out);
    return;
  }
  const Value klass = state.class_slot >= 0
                          ? advice.facts[static_cast<std::size_t>(state.class_slot)]
                          : Value::null_value();
  ++tally.by_class[std::string(class_name(klass))];
  ++tally.by_move
        [advice.moves.empty()
             ? std::string("none")
             : playbook.techniques[static_cast<std::size_t>(advice.moves.front().technique)].id];
  write_result(state, scratch, advice, line_number, out);
}

}  // namespace closecoach
