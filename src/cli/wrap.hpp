#pragma once
// Text laid out for a terminal: how wide it is, and lines broken at spaces
// (or between CJK characters) so that none is wider, counted in cells.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace closecoach::cli {

// The columns of the terminal on `fd` (TIOCGWINSZ), else $COLUMNS when it is
// a positive number, else 80.
std::size_t terminal_width(int fd);

// `text` with each of its lines broken so that none takes more than `width`
// cells (utf8::display_width; colour escapes take none). Lines break at
// spaces, which are dropped there, and between CJK characters, never before
// closing or after opening punctuation; a word is broken only when it alone
// is wider than a line. A continued line is indented like the first,
// including a list marker ("  > ", "  - ", "   1) ") when that leaves room.
// A space at the very end (a prompt's) is kept when it fits.
std::string wrap_text(std::string_view text, std::size_t width);

// `words` as one shell command: on one line when it fits in `width`, else
// continued with " \" on the following lines, indented by four more spaces
// than `indent`. A word is never split: copied, the command runs as shown.
std::string wrap_command(const std::vector<std::string>& words, std::size_t indent,
                         std::size_t width);

}  // namespace closecoach::cli
