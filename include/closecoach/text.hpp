#pragma once
// Free text as review reads it: notes put into one canonical form so that a
// playbook phrase matches whatever case, width or Unicode form a rep typed,
// and HTML from CRM exports turned into plain text first.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace closecoach {

// Returns `text` in the form phrases are matched in:
//   - Unicode NFKC ("ＴＨＩＮＫ" → "THINK", "ﬁ" → "fi"), then full case folding
//     (utf8proc's UTF8PROC_CASEFOLD: "ПОДУМАТЬ" → "подумать", "ß" → "ss");
//   - default-ignorable code points (soft hyphen, zero-width space, BOM) removed;
//   - Cyrillic "ё" folded to "е", since Russian writers use them interchangeably;
//   - every run of whitespace (line breaks, tabs, NBSP, the ideographic space)
//     turned into one ASCII space, with none at either end.
// Never fails and never throws on bad input: each byte that is not part of
// valid UTF-8 is replaced by U+FFFD (so the result is always valid UTF-8).
// Normalising the result again changes nothing, so a phrase and a note meet
// in the same form.
// Text made only of ASCII, basic Cyrillic, CJK ideographs and common CJK and
// fullwidth punctuation takes a fast path that does not call utf8proc; the
// result is the same as the general path's.
// No map back to `text` is kept: evidence is quoted from the normalised form.
// Time is linear in the length of `text`, however many combining marks
// follow one letter: the result is utf8proc_map's, but marks are put in
// order here (utf8proc's own ordering is quadratic in the length of a run).
std::string normalize_for_matching(std::string_view text);
// The same, written into `out` (replacing what it held), so that a caller
// normalising note after note reuses one buffer.
void normalize_for_matching(std::string_view text, std::string& out);

// Where the bytes of a text made from another (plain text from HTML, a
// normalised note) came from: runs in which both advance together, so that a
// text copied mostly as it was costs a few entries, not one per byte.
class OffsetMap {
 public:
  void clear() { m_runs.clear(); }
  // From byte `made` of the made text on, bytes come from `source` on.
  // (Inline: it is called for every character of every note.)
  void map(std::size_t made, std::size_t source) {
    const bool continues =
        !m_runs.empty() && m_runs.back().source + (made - m_runs.back().made) == source;
    if (!continues) start_run(made, source);
  }
  // The byte of the source that byte `made` comes from (for a byte inside a
  // character that changed size, a byte inside its source character).
  std::size_t operator()(std::size_t made) const;
  // Gives back memory above `bytes`; returns whether it did.
  bool release_above(std::size_t bytes);

 private:
  void start_run(std::size_t made, std::size_t source);

  struct Run {
    std::uint32_t made;
    std::uint32_t source;
  };
  std::vector<Run> m_runs;
};

// A note as signals read it, with where its bytes came from.
struct NormalizedNote {
  std::string text;
  OffsetMap origins;  // text → note; origins(text.size()) is the note's size
};

// `note` as normalize_for_matching gives it, except that a run of whitespace
// holding a line break becomes one "\n" (a line break ends a sentence), with
// the origin of every byte, so that evidence can be quoted from the note as
// written. Characters are normalised one at a time with the marks that
// follow them, so the text differs from normalize_for_matching's only where
// NFKC would join two characters that are not a letter and its marks
// (Hangul jamo). Linear in the length of `note`, as normalize_for_matching.
void normalize_note(std::string_view note, NormalizedNote& out);

// Whether `text` looks like HTML: it has a tag ("<p>", "</div>", "<br/>",
// "<!--") or a character reference ("&amp;", "&#39;", "&#x4e00;"). A bare
// "<" or "&" ("a < b", "R&D") does not count.
bool looks_like_html(std::string_view text);

// `text` as plain text when it looks_like_html, else `text` unchanged.
// Like looks_like_html, it takes time linear in the length of `text`: a '<'
// that no '>' closes and an '&' with no ';' within 8 bytes are found to be
// text without reading the rest of `text` again.
// Tags are removed; <br>, <p>, <div>, <li>, <tr>, headings and other block
// tags become line breaks (never two in a row), <td> and <th> a space; the
// content of <script>, <style> and comments is dropped; the character
// references &amp; &lt; &gt; &quot; &apos; &nbsp; (as a plain space), a few
// typographic ones (&mdash; &hellip; &rsquo; ...) and numeric ones (&#NNN;
// &#xHH;) are decoded, an invalid code point as U+FFFD; an unknown reference,
// or one without its ';', is kept as written. A '<' that starts no tag is kept.
// With `origins`, it is set to where each byte of the result comes from in
// `text` (a tag's line break: the tag's '<'; a reference's text: its '&').
std::string strip_html(std::string_view text, OffsetMap* origins = nullptr);

// `text` without the spaces, tabs, carriage returns and line feeds at either
// end: how a typed answer or a spreadsheet cell is read.
std::string_view trim_space(std::string_view text);

}  // namespace closecoach
