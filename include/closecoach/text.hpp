#pragma once
// Free text as review reads it: notes put into one canonical form so that a
// playbook phrase matches whatever case, width or Unicode form a rep typed,
// and HTML from CRM exports turned into plain text first.

#include <string>
#include <string_view>

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
std::string strip_html(std::string_view text);

// `text` without the spaces, tabs, carriage returns and line feeds at either
// end: how a typed answer or a spreadsheet cell is read.
std::string_view trim_space(std::string_view text);

}  // namespace closecoach
