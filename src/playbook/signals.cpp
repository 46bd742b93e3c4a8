#include <closecoach/signals.hpp>
#include <closecoach/text.hpp>
#include <closecoach/utf8.hpp>

#include <fmt/format.h>
#include <re2/re2.h>
#include <re2/set.h>
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace closecoach {

namespace {

constexpr std::string_view k_regex_prefix = "re:";
// Room for the DFA of a few hundred patterns, so that a long note never makes
// the set give up and every pattern run on its own.
constexpr std::int64_t k_set_memory_bytes = std::int64_t{64} << 20;
// Phrases longer than this are looked for on their own in every note, not
// in the set: in the set's DFA, a phrase that nearly matches all along a
// note ("aaa…" in "aaaa…") makes one state per byte of it, each as large as
// it, too many to keep from one note to the next.
constexpr std::size_t k_longest_phrase_in_set = 256;

// A code point with its place in a text; length 0 when there is none.
struct CodePointAt {
  char32_t value = 0;
  std::size_t offset = 0;
  std::size_t length = 0;
};

CodePointAt code_point_at(std::string_view text, std::size_t offset) {
  if (offset >= text.size()) return {};
  const utf8::Decoded decoded = utf8::decode(text, offset);
  if (decoded.length == 0) return {utf8::k_replacement, offset, 1};
  return {decoded.code_point, offset, decoded.length};
}

CodePointAt code_point_before(std::string_view text, std::size_t offset) {
  if (offset == 0) return {};
  std::size_t start = offset - 1;
  while (start > 0 && offset - start < utf8::k_max_length && utf8::is_continuation(text[start])) {
    --start;
  }
  const CodePointAt found = code_point_at(text, start);
  return found.offset + found.length == offset ? found
                                               : CodePointAt{utf8::k_replacement, offset - 1, 1};
}

// Scripts written without spaces between words, where a phrase may start
// and end anywhere.
bool is_unspaced_script(char32_t cp) {
  return (cp >= 0x0E00 && cp <= 0x0EFF) ||  // Thai, Lao
         (cp >= 0x1000 && cp <= 0x109F) ||  // Myanmar
         (cp >= 0x1780 && cp <= 0x17FF) ||  // Khmer
         (cp >= 0x2E80 && cp <= 0x31FF) ||  // CJK radicals, kana, bopomofo
         (cp >= 0x3400 && cp <= 0x9FFF) ||  // CJK ideographs
         (cp >= 0xF900 && cp <= 0xFAFF) ||  // CJK compatibility ideographs
         (cp >= 0xFF66 && cp <= 0xFF9F) ||  // halfwidth kana
         (cp >= 0x20000 && cp <= 0x3FFFF);  // CJK extensions
}

// A letter, digit or mark of a script that separates words with spaces.
bool is_spaced_word_char(char32_t cp) {
  if (cp < 0x80) {
    const auto c = static_cast<char>(cp);
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
  if (cp >= 0x0400 && cp <= 0x04FF) return true;  // Cyrillic, without asking utf8proc
  if (is_unspaced_script(cp)) return false;
  const utf8proc_category_t category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return (category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_NO);
}

constexpr std::string_view k_ideographic_full_stop = "\u3002";

// A regular expression compiled the first time a note may match it: most
// runs meet few of a playbook's, and compiling them all was a sixth of
// review's start. Safe to use from several threads at once.
class LazyRegex {
 public:
  LazyRegex(std::string text, const RE2::Options& options)
      : m_text(std::move(text)), m_options(options) {}

  // The compiled expression, or null when it does not compile (its syntax
  // was checked when the playbook was: only a size limit can refuse it).
  const RE2* get() const {
    std::call_once(m_once, [&] { m_regex = std::make_unique<RE2>(m_text, m_options); });
    return m_regex->ok() ? m_regex.get() : nullptr;
  }

 private:
  std::string m_text;
  RE2::Options m_options;
  mutable std::once_flag m_once;
  mutable std::unique_ptr<RE2> m_regex;
};

struct Pattern {
  std::size_t signal = 0;  // the signal, or the cue group when `cue`
  bool cue = false;
  std::string phrase;  // a phrase, normalised; empty for a regex
  // For a phrase: borders[k] is the length of the longest proper prefix of
  // its first k bytes that is also their suffix (Knuth-Morris-Pratt).
  std::vector<std::uint32_t> borders;
  std::unique_ptr<LazyRegex> regex;  // a regex; null for a phrase
  bool room = false;                 // a phrase with room: (first piece)…(last piece)
  bool bounded_left = false;         // the phrase starts a word of a spaced script
  bool bounded_right = false;        // the phrase ends one
};

RE2::Options matching_options() {
  RE2::Options options;
  options.set_log_errors(false);  // the core never prints: errors come back as values
  return options;
}

// Who owns a pattern, for its errors: "signal 'x'" or "cue 'y'", and where.
struct Owner {
  std::string name;
  std::string pointer;
};

Diagnostic pattern_error(const Owner& owner, std::string_view pattern, std::string_view why) {
  return make_error(fmt::format("{}: pattern '{}' {}", owner.name, pattern, why), owner.pointer);
}

// "does not compile: WHY" when `regex` does not parse, RE2's own words (a
// regular expression is compiled only when first used: see LazyRegex).
std::optional<std::string> syntax_error(std::string_view regex, const RE2::Options& options) {
  RE2::Set syntax(options, RE2::UNANCHORED);  // a set of one parses, and is never compiled
  if (std::string error; syntax.Add(re2::StringPiece(regex.data(), regex.size()), &error) < 0)
    return fmt::format("does not compile: {}", error);
  return std::nullopt;
}

// The pattern compiled on its own (for evidence) and its text in the set.
Result<std::pair<Pattern, std::string>> compile_regex(const Owner& spec, std::string_view pattern) {
  const std::string_view body = pattern.substr(k_regex_prefix.size());
  if (body.empty()) return pattern_error(spec, pattern, "is empty");
  RE2::Options options = matching_options();
  options.set_case_sensitive(false);
  // Whether it matches empty text the signals' set tells once compiled.
  if (auto error = syntax_error(body, options)) return pattern_error(spec, pattern, *error);
  Pattern compiled;
  compiled.regex = std::make_unique<LazyRegex>(std::string(body), options);
  // The set is case-sensitive for phrases (already case-folded); the group
  // keeps the flag to this pattern, and a valid pattern's parentheses balance.
  return std::pair{std::move(compiled), fmt::format("(?i:{})", body)};
}

std::vector<std::uint32_t> borders_of(std::string_view phrase) {
  std::vector<std::uint32_t> borders(phrase.size() + 1, 0);
  std::uint32_t border = 0;
  for (std::size_t k = 1; k < phrase.size(); ++k) {
    while (border > 0 && phrase[k] != phrase[border]) border = borders[border];
    if (phrase[k] == phrase[border]) ++border;
    borders[k + 1] = border;
  }
  return borders;
}

// "…" (or " ... ") in a phrase: room for a few words between its pieces.
constexpr std::string_view k_ellipsis = "\u2026";
constexpr std::string_view k_spaced_dots = " ... ";

// The phrase's pieces around its "…", normalised; one piece when it has none.
std::vector<std::string> room_pieces(std::string_view pattern) {
  std::string text(pattern);
  for (std::size_t at = text.find(k_spaced_dots); at != std::string::npos;
       at = text.find(k_spaced_dots, at))
    text.replace(at, k_spaced_dots.size(), k_ellipsis);
  std::vector<std::string> pieces;
  std::size_t start = 0;
  for (std::size_t at = text.find(k_ellipsis);; at = text.find(k_ellipsis, start)) {
    pieces.push_back(normalize_for_matching(
        std::string_view(text).substr(start, at == std::string::npos ? at : at - start)));
    if (at == std::string::npos) break;
    start = at + k_ellipsis.size();
  }
  return pieces;
}

// What may stand between two pieces: up to 3 words where words are spaced,
// else up to 6 characters; never a clause or sentence end.
std::string room_between(std::string_view left, std::string_view right) {
  constexpr std::string_view k_not_an_end = "[^\\n,.;:!?()\u3002\u3001]";
  const bool spaced = is_spaced_word_char(code_point_before(left, left.size()).value) &&
                      is_spaced_word_char(code_point_at(right, 0).value);
  if (spaced) return fmt::format(" (?:{}+? ){{0,3}}", k_not_an_end);
  return fmt::format("{}{{0,6}}?", k_not_an_end);
}

// A phrase with room, as a regular expression over the normalised note;
// its word boundaries are checked as a plain phrase's are.
Result<std::pair<Pattern, std::string>> compile_phrase_with_room(
    const Owner& spec, std::string_view pattern, const std::vector<std::string>& pieces) {
  std::string regex;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (pieces[i].empty()) return pattern_error(spec, pattern, "has nothing on one side of '…'");
    if (i > 0) regex += room_between(pieces[i - 1], pieces[i]);
    // The first and last pieces are captured, to tell the room between them.
    const bool captured = i == 0 || i + 1 == pieces.size();
    regex += captured ? fmt::format("({})", RE2::QuoteMeta(pieces[i])) : RE2::QuoteMeta(pieces[i]);
  }
  Pattern compiled;
  compiled.room = true;
  if (auto error = syntax_error(regex, matching_options()))
    return pattern_error(spec, pattern, *error);
  compiled.regex = std::make_unique<LazyRegex>(std::move(regex), matching_options());
  compiled.bounded_left = is_spaced_word_char(code_point_at(pieces.front(), 0).value);
  compiled.bounded_right =
      is_spaced_word_char(code_point_before(pieces.back(), pieces.back().size()).value);
  // The set only tells which patterns may match, and a phrase with room can
  // only match where its first piece is: the piece stands for it there. The
  // room's negated classes would cost the set's compilation about as much as
  // all the plain phrases together.
  return std::pair{std::move(compiled), RE2::QuoteMeta(pieces.front())};
}

Result<std::pair<Pattern, std::string>> compile_phrase(const Owner& spec,
                                                       std::string_view pattern) {
  if (const auto pieces = room_pieces(pattern); pieces.size() > 1)
    return compile_phrase_with_room(spec, pattern, pieces);
  Pattern compiled;
  compiled.phrase = normalize_for_matching(pattern);
  if (compiled.phrase.empty()) return pattern_error(spec, pattern, "is empty");
  compiled.bounded_left = is_spaced_word_char(code_point_at(compiled.phrase, 0).value);
  compiled.bounded_right =
      is_spaced_word_char(code_point_before(compiled.phrase, compiled.phrase.size()).value);
  compiled.borders = borders_of(compiled.phrase);
  std::string quoted = RE2::QuoteMeta(compiled.phrase);
  return std::pair{std::move(compiled), std::move(quoted)};
}

Result<std::pair<Pattern, std::string>> compile_pattern(const Owner& spec,
                                                        std::string_view pattern) {
  if (pattern.starts_with(k_regex_prefix)) return compile_regex(spec, pattern);
  return compile_phrase(spec, pattern);
}

bool has_word_boundaries(const Pattern& pattern, std::string_view note, std::size_t start,
                         std::size_t end) {
  if (pattern.bounded_left && is_spaced_word_char(code_point_before(note, start).value)) {
    return false;
  }
  return !(pattern.bounded_right && is_spaced_word_char(code_point_at(note, end).value));
}

// Whether `offset` falls between two letters of a word of a spaced script.
bool is_inside_word(std::string_view note, std::size_t offset) {
  return offset > 0 && offset < note.size() &&
         is_spaced_word_char(code_point_before(note, offset).value) &&
         is_spaced_word_char(code_point_at(note, offset).value);
}

// Moves an edge of the evidence that cuts a word towards the match, to the
// nearest space (or the match itself), so evidence shows whole words.
// (Each looks for the space only between the edge and the match, a few
// bytes: never across the rest of the note.)
std::size_t trim_partial_word_left(std::string_view note, std::size_t edge, std::size_t match) {
  if (!is_inside_word(note, edge)) return edge;
  const std::size_t space = note.substr(edge, match - edge).find(' ');
  return space != std::string_view::npos ? edge + space + 1 : match;
}

std::size_t trim_partial_word_right(std::string_view note, std::size_t edge, std::size_t match) {
  if (!is_inside_word(note, edge)) return edge;
  const std::size_t space = note.substr(match, edge - match).rfind(' ');
  return space != std::string_view::npos ? match + space : match;
}

// How often one pattern is looked for in one note at most.
constexpr std::size_t k_max_occurrences = 64;
// How far a cue's scope reaches at most, in bytes, whatever its reach.
constexpr std::size_t k_max_scope_bytes = 512;
// How far evidence reaches either side of the mention, within its clause.
constexpr std::size_t k_evidence_context_bytes = 64;

// Where a pattern was found; a phrase with room also says where its room
// lies (between its first and last pieces), else room_start == room_end.
struct Place {
  std::size_t start = 0;
  std::size_t end = 0;
  std::size_t room_start = 0;
  std::size_t room_end = 0;
};

// A mention (of a signal) or a cue, by its place in the normalised note.
struct Span {
  Place place;
  std::size_t owner = 0;  // the signal, or the cue group when `cue`
  bool cue = false;
  // Where the cues that cover a mention are looked for: its start, or for a
  // phrase with room the start of its last piece, so that a cue in the room
  // ("budget is NOT an issue" for "budget … issue") covers it.
  std::size_t anchor() const {
    return place.room_end > place.room_start ? place.room_end : place.start;
  }
};

// Calls found(place) for each place of the pattern in the note, left to
// right without overlaps, k_max_occurrences at most; returns whether it
// stopped at that limit. A phrase is found by memmem (glibc's two-way search)
// from the end of each place; once a place is refused for its word
// boundaries, by Knuth-Morris-Pratt, which never reads a byte twice, whatever
// the phrase and the note repeat ("aaa…" in "aaaa…" would make memmem start
// again one byte further on each time). A regular expression goes on from
// the end of each match; each attempt counts toward the limit, so a match
// refused for its word boundaries cannot make the search go over the note
// again and again.
template <class Found>
bool for_each_place(const Pattern& pattern, std::string_view note, Found found) {
  std::size_t attempts = 0;
  if (!pattern.regex) {
    const std::string& phrase = pattern.phrase;
    std::size_t from = 0;
    while (from + phrase.size() <= note.size()) {
      const void* at =
          ::memmem(note.data() + from, note.size() - from, phrase.data(), phrase.size());
      if (at == nullptr) return false;
      const auto start = static_cast<std::size_t>(static_cast<const char*>(at) - note.data());
      if (!has_word_boundaries(pattern, note, start, start + phrase.size())) {
        from = start;
        break;
      }
      found(Place{start, start + phrase.size(), start, start});
      if (++attempts == k_max_occurrences) return true;
      from = start + phrase.size();
    }
    std::size_t matched = 0;
    for (std::size_t i = from; i < note.size(); ++i) {
      while (matched > 0 && note[i] != phrase[matched]) matched = pattern.borders[matched];
      if (note[i] == phrase[matched]) ++matched;
      if (matched < phrase.size()) continue;
      const std::size_t start = i + 1 - phrase.size();
      if (has_word_boundaries(pattern, note, start, i + 1)) {
        found(Place{start, i + 1, start, start});
        if (++attempts == k_max_occurrences) return true;
        matched = 0;  // no overlaps
      } else {
        matched = pattern.borders[matched];
      }
    }
    return false;
  }
  const re2::StringPiece text(note.data(), note.size());
  const auto offset = [&](const re2::StringPiece& piece) {
    return static_cast<std::size_t>(piece.data() - note.data());
  };
  const RE2* regex = pattern.regex->get();
  if (regex == nullptr) return false;
  for (std::size_t from = 0; from < note.size();) {
    std::array<re2::StringPiece, 3> groups;
    if (!regex->Match(text, from, note.size(), RE2::UNANCHORED, groups.data(), 1)) return false;
    const std::size_t start = offset(groups[0]);
    const std::size_t end = start + groups[0].size();
    Place place{start, end, start, start};
    // Where the room lies is asked of the match alone: captures cost RE2 far
    // more than finding the match, so they are not asked of the whole note.
    if (pattern.room && regex->Match(text, start, end, RE2::ANCHOR_BOTH, groups.data(), 3))
      place = {start, end, offset(groups[1]) + groups[1].size(), offset(groups[2])};
    if (has_word_boundaries(pattern, note, start, end)) found(place);
    if (++attempts == k_max_occurrences) return true;
    from = std::max(end, start + code_point_at(note, start).length);
  }
  return false;
}

// Drops every span that lies inside a longer one (the longest wins: a
// mention of "budget is not an issue" swallows the cue "not", the pseudo-cue
// "not only" swallows "not"), except a cue in the room of a phrase with room,
// which still covers it. `spans` ends sorted by place.
void keep_longest(std::vector<Span>& spans) {
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
    return a.place.start != b.place.start ? a.place.start < b.place.start
                                          : a.place.end > b.place.end;
  });
  Place cover;
  bool cover_is_mention = false;
  std::size_t kept = 0;
  for (const Span& span : spans) {
    const Place& place = span.place;
    const bool same = place.start == cover.start && place.end == cover.end;
    const bool inside = place.end <= cover.end && !same;
    const bool in_room = span.cue && cover_is_mention && place.start >= cover.room_start &&
                         place.end <= cover.room_end;
    if (inside && !in_room) continue;
    if (place.end > cover.end) {
      cover = place;
      cover_is_mention = !span.cue;
    }
    spans[kept++] = span;
  }
  spans.resize(kept);
}

// What an ASCII byte does to a scope: nothing, end a clause or end a sentence.
enum class Boundary : unsigned char { none, clause, sentence, other };

constexpr std::array<Boundary, 256> k_ascii_boundaries = [] {
  std::array<Boundary, 256> table{};
  for (const char c : {',', ';', ':', '(', ')'})
    table[static_cast<unsigned char>(c)] = Boundary::clause;
  for (const char c : {'!', '?', '\n'}) table[static_cast<unsigned char>(c)] = Boundary::sentence;
  // Of the other bytes only these may start a boundary: "—" and "–" (E2),
  // "、" and "。" (E3).
  table[0xE2] = Boundary::other;
  table[0xE3] = Boundary::other;
  table[static_cast<unsigned char>('-')] = Boundary::other;
  table[static_cast<unsigned char>('.')] = Boundary::other;
  return table;
}();

inline bool is_clause_end(std::string_view note, std::size_t at) {
  const Boundary boundary = k_ascii_boundaries[static_cast<unsigned char>(note[at])];
  if (boundary != Boundary::other) return boundary == Boundary::clause;
  const char c = note[at];
  if (c == '.') return false;
  if (c == '-') return at > 0 && at + 1 < note.size() && note[at - 1] == ' ' && note[at + 1] == ' ';
  const std::string_view rest = note.substr(at);
  return rest.starts_with("\u3001") || rest.starts_with("\u2014") || rest.starts_with("\u2013");
}

inline bool is_sentence_end(std::string_view note, std::size_t at) {
  const Boundary boundary = k_ascii_boundaries[static_cast<unsigned char>(note[at])];
  if (boundary != Boundary::other) return boundary == Boundary::sentence;
  const char c = note[at];
  if (c == '-') return false;
  if (c == '.') {  // not inside a number ("1.5") or a word ("e.g")
    const bool between_words = at > 0 && at + 1 < note.size() && note[at - 1] != ' ' &&
                               note[at + 1] != ' ' && note[at + 1] != '\n' && note[at + 1] != '.';
    return !between_words;
  }
  return note.substr(at).starts_with(k_ideographic_full_stop);
}

// Counts words as a cue's window does: a run of letters and digits of a
// spaced script is one word, each Chinese character is one.
class WordCounter {
 public:
  // Whether the code point starts a word, given the one before it.
  bool starts_word(char32_t cp) {
    const bool spaced = is_spaced_word_char(cp);
    const bool starts = is_unspaced_script(cp) || (spaced && !m_in_word);
    m_in_word = spaced;
    return starts;
  }

 private:
  bool m_in_word = false;
};

struct Scope {
  std::size_t start = 0;
  std::size_t end = 0;
  CueKind kind = CueKind::negation;
};

// A semicolon ends even a scope that reaches the sentence's end: what follows
// it is a statement of its own ("wants to sign if legal agrees; budget is approved").
bool ends_scope(const CueSpec& cue, std::string_view note, std::size_t at) {
  return is_sentence_end(note, at) || note[at] == ';' ||
         (!cue.reaches_sentence && is_clause_end(note, at));
}

// Where the scope of a cue that covers what follows it ends.
std::size_t scope_end(const CueSpec& cue, std::string_view note, std::size_t from) {
  const std::size_t limit = std::min(note.size(), from + k_max_scope_bytes);
  WordCounter words;
  std::size_t counted = 0;
  for (std::size_t at = from; at < limit;) {
    if (ends_scope(cue, note, at)) return at;
    const CodePointAt cp = code_point_at(note, at);
    if (cue.window > 0 && words.starts_word(cp.value) && ++counted > cue.window) return at;
    at += cp.length;
  }
  return limit;
}

// Where the scope of a cue that covers what comes before it starts.
std::size_t scope_start(const CueSpec& cue, std::string_view note, std::size_t to) {
  const std::size_t limit = to - std::min(to, k_max_scope_bytes);
  std::size_t counted = 0;
  for (std::size_t at = to; at > limit;) {
    const CodePointAt cp = code_point_before(note, at);
    if (ends_scope(cue, note, cp.offset)) return at;
    // Going backwards, a word is counted at its first letter.
    const bool word_start = is_unspaced_script(cp.value) ||
                            (is_spaced_word_char(cp.value) &&
                             !is_spaced_word_char(code_point_before(note, cp.offset).value));
    if (word_start && cue.window > 0 && ++counted > cue.window) return at;
    at = cp.offset;
  }
  return limit;
}

// The cues' scopes, each cut at the nearest terminator.
void scopes_of(const std::vector<CueSpec>& cues, const std::vector<Span>& spans,
               const std::vector<Span>& mentions, std::string_view note,
               std::vector<Scope>& scopes) {
  // A cue with no mention on its side covers nothing: its scope is not looked for.
  std::size_t first_anchor = SIZE_MAX, last_anchor = 0;
  for (const Span& mention : mentions) {
    first_anchor = std::min(first_anchor, mention.anchor());
    last_anchor = std::max(last_anchor, mention.anchor());
  }
  thread_local std::vector<std::size_t> starts, ends;  // of the terminators, in order
  starts.clear();
  ends.clear();
  for (const Span& span : spans)
    if (span.cue && cues[span.owner].kind == CueKind::terminator) {
      starts.push_back(span.place.start);
      ends.push_back(span.place.end);
    }
  scopes.clear();
  for (const Span& span : spans) {
    if (!span.cue) continue;
    const CueSpec& cue = cues[span.owner];
    if (cue.kind == CueKind::pseudo || cue.kind == CueKind::terminator) continue;
    if (cue.covers_before ? span.place.start <= first_anchor : span.place.start >= last_anchor)
      continue;
    Scope scope{0, 0, cue.kind};
    if (cue.covers_before) {
      scope.start = scope_start(cue, note, span.place.start);
      scope.end = span.place.start;
      const auto after = std::upper_bound(ends.begin(), ends.end(), span.place.start);
      if (after != ends.begin()) scope.start = std::max(scope.start, *(after - 1));
    } else {
      // A mention that starts inside the cue is covered too ("will ask" in
      // "will ask for the order", where neither holds the other).
      scope.start = span.place.start + 1;
      scope.end = scope_end(cue, note, span.place.end);
      const auto next = std::lower_bound(starts.begin(), starts.end(), span.place.end);
      if (next != starts.end()) scope.end = std::min(scope.end, *next);
    }
    if (scope.start < scope.end) scopes.push_back(scope);
  }
}

// For each mention, how many scopes of each kind cover its anchor: one
// sweep over the scopes' edges and the mentions in the order of their anchors.
using KindCounts = std::array<std::uint32_t, 7>;

void coverage(const std::vector<Span>& mentions, const std::vector<Scope>& scopes,
              std::vector<KindCounts>& out) {
  struct Edge {
    std::size_t at;
    int delta;
    CueKind kind;
  };
  thread_local std::vector<Edge> edges;
  thread_local std::vector<std::size_t> order;
  edges.clear();
  for (const Scope& scope : scopes) {
    edges.push_back({scope.start, +1, scope.kind});
    edges.push_back({scope.end, -1, scope.kind});
  }
  // At one place scopes end before others start.
  std::sort(edges.begin(), edges.end(), [](const Edge& a, const Edge& b) {
    return a.at != b.at ? a.at < b.at : a.delta < b.delta;
  });
  order.resize(mentions.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return mentions[a].anchor() < mentions[b].anchor();
  });
  out.assign(mentions.size(), KindCounts{});
  KindCounts open{};
  std::size_t next = 0;
  for (const std::size_t mention : order) {
    for (; next < edges.size() && edges[next].at <= mentions[mention].anchor(); ++next) {
      auto& count = open[static_cast<std::size_t>(edges[next].kind)];
      count = static_cast<std::uint32_t>(static_cast<int>(count) + edges[next].delta);
    }
    out[mention] = open;
  }
}

bool asserts_nothing(const KindCounts& counts) {
  for (const CueKind kind :
       {CueKind::hypothetical, CueKind::question, CueKind::plan, CueKind::doubt})
    if (counts[static_cast<std::size_t>(kind)] > 0) return true;
  return false;
}

// The clause around a mention, whole words, as [start, end): from the end of
// the clause or sentence before it to the end of its own, at most
// k_evidence_context_bytes either side.
std::pair<std::size_t, std::size_t> evidence_around(std::string_view note, const Span& mention) {
  const std::size_t start = mention.place.start;
  const std::size_t end = mention.place.end;
  const auto ends_clause = [&](std::size_t at) {
    return is_sentence_end(note, at) || is_clause_end(note, at);
  };
  std::size_t left = start - std::min(start, k_evidence_context_bytes);
  while (left < start && utf8::is_continuation(note[left])) ++left;
  for (std::size_t at = start; at > left; --at) {
    if (ends_clause(at - 1)) {
      left = at;
      break;
    }
  }
  std::size_t right = std::min(note.size(), end + k_evidence_context_bytes);
  while (right > end && right < note.size() && utf8::is_continuation(note[right])) --right;
  for (std::size_t at = end; at < right; ++at) {
    if (is_sentence_end(note, at)) {  // a sentence's end is quoted with it
      right = at + code_point_at(note, at).length;
      break;
    }
    if (is_clause_end(note, at)) {
      right = at;
      break;
    }
  }
  left = trim_partial_word_left(note, left, start);
  right = trim_partial_word_right(note, right, end);
  while (left < start && (note[left] == ' ' || note[left] == '\n')) ++left;
  while (right > end && (note[right - 1] == ' ' || note[right - 1] == '\n')) --right;
  return {left, right};
}

}  // namespace

struct SignalMatcher::Compiled {
  std::vector<Pattern> patterns;     // the signals' in their order, then the cues'
  std::vector<int> in_set;           // the pattern behind each index of the set
  std::vector<int> long_phrases;     // the patterns looked for in every note
  std::unique_ptr<RE2::Set> set;     // null when it would hold no pattern
  std::vector<std::size_t> fact_of;  // per signal: its fact, numbered
};

namespace {

// A regular expression as the playbook gave it, for the error that it
// matches empty text.
struct RegexSource {
  int pattern = 0;
  Owner owner;
  std::string text;
};

// Compiles one owner's patterns into `compiled` and `set`.
std::optional<Diagnostic> add_patterns(const Owner& owner, const std::vector<std::string>& texts,
                                       std::size_t index, bool cue, RE2::Set& set,
                                       SignalMatcher::Compiled& compiled,
                                       std::vector<RegexSource>& regexes) {
  for (const std::string& text : texts) {
    auto pattern = compile_pattern(owner, text);
    if (!pattern) return pattern.error();
    pattern->first.signal = index;
    pattern->first.cue = cue;
    const auto at = static_cast<int>(compiled.patterns.size());
    if (pattern->first.regex && !pattern->first.room) regexes.push_back({at, owner, text});
    if (!pattern->first.regex && pattern->first.phrase.size() > k_longest_phrase_in_set) {
      compiled.long_phrases.push_back(at);
    } else {
      std::string error;
      if (set.Add(pattern->second, &error) < 0)
        return pattern_error(owner, text, fmt::format("does not compile: {}", error));
      compiled.in_set.push_back(at);
    }
    compiled.patterns.push_back(std::move(pattern->first));
  }
  return std::nullopt;
}

// The first regular expression that matches empty text, which would fire on
// every note, asked of the compiled set all at once.
std::optional<Diagnostic> find_empty_match(const RE2::Set& set,
                                           const SignalMatcher::Compiled& compiled,
                                           const std::vector<RegexSource>& regexes) {
  std::vector<int> matched;
  if (!set.Match("", &matched)) return std::nullopt;
  for (int& index : matched) index = compiled.in_set[static_cast<std::size_t>(index)];
  for (const RegexSource& regex : regexes) {
    if (std::find(matched.begin(), matched.end(), regex.pattern) != matched.end())
      return pattern_error(regex.owner, regex.text,
                           "matches empty text, so it would fire on every note");
  }
  return std::nullopt;
}

}  // namespace

Result<SignalMatcher> SignalMatcher::create(std::vector<SignalSpec> specs,
                                            std::vector<CueSpec> cues) {
  auto compiled = std::make_unique<Compiled>();
  RE2::Options options = matching_options();
  options.set_max_mem(k_set_memory_bytes);
  auto set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  std::vector<std::string> facts;
  std::vector<RegexSource> regexes;
  for (std::size_t signal = 0; signal < specs.size(); ++signal) {
    const SignalSpec& spec = specs[signal];
    const Owner owner{fmt::format("signal '{}'", spec.id), spec.pointer};
    if (auto error = add_patterns(owner, spec.patterns, signal, false, *set, *compiled, regexes))
      return *error;
    const auto known = std::find(facts.begin(), facts.end(), spec.fact);
    compiled->fact_of.push_back(static_cast<std::size_t>(known - facts.begin()));
    if (known == facts.end()) facts.push_back(spec.fact);
  }
  for (std::size_t cue = 0; cue < cues.size(); ++cue) {
    const Owner owner{fmt::format("cue '{}'", cues[cue].id), cues[cue].pointer};
    if (auto error = add_patterns(owner, cues[cue].patterns, cue, true, *set, *compiled, regexes))
      return *error;
  }
  if (!compiled->in_set.empty()) {
    if (!set->Compile()) {
      return make_error("the signals' patterns are too large to compile together");
    }
    if (auto error = find_empty_match(*set, *compiled, regexes)) return *error;
    compiled->set = std::move(set);
  }
  return SignalMatcher(std::move(specs), std::move(cues), std::move(compiled));
}

SignalMatcher::SignalMatcher(std::vector<SignalSpec> specs, std::vector<CueSpec> cues,
                             std::unique_ptr<const Compiled> compiled)
    : m_specs(std::move(specs)), m_cues(std::move(cues)), m_compiled(std::move(compiled)) {}

SignalMatcher::SignalMatcher(SignalMatcher&&) noexcept = default;
SignalMatcher& SignalMatcher::operator=(SignalMatcher&&) noexcept = default;
SignalMatcher::~SignalMatcher() = default;

namespace {

// The patterns that may match the note: those the set finds, and the long
// phrases, in order.
void candidates_of(const SignalMatcher::Compiled& compiled, std::string_view note,
                   std::vector<int>& candidates) {
  candidates.clear();
  if (compiled.set) {
    RE2::Set::ErrorInfo info{};
    if (compiled.set->Match(re2::StringPiece(note.data(), note.size()), &candidates, &info)) {
      for (int& candidate : candidates) {
        candidate = compiled.in_set[static_cast<std::size_t>(candidate)];
      }
    } else if (info.kind == RE2::Set::kOutOfMemory) {
      // The set gave up on this note: try every pattern on its own (still linear).
      candidates = compiled.in_set;
    }
  }
  candidates.insert(candidates.end(), compiled.long_phrases.begin(), compiled.long_phrases.end());
  std::sort(candidates.begin(), candidates.end());
}

}  // namespace

void SignalMatcher::read(std::string_view note, std::vector<SignalReading>& out) const {
  thread_local std::vector<int> candidates;
  thread_local std::vector<Span> spans;
  candidates_of(*m_compiled, note, candidates);
  spans.clear();
  std::size_t blind_from = note.size();  // past a cue pattern's last place looked for
  for (const int index : candidates) {
    const Pattern& pattern = m_compiled->patterns[static_cast<std::size_t>(index)];
    // The cues come after every signal: without a mention they change nothing.
    if (pattern.cue && spans.empty()) return;
    std::size_t last_end = 0;
    const bool stopped = for_each_place(pattern, note, [&](const Place& place) {
      spans.push_back({place, pattern.signal, pattern.cue});
      last_end = place.end;
    });
    if (stopped && pattern.cue) blind_from = std::min(blind_from, last_end);
  }
  keep_longest(spans);
  thread_local std::vector<Span> mentions;
  mentions.clear();
  for (const Span& span : spans)
    if (!span.cue && span.place.start < blind_from) mentions.push_back(span);
  if (mentions.empty()) return;
  thread_local std::vector<Scope> scopes;
  thread_local std::vector<KindCounts> counts;
  scopes_of(m_cues, spans, mentions, note, scopes);
  coverage(mentions, scopes, counts);
  const std::size_t first = out.size();
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    if (asserts_nothing(counts[i])) continue;
    const bool negated = counts[i][static_cast<std::size_t>(CueKind::negation)] % 2 == 1;
    if (negated && !m_specs[mentions[i].owner].when_negated) continue;
    const auto [start, end] = evidence_around(note, mentions[i]);
    out.push_back({mentions[i].owner, negated, false, start, end});
  }
  settle_conflicts(first, out);
}

const nlohmann::json& SignalMatcher::value_of(const SignalReading& reading) const {
  const SignalSpec& spec = m_specs[reading.signal];
  return reading.negated ? *spec.when_negated : spec.value;
}

// Of each fact's readings from `first` on, the last wins; of the others,
// those of the winner's value go, and of each other value the last is kept
// as overridden. (Read from the end, each reading is looked up among the
// few fact-value pairs already seen.)
void SignalMatcher::settle_conflicts(std::size_t first, std::vector<SignalReading>& out) const {
  struct Seen {
    std::size_t fact;
    const nlohmann::json* value;
  };
  thread_local std::vector<Seen> seen;
  thread_local std::vector<SignalReading> kept;
  seen.clear();
  kept.clear();
  for (std::size_t i = out.size(); i-- > first;) {
    const std::size_t fact = m_compiled->fact_of[out[i].signal];
    const nlohmann::json& value = value_of(out[i]);
    bool fact_seen = false, value_seen = false;
    for (const Seen& earlier : seen) {
      if (earlier.fact != fact) continue;
      fact_seen = true;
      value_seen = value_seen || *earlier.value == value;
    }
    if (value_seen) continue;
    seen.push_back({fact, &value});
    kept.push_back(out[i]);
    kept.back().overridden = fact_seen;
  }
  out.resize(first);
  out.insert(out.end(), kept.rbegin(), kept.rend());
}

}  // namespace closecoach
