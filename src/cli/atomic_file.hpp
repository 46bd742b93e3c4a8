#pragma once
// Writing a whole output file so that a reader sees the old file or the new
// one, never a part: playbook fmt's rewrite in place, every command's -o FILE.

#include <filesystem>
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
// A file that appears whole at `path` or not at all: what is written to fd()
// goes to a temporary file beside it, which commit() flushes to disk and
// renames over `path`. Dropped without commit(), the temporary file goes and
// `path` is as it was. The checks and errors are write_atomically's; a failed
// write or commit throws Failure with exit status 74.
class AtomicFile {
 public:
  AtomicFile(std::string path, std::string not_done, Context& context);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  int fd() const { return m_fd; }
  const std::string& path() const { return m_path; }
  void commit();
  // Throws Failure "cannot write PATH: strerror(error)" (exit 74), the
  // temporary file removed.
  [[noreturn]] void fail_write(int error);

 private:
  void discard();

  std::string m_path;
  std::string m_not_done;
  std::filesystem::path m_target;
  std::string m_temporary;
  int m_fd = -1;
};

void write_atomically(const std::string& path, std::string_view content, std::string_view not_done,
                      Context& context);

}  // namespace closecoach::cli
