#include <closecoach/csv.hpp>
#include <closecoach/json_writer.hpp>
#include <closecoach/review.hpp>

#include <fmt/format.h>

#include <algorithm>

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
  auto notes = NoteReader::create(engine);
  if (!notes.ok()) return notes.error();
  for (const auto& [column, target] : options.column_map) {
    const int slot = engine.schema().slot_of(target);
    if (target != "id" && target != "notes" && (slot < 0 || engine.schema().spec(slot).derived))
      return make_error(fmt::format("--map {}: {} is not a fact, 'id' or 'notes'",
                                    quote(fmt::format("{}={}", column, target)), quote(target)));
  }
  auto state = std::make_unique<State>(State{&engine,
                                             std::move(options),
                                             std::move(notes.value()),
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

std::string_view class_name(const Value& value) {
  return value.kind == Value::Kind::string ? value.string : std::string_view("none");
}

}  // namespace

void finish_record(const Reviewer::State& state, Reviewer::Scratch& scratch,
                   std::size_t line_number, std::string& out, ReviewTally& tally) {
  state.notes.read(scratch.notes, scratch.note_buffers, scratch.facts, scratch.signals);
  state.engine->advise_moves(scratch.facts, scratch.advice);
  const Advice& advice = scratch.advice;
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
  // The key by reference: a technique id copied for every deal would be allocated.
  static const std::string k_none = "none";
  const std::string& move =
      advice.moves.empty()
          ? k_none
          : playbook.techniques[static_cast<std::size_t>(advice.moves.front().technique)].id;
  ++tally.by_move[move];
  write_result(state, scratch, advice, line_number, out);
}

}  // namespace closecoach
