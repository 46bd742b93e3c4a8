#pragma once
// The built closecoach program on a pseudo-terminal, driven as a rep types:
// keystrokes in, what the terminal shows out, with a time limit on every
// wait so that a test fails instead of hanging.

#include <sys/types.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace closecoach::testing {

// The program the tests run: $CLOSECOACH_BINARY (tests/CMakeLists.txt sets
// it), or "" when unset.
std::string closecoach_binary();

class PtySession {
 public:
  static constexpr std::chrono::milliseconds k_timeout{10000};

  // Starts `closecoach ARGS...` on a new terminal `columns` wide, with
  // LANG=C.UTF-8 and neither LC_ALL nor COLUMNS set.
  explicit PtySession(const std::vector<std::string>& args, unsigned short columns = 80);
  ~PtySession();  // kills the program if it still runs
  PtySession(const PtySession&) = delete;
  PtySession& operator=(const PtySession&) = delete;

  bool started() const { return m_pid > 0; }

  // Waits until what the terminal showed since the last wait contains
  // `text`; returns false after k_timeout.
  bool wait_for(std::string_view text);
  // Waits for the next prompt ("> " at the end of what was shown).
  bool wait_for_prompt();
  // Types `keys` (a reply and its "\n").
  void type(std::string_view keys);
  // Ctrl-D at the start of a line: the end of the input.
  void end_input();
  // Reads until the program exits; its exit status, or -1 when it had to be
  // killed after k_timeout.
  int wait_exit();

  // All the terminal showed, with "\r\n" as "\n".
  const std::string& output() const { return m_output; }

 private:
  // Reads what is there, waiting at most `wait`; false once the terminal is closed.
  bool read_some(std::chrono::milliseconds wait);

  pid_t m_pid = -1;
  int m_master = -1;
  bool m_closed = false;
  std::string m_output;
  std::size_t m_seen = 0;  // where the next wait_for starts looking
};

// `text` without colour escapes (ESC [ ... m).
std::string strip_escapes(std::string_view text);

}  // namespace closecoach::testing
