#include "support/pty_session.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <thread>

namespace closecoach::testing {

std::string closecoach_binary() {
  const char* binary = std::getenv("CLOSECOACH_BINARY");
  return binary == nullptr ? std::string() : std::string(binary);
}

PtySession::PtySession(const std::vector<std::string>& args, unsigned short columns) {
  const std::string binary = closecoach_binary();
  if (binary.empty()) return;
  std::vector<std::string> words{binary};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  winsize size{};
  size.ws_col = columns;
  size.ws_row = 24;
  m_pid = ::forkpty(&m_master, nullptr, nullptr, &size);
  if (m_pid == 0) {  // the child: only async-signal-safe calls matter little here
    ::unsetenv("LC_ALL");
    ::unsetenv("LC_MESSAGES");
    ::unsetenv("COLUMNS");
    ::setenv("LANG", "C.UTF-8", 1);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  if (m_pid > 0) ::fcntl(m_master, F_SETFL, ::fcntl(m_master, F_GETFL) | O_NONBLOCK);
}

PtySession::~PtySession() {
  if (m_pid > 0) {
    ::kill(m_pid, SIGKILL);
    ::waitpid(m_pid, nullptr, 0);
  }
  if (m_master >= 0) ::close(m_master);
}

bool PtySession::read_some(std::chrono::milliseconds wait) {
  if (m_closed) return false;
  pollfd ready{m_master, POLLIN, 0};
  if (::poll(&ready, 1, static_cast<int>(wait.count())) <= 0) return true;
  char buffer[4096];
  const ssize_t got = ::read(m_master, buffer, sizeof buffer);
  if (got < 0 && (errno == EAGAIN || errno == EINTR)) return true;
  if (got <= 0) {  // EIO: every descriptor of the terminal's other side is closed
    m_closed = true;
    return false;
  }
  for (ssize_t i = 0; i < got; ++i)
    if (buffer[i] != '\r') m_output += buffer[i];
  return true;
}

bool PtySession::wait_for(std::string_view text) {
  const auto deadline = std::chrono::steady_clock::now() + k_timeout;
  for (;;) {
    if (const auto found = m_output.find(text, m_seen); found != std::string::npos) {
      m_seen = found + text.size();
      return true;
    }
    if (std::chrono::steady_clock::now() > deadline || !read_some(std::chrono::milliseconds(50)))
      return false;
  }
}

bool PtySession::wait_for_prompt() {
  const auto deadline = std::chrono::steady_clock::now() + k_timeout;
  for (;;) {
    // A prompt is the last thing shown: the program waits for a reply.
    if (m_output.size() >= m_seen + 2 && m_output.ends_with("> ")) {
      m_seen = m_output.size();
      return true;
    }
    if (std::chrono::steady_clock::now() > deadline || !read_some(std::chrono::milliseconds(50)))
      return false;
  }
}

void PtySession::type(std::string_view keys) {
  while (!keys.empty()) {
    const ssize_t wrote = ::write(m_master, keys.data(), keys.size());
    if (wrote < 0 && errno != EAGAIN && errno != EINTR) return;
    if (wrote > 0) keys.remove_prefix(static_cast<std::size_t>(wrote));
  }
}

void PtySession::end_input() { type("\x04"); }

int PtySession::wait_exit() {
  if (m_pid <= 0) return -1;
  const auto deadline = std::chrono::steady_clock::now() + k_timeout;
  int status = 0;
  for (;;) {
    read_some(std::chrono::milliseconds(20));
    const pid_t done = ::waitpid(m_pid, &status, WNOHANG);
    if (done == m_pid) break;
    if (std::chrono::steady_clock::now() > deadline) return -1;  // the destructor kills it
  }
  m_pid = -1;
  while (read_some(std::chrono::milliseconds(20))) {  // what it wrote before it exited
    if (std::chrono::steady_clock::now() > deadline) break;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string strip_escapes(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\x1b') {
      out += text[i];
      continue;
    }
    while (i < text.size() && !(text[i] >= 'A' && text[i] <= 'Z') &&
           !(text[i] >= 'a' && text[i] <= 'z'))
      ++i;
  }
  return out;
}

}  // namespace closecoach::testing
