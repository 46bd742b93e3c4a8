#pragma once
// Signals: facts read out of free-text notes ("the client wants to think it
// over" → last_response = think_about_it) by a playbook's phrase patterns.

#include <closecoach/diagnostic.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace closecoach {

// A signal as the matcher takes it: the patterns of all its languages
// together.
struct SignalSpec {
  SignalSpec(std::string id_, std::string fact_, nlohmann::json value_,
             std::vector<std::string> patterns_, std::string pointer_,
             std::optional<nlohmann::json> when_negated_ = std::nullopt)
      : id(std::move(id_)),
        fact(std::move(fact_)),
        value(std::move(value_)),
        patterns(std::move(patterns_)),
        pointer(std::move(pointer_)),
        when_negated(std::move(when_negated_)) {}

  std::string id;
  std::string fact;
  nlohmann::json value;
  // A pattern starting with "re:" is an RE2 regular expression, matched
  // case-insensitively against the normalised note (see normalize_for_matching:
  // the note is case-folded, NFKC, with single spaces). Any other pattern is a
  // phrase, normalised the same way as the note and matched literally; where
  // it starts or ends with a letter or digit of a script written with spaces
  // (Latin, Cyrillic, ...), the note must not continue that word there
  // ("ceo" does not match in "ceorganize"), while Chinese, Japanese and other
  // scripts written without spaces match anywhere.
  std::vector<std::string> patterns;
  // Where the signal is defined (a JSON pointer such as "/signals/3"), copied
  // into diagnostics; may be empty.
  std::string pointer;
  // The value a negated mention asserts ("did not ask for the order":
  // false); without it a negated mention asserts nothing.
  std::optional<nlohmann::json> when_negated;
};

// What a cue does to the mentions in its scope (docs/notes.md, "Cues").
enum class CueKind { negation, hypothetical, question, plan, doubt, pseudo, terminator };

// A group of cue phrases: words that change what the mentions near them
// assert ("not", "if", "?", "next call:"), in the patterns' syntax.
struct CueSpec {
  std::string id;
  CueKind kind = CueKind::negation;
  bool covers_before = false;     // its scope is the text before it ("?", "吗")
  bool reaches_sentence = false;  // its scope ends at the sentence's end, not the clause's
  std::size_t window = 0;         // at most this many words (Chinese: characters); 0: no limit
  std::vector<std::string> patterns;
  std::string pointer;
};

// What a note asserts of a fact, as SignalMatcher::read finds it.
struct SignalReading {
  std::size_t signal = 0;   // index into SignalMatcher::specs()
  bool negated = false;     // the value asserted is the signal's when_negated
  bool overridden = false;  // a later statement in the note gives the fact another value
  std::size_t start = 0;    // the evidence: the mention's clause or sentence,
  std::size_t end = 0;      // in bytes of the normalised note
};

// Finds which signals a note shows, in one pass over the note for all
// patterns (an RE2::Set; phrases longer than 256 bytes are looked for on
// their own), then once more per signal that shows for its evidence. Time is
// linear in the note's length whatever the patterns: RE2 never backtracks,
// and a phrase's search never reads a byte of the note twice, however the
// phrase and the note repeat themselves. Matching is const and thread-safe.
class SignalMatcher {
 public:
  // Compiles every pattern. Fails on the first bad one with a message naming
  // the signal, the pattern and the reason, e.g. "signal 'think_it_over':
  // pattern 're:(think' does not compile: missing ): (think", and the spec's
  // pointer. A pattern is also bad when it is empty (after normalising) or a
  // regular expression that matches empty text, which would fire on every note.
  // Cue patterns are compiled the same way and checked alike.
  static Result<SignalMatcher> create(std::vector<SignalSpec> specs,
                                      std::vector<CueSpec> cues = {});

  SignalMatcher(SignalMatcher&&) noexcept;
  SignalMatcher& operator=(SignalMatcher&&) noexcept;
  ~SignalMatcher();

  // What the note asserts, the way a person reads it (docs/notes.md): every
  // mention of every signal, with the cues around it. A mention inside a
  // longer mention or cue is dropped (the longest wins); a mention in the
  // scope of a hypothetical, question, plan or doubt cue asserts nothing; one
  // in the scope of one negation asserts the signal's when_negated or
  // nothing, two negations cancel. Of a fact's readings the last in the note
  // wins and those of other values are kept as overridden (one per value).
  // Appends to `out` in the order of the note. Time stays linear in the
  // note's length: a pattern is looked for at most 64 times per note, and a
  // cue pattern that reaches that limit makes the note past its last
  // occurrence assert nothing.
  void read(std::string_view normalized_note, std::vector<SignalReading>& out) const;

  // The value a reading asserts: the signal's value, or its when_negated.
  const nlohmann::json& value_of(const SignalReading& reading) const;

  const std::vector<SignalSpec>& specs() const { return m_specs; }
  const std::vector<CueSpec>& cues() const { return m_cues; }

  struct Compiled;  // the compiled patterns: opaque, defined in signals.cpp

 private:
  SignalMatcher(std::vector<SignalSpec> specs, std::vector<CueSpec> cues,
                std::unique_ptr<const Compiled> compiled);
  void settle_conflicts(std::size_t first, std::vector<SignalReading>& out) const;

  std::vector<SignalSpec> m_specs;
  std::vector<CueSpec> m_cues;
  std::unique_ptr<const Compiled> m_compiled;
};

}  // namespace closecoach
