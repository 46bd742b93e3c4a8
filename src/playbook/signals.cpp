#include <closecoach/signals.hpp>
#include <closecoach/text.hpp>
#include <closecoach/utf8.hpp>

#include <fmt/format.h>
#include <re2/re2.h>
#include <re2/set.h>
#include <utf8proc.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
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
// How far evidence reaches either side of the match, in bytes: some six
// English words, two or three Russian ones, or ten Chinese characters.
constexpr std::size_t k_context_bytes = 32;

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
  if (is_unspaced_script(cp)) return false;
  const utf8proc_category_t category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return (category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_NO);
}

constexpr std::string_view k_ideographic_full_stop = "\u3002";

bool is_ascii_sentence_end(char c) { return c == '.' || c == '!' || c == '?' || c == ';'; }

// Where the sentence that `text` ends in starts: just past the last sentence
// end in it, or 0. (Normalised text has no fullwidth '！' or '？' left.)
std::size_t sentence_start(std::string_view text) {
  for (std::size_t i = text.size(); i > 0; --i) {
    if (is_ascii_sentence_end(text[i - 1])) return i;
    if (text[i - 1] == '\x82' && text.substr(0, i).ends_with(k_ideographic_full_stop)) return i;
  }
  return 0;
}

// Where the sentence that `text` starts in ends: just past its first
// sentence end, or text.size().
std::size_t sentence_end(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (is_ascii_sentence_end(text[i])) return i + 1;
    if (text[i] == '\xE3' && text.substr(i).starts_with(k_ideographic_full_stop)) {
      return i + k_ideographic_full_stop.size();
    }
  }
  return text.size();
}

struct Pattern {
  std::size_t signal = 0;
  std::string phrase;  // a phrase, normalised; empty for a regex
  // For a phrase: borders[k] is the length of the longest proper prefix of
  // its first k bytes that is also their suffix (Knuth-Morris-Pratt).
  std::vector<std::uint32_t> borders;
  std::unique_ptr<RE2> regex;  // a regex; null for a phrase
  bool bounded_left = false;   // the phrase starts a word of a spaced script
  bool bounded_right = false;  // the phrase ends one
};

RE2::Options matching_options() {
  RE2::Options options;
  options.set_log_errors(false);  // the core never prints: errors come back as values
  return options;
}

Diagnostic pattern_error(const SignalSpec& spec, std::string_view pattern, std::string_view why) {
  return make_error(fmt::format("signal '{}': pattern '{}' {}", spec.id, pattern, why),
                    spec.pointer);
}

// The pattern compiled on its own (for evidence) and its text in the set.
Result<std::pair<Pattern, std::string>> compile_regex(const SignalSpec& spec,
                                                      std::string_view pattern) {
  const std::string_view body = pattern.substr(k_regex_prefix.size());
  if (body.empty()) return pattern_error(spec, pattern, "is empty");
  RE2::Options options = matching_options();
  options.set_case_sensitive(false);
  Pattern compiled;
  compiled.regex = std::make_unique<RE2>(re2::StringPiece(body.data(), body.size()), options);
  if (!compiled.regex->ok()) {
    return pattern_error(spec, pattern,
                         fmt::format("does not compile: {}", compiled.regex->error()));
  }
  if (RE2::PartialMatch("", *compiled.regex)) {
    return pattern_error(spec, pattern, "matches empty text, so it would fire on every note");
  }
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

Result<std::pair<Pattern, std::string>> compile_phrase(const SignalSpec& spec,
                                                       std::string_view pattern) {
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

Result<std::pair<Pattern, std::string>> compile_pattern(const SignalSpec& spec,
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

std::string_view widen(std::string_view note, std::string_view match) {
  const auto start = static_cast<std::size_t>(match.data() - note.data());
  const std::size_t end = start + match.size();
  std::size_t left = start - std::min(start, k_context_bytes);
  while (left < start && utf8::is_continuation(note[left])) ++left;
  left += sentence_start(note.substr(left, start - left));
  std::size_t right = std::min(note.size(), end + k_context_bytes);
  while (right > end && right < note.size() && utf8::is_continuation(note[right])) --right;
  right = end + sentence_end(note.substr(end, right - end));
  left = trim_partial_word_left(note, left, start);
  right = trim_partial_word_right(note, right, end);
  while (left < start && note[left] == ' ') ++left;
  while (right > end && note[right - 1] == ' ') --right;
  return note.substr(left, right - left);
}

// The first place of the phrase in the note at word boundaries. memmem
// (glibc's two-way search) finds the first place fast; when that one is
// inside a word, the next ones are found by Knuth-Morris-Pratt, which never
// reads a byte of the note twice, whatever the phrase and the note repeat
// ("aaa…" in "aaaa…" would make memmem start again one byte further on each time).
std::optional<std::string_view> find_phrase(const Pattern& pattern, std::string_view note) {
  const std::string& phrase = pattern.phrase;
  const void* found = ::memmem(note.data(), note.size(), phrase.data(), phrase.size());
  if (found == nullptr) return std::nullopt;
  const auto first = static_cast<std::size_t>(static_cast<const char*>(found) - note.data());
  std::size_t matched = phrase.size();
  for (std::size_t i = first + phrase.size();; ++i) {
    if (matched == phrase.size()) {
      const std::size_t start = i - phrase.size();
      if (has_word_boundaries(pattern, note, start, i)) return note.substr(start, phrase.size());
      matched = pattern.borders[matched];
    }
    if (i == note.size()) return std::nullopt;
    while (matched > 0 && note[i] != phrase[matched]) matched = pattern.borders[matched];
    if (note[i] == phrase[matched]) ++matched;
  }
}

std::optional<std::string_view> find(const Pattern& pattern, std::string_view note) {
  if (!pattern.regex) return find_phrase(pattern, note);
  re2::StringPiece found;
  if (!pattern.regex->Match(re2::StringPiece(note.data(), note.size()), 0, note.size(),
                            RE2::UNANCHORED, &found, 1)) {
    return std::nullopt;
  }
  return std::string_view(found.data(), found.size());
}

}  // namespace

struct SignalMatcher::Compiled {
  std::vector<Pattern> patterns;  // in the order of the signals
  std::vector<int> in_set;        // the pattern behind each index of the set
  std::vector<int> long_phrases;  // the patterns looked for in every note
  std::unique_ptr<RE2::Set> set;  // null when it would hold no pattern
};

Result<SignalMatcher> SignalMatcher::create(std::vector<SignalSpec> specs) {
  auto compiled = std::make_unique<Compiled>();
  RE2::Options options = matching_options();
  options.set_max_mem(k_set_memory_bytes);
  auto set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  for (std::size_t signal = 0; signal < specs.size(); ++signal) {
    for (const std::string& text : specs[signal].patterns) {
      auto pattern = compile_pattern(specs[signal], text);
      if (!pattern) return pattern.error();
      pattern->first.signal = signal;
      const auto index = static_cast<int>(compiled->patterns.size());
      if (!pattern->first.regex && pattern->first.phrase.size() > k_longest_phrase_in_set) {
        compiled->long_phrases.push_back(index);
      } else {
        std::string error;
        if (set->Add(pattern->second, &error) < 0) {
          return pattern_error(specs[signal], text, fmt::format("does not compile: {}", error));
        }
        compiled->in_set.push_back(index);
      }
      compiled->patterns.push_back(std::move(pattern->first));
    }
  }
  if (!compiled->in_set.empty()) {
    if (!set->Compile()) {
      return make_error("the signals' patterns are too large to compile together");
    }
    compiled->set = std::move(set);
  }
  return SignalMatcher(std::move(specs), std::move(compiled));
}

SignalMatcher::SignalMatcher(std::vector<SignalSpec> specs,
                             std::unique_ptr<const Compiled> compiled)
    : m_specs(std::move(specs)), m_compiled(std::move(compiled)) {}

SignalMatcher::SignalMatcher(SignalMatcher&&) noexcept = default;
SignalMatcher& SignalMatcher::operator=(SignalMatcher&&) noexcept = default;
SignalMatcher::~SignalMatcher() = default;

void SignalMatcher::match(std::string_view normalized_note, std::vector<SignalHit>& out) const {
  thread_local std::vector<int> candidates;
  candidates.clear();
  if (m_compiled->set) {
    RE2::Set::ErrorInfo info{};
    if (m_compiled->set->Match(re2::StringPiece(normalized_note.data(), normalized_note.size()),
                               &candidates, &info)) {
      for (int& candidate : candidates) {
        candidate = m_compiled->in_set[static_cast<std::size_t>(candidate)];
      }
    } else if (info.kind == RE2::Set::kOutOfMemory) {
      // The set gave up on this note: try every pattern on its own (still linear).
      candidates = m_compiled->in_set;
    }
  }
  candidates.insert(candidates.end(), m_compiled->long_phrases.begin(),
                    m_compiled->long_phrases.end());
  std::sort(candidates.begin(), candidates.end());
  const std::size_t previous_hits = out.size();
  for (const int index : candidates) {
    const Pattern& pattern = m_compiled->patterns[static_cast<std::size_t>(index)];
    if (out.size() > previous_hits && out.back().signal == pattern.signal) continue;
    if (auto found = find(pattern, normalized_note)) {
      out.push_back({pattern.signal, *found, widen(normalized_note, *found)});
    }
  }
}

}  // namespace closecoach
