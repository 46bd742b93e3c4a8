#include <closecoach/note_reader.hpp>
#include <closecoach/utf8.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace closecoach {

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

// Where a byte of the normalised notes came from in the notes, moved to the
// start of the character it falls in ("…" is normalised to "...", whose
// second and third dots come from inside it).
std::size_t origin_in_notes(std::string_view notes, const NoteBuffers& buffers,
                            std::size_t normalized_offset) {
  std::size_t origin = buffers.html_origins(buffers.normalized.origins(normalized_offset));
  while (origin > 0 && origin < notes.size() && utf8::is_continuation(notes[origin])) --origin;
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

}  // namespace

Result<NoteReader> NoteReader::create(const Engine& engine) {
  auto matcher = SignalMatcher::create(signal_specs(engine.playbook().signals),
                                       cue_specs(engine.playbook().cues));
  if (!matcher.ok()) return matcher.error();
  auto targets = signal_targets(engine);
  if (!targets.ok()) return targets.error();
  return NoteReader(std::move(matcher.value()), std::move(targets.value()));
}

void NoteReader::read(std::string_view notes, NoteBuffers& buffers, std::vector<Value>& facts,
                      std::vector<AppliedSignal>& out) const {
  buffers.readings.clear();
  buffers.html_origins.clear();
  out.clear();
  if (notes.empty()) return;
  // Most notes have neither '<' nor '&': skip the HTML check for them. (One
  // pass over the bytes: find_first_of("<&") calls memchr for every byte.)
  const bool maybe_html =
      std::any_of(notes.begin(), notes.end(), [](char c) { return c == '<' || c == '&'; }) &&
      looks_like_html(notes);
  const std::string plain = maybe_html ? strip_html(notes, &buffers.html_origins) : std::string();
  normalize_note(maybe_html ? std::string_view(plain) : notes, buffers.normalized);
  m_matcher.read(buffers.normalized.text, buffers.readings);
  for (const SignalReading& reading : buffers.readings) {
    const SignalTarget& target = m_targets[reading.signal];
    Value& fact = facts[static_cast<std::size_t>(target.slot)];
    const bool applied = !reading.overridden && !fact.known();
    if (applied) fact = reading.negated ? target.negated_value : target.value;
    const std::size_t start = origin_in_notes(notes, buffers, reading.start);
    const std::size_t end = origin_in_notes(notes, buffers, reading.end);
    out.push_back({reading.signal, reading.negated, start,
                   maybe_html ? end_before_markup(notes, start, end) : end, applied});
  }
}

nlohmann::json NoteReader::to_json(std::string_view notes,
                                   const std::vector<AppliedSignal>& signals) const {
  nlohmann::json out = nlohmann::json::array();
  for (const AppliedSignal& signal : signals) {
    const SignalSpec& spec = m_matcher.specs()[signal.signal];
    nlohmann::json item = {{"fact", spec.fact},
                           {"value", nlohmann::json::parse(value_json(signal))},
                           {"evidence", notes.substr(signal.start, signal.end - signal.start)},
                           {"start", signal.start},
                           {"end", signal.end},
                           {"signal", spec.id}};
    if (!signal.applied) item["overridden"] = true;
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace closecoach
