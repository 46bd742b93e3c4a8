#pragma once
// Writing a whole output file so that a reader sees the old file or the new
// one, never a part: playbook fmt's rewrite in place, report's -o FILE.

#include <string>
#include <string_view>

#include "cli.hpp"

namespace closecoach::cli {

// Replaces (or creates) `path` with `content`: a temporary file in the same
// directory, flushed to disk, renamed over it. An existing file keeps its
// owner, group and mode, a symlink is followed, and a read-only file is
// refused; a new file gets mode 0666 less the umask. Throws Failure (exit 2)
// "cannot write PATH: REASON", ending with `; NOT_DONE` where the message
// says what was refused ("it was not formatted"); warns on stderr when the
// file has other hard links, which keep the old text.
void write_atomically(const std::string& path, std::string_view content, std::string_view not_done,
                      Context& context);

}  // namespace closecoach::cli
