#pragma once
// Facts read out of a deal's notes with the playbook's signals and cues, the
// one path that `review`, `advise --notes` and `playbook test` share: facts
// given explicitly win, and every reading keeps its evidence quoted from the
// notes as written (docs/notes.md).

#include <closecoach/diagnostic.hpp>
#include <closecoach/engine.hpp>
#include <closecoach/signals.hpp>
#include <closecoach/text.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace closecoach {

// What a signal sets, resolved against the schema once.
struct SignalTarget {
  int slot = -1;
  Value value;
  std::string value_json;
  Value negated_value;  // what a negated mention sets, when the signal says
  std::string negated_json;
};

// One reading of the notes and whether it set its fact.
struct AppliedSignal {
  std::size_t signal = 0;
  bool negated = false;   // it sets the signal's when_negated
  std::size_t start = 0;  // the evidence, in bytes of the notes as given
  std::size_t end = 0;
  bool applied = false;  // false when the fact was given explicitly or is overridden
};

// Working memory for reading notes, kept between calls so that reading note
// after note reuses it.
struct NoteBuffers {
  NormalizedNote normalized;  // notes as signals match them
  OffsetMap html_origins;     // plain text → notes, when they were HTML
  std::vector<SignalReading> readings;
};

class NoteReader {
 public:
  // Fails when a signal or cue pattern does not compile, or a signal names a
  // value its fact cannot take.
  static Result<NoteReader> create(const Engine& engine);

  // Reads `notes` (several notes joined by line breaks, later ones winning)
  // into `out`, in the order of the notes, and sets every fact of `facts`
  // that is still unknown to what the notes assert of it. `out` is cleared
  // first. The values set point into the engine's playbook.
  void read(std::string_view notes, NoteBuffers& buffers, std::vector<Value>& facts,
            std::vector<AppliedSignal>& out) const;

  // The readings as review's result lines give them: [{"fact", "value",
  // "evidence", "start", "end", "signal"}, with "overridden": true on those
  // that set nothing].
  nlohmann::json to_json(std::string_view notes, const std::vector<AppliedSignal>& signals) const;

  const SignalMatcher& matcher() const { return m_matcher; }
  const std::vector<SignalTarget>& targets() const { return m_targets; }
  // The JSON text of the value a reading asserts.
  const std::string& value_json(const AppliedSignal& signal) const {
    const SignalTarget& target = m_targets[signal.signal];
    return signal.negated ? target.negated_json : target.value_json;
  }

 private:
  NoteReader(SignalMatcher matcher, std::vector<SignalTarget> targets)
      : m_matcher(std::move(matcher)), m_targets(std::move(targets)) {}

  SignalMatcher m_matcher;
  std::vector<SignalTarget> m_targets;
};

}  // namespace closecoach
