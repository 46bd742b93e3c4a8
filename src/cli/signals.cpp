#include "signals.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>

#include "cli.hpp"

namespace closecoach::cli {

namespace {

std::atomic<int> g_signal = 0;
// The self-pipe: the handler writes a byte, readers poll the other end.
std::array<int, 2> g_wakeup = {-1, -1};
static_assert(std::atomic<int>::is_always_lock_free);

constexpr std::array<int, 2> k_stop_signals = {SIGINT, SIGTERM};
std::array<struct sigaction, 2> g_previous{};
std::array<bool, 2> g_installed{};
std::atomic<bool> g_active = false;  // a StopSignals lives

extern "C" void on_stop_signal(int signal) {
  const int saved_errno = errno;
  g_signal.store(signal);
  const char byte = 1;
  [[maybe_unused]] const auto written = write(g_wakeup[1], &byte, 1);
  errno = saved_errno;
}

void drain_wakeup_pipe() {
  char drained[64];
  while (read(g_wakeup[0], drained, sizeof drained) > 0) {
  }
}

}  // namespace

StopSignals::StopSignals() {
  if (g_wakeup[0] < 0 && pipe2(g_wakeup.data(), O_CLOEXEC | O_NONBLOCK) != 0)
    fail("cannot set up signal handling: no pipe", k_exit_internal);
  for (std::size_t i = 0; i < k_stop_signals.size(); ++i) {
    g_installed[i] = false;
    if (sigaction(k_stop_signals[i], nullptr, &g_previous[i]) != 0 ||
        g_previous[i].sa_handler == SIG_IGN)
      continue;
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    // Writes blocked on a slow reader resume; the second signal kills.
    action.sa_flags = static_cast<int>(SA_RESTART | SA_RESETHAND);
    g_installed[i] = sigaction(k_stop_signals[i], &action, nullptr) == 0;
  }
  g_active = true;
}

StopSignals::~StopSignals() {
  for (std::size_t i = 0; i < k_stop_signals.size(); ++i)
    if (g_installed[i]) sigaction(k_stop_signals[i], &g_previous[i], nullptr);
  g_active = false;
  g_signal.store(0);
  drain_wakeup_pipe();
}

int stop_signal() { return g_signal.load(); }

int stop_wakeup_fd() { return g_active ? g_wakeup[0] : -1; }

int exit_status_for(int signal) {
  return signal == SIGINT    ? k_exit_interrupted
         : signal == SIGTERM ? k_exit_terminated
                             : 128 + signal;
}

}  // namespace closecoach::cli
