#pragma once
// Signals: facts read out of free-text notes ("the client wants to think it
// over" → last_response = think_about_it) by a playbook's phrase patterns.

#include <closecoach/diagnostic.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace closecoach {

// A signal as the matcher takes it: the patterns of all its languages
// together.
struct SignalSpec {
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
};

struct SignalHit {
  std::size_t signal = 0;     // index into SignalMatcher::specs()
  std::string_view match;     // what the pattern matched, inside the note
  std::string_view evidence;  // `match` widened to a short snippet of the note
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
  static Result<SignalMatcher> create(std::vector<SignalSpec> specs);

  SignalMatcher(SignalMatcher&&) noexcept;
  SignalMatcher& operator=(SignalMatcher&&) noexcept;
  ~SignalMatcher();

  // Appends to `out` one hit per signal that `normalized_note` shows, in the
  // order of specs(); the note must be normalize_for_matching's output. When
  // several of a signal's patterns match, the first in its list gives the
  // evidence. The hits' views point into `normalized_note`.
  void match(std::string_view normalized_note, std::vector<SignalHit>& out) const;

  const std::vector<SignalSpec>& specs() const { return m_specs; }

 private:
  struct Compiled;
  SignalMatcher(std::vector<SignalSpec> specs, std::unique_ptr<const Compiled> compiled);

  std::vector<SignalSpec> m_specs;
  std::unique_ptr<const Compiled> m_compiled;
};

}  // namespace closecoach
