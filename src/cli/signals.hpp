#pragma once
// SIGINT and SIGTERM as a request to stop cleanly: a run that can stop
// between records (review) installs StopSignals, asks stop_signal() as it
// goes, finishes the line it is writing and exits with 128 + the signal.
// The core never sees a signal: it is handed a stop predicate.

namespace closecoach::cli {

// While it lives, SIGINT and SIGTERM only record the signal (stop_signal())
// and wake every FdInputBuffer waiting on a slow input; a second signal of
// the same kind kills at once, as if nothing were installed. A signal the
// process started with ignored (nohup, a background job) stays ignored.
// The previous handlers come back at destruction. One at a time, on the
// main thread.
class StopSignals {
 public:
  StopSignals();
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;
};

// SIGINT or SIGTERM when one arrived since the living StopSignals was
// installed, else 0. Async-signal-safe and thread-safe.
int stop_signal();

// A descriptor that becomes readable once a stop signal has arrived (for
// poll()), or -1 when no StopSignals lives.
int stop_wakeup_fd();

// The exit status of a run stopped by `signal`: 130 for SIGINT, 143 for
// SIGTERM (128 + the signal's number, as a shell reports it).
int exit_status_for(int signal);

}  // namespace closecoach::cli
