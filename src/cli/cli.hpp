#pragma once
// The command-line front end. Everything here turns arguments into calls on
// the core library and the core's results into text; `run` is the one place
// that turns errors into messages and exit statuses.

#include <closecoach/diagnostic.hpp>

#include <iosfwd>
#include <span>
#include <stdexcept>
#include <string>

namespace CLI {
class App;
}

namespace closecoach::cli {

// Exit statuses, documented in the README.
inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_failures = 1;       // ran to the end, but records or cases failed
inline constexpr int k_exit_bad_input = 2;      // usage error, unreadable or invalid input
inline constexpr int k_exit_internal = 70;      // a bug: please report it
inline constexpr int k_exit_write_error = 74;   // the output could not be written (EX_IOERR)
inline constexpr int k_exit_interrupted = 130;  // SIGINT (128 + 2), after a clean stop
inline constexpr int k_exit_terminated = 143;   // SIGTERM (128 + 15), after a clean stop

// Where a run reads and writes; tests pass string streams.
struct Streams {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  bool in_is_terminal = false;
  bool out_is_terminal = false;
  bool err_is_terminal = false;
  // The descriptors behind `in` and `out` (-1 for string streams), for the
  // checks of inputs.hpp: a directory, input file is output file.
  int in_fd = -1;
  int out_fd = -1;
  bool in_closed = false;  // started with stdin closed (<&-)
};

// What every subcommand shares during one run.
struct Context {
  explicit Context(Streams& streams, int status = k_exit_ok, bool colour = false)
      : io(streams), exit_status(status), color(colour) {}

  Streams& io;
  int exit_status = k_exit_ok;  // a subcommand raises it to k_exit_failures
  bool color = false;           // colour output allowed on stdout
  bool color_err = false;       // and on stderr
  bool quiet = false;           // -q: no notes or progress on stderr; errors and warnings still
  std::string output_file;      // -o FILE: stdout goes there, the file written atomically
};

// Thrown by subcommands for input they cannot use; `run` prints
// "closecoach: error: ..." (the formatted diagnostic) and exits with `status`.
class Failure : public std::runtime_error {
 public:
  explicit Failure(Diagnostic diagnostic, int status = k_exit_bad_input);
  const Diagnostic& diagnostic() const { return m_diagnostic; }
  int status() const { return m_status; }

 private:
  Diagnostic m_diagnostic;
  int m_status;
};

// Throws Failure with a plain message (no location).
[[noreturn]] void fail(std::string message, int status = k_exit_bad_input);

// Flushes stdout; throws Failure (exit 74) "write error: No space left on
// device" when anything written to it was lost. `run` calls it after every
// command; a command calls it before it claims success on stderr.
void check_output(Streams& io);

// Runs closecoach with `argv` (argv[0] is the program name) and returns the
// exit status. Never throws.
int run(int argc, const char* const* argv, Streams& io);

// What the options before or after the subcommand set.
struct GlobalOptions {
  int verbosity = 0;
  std::string log_level;
  std::string color = "auto";  // --color auto|always|never
};

// Builds the command tree without running anything: `run` parses with it,
// and tools/man_page.cpp writes the man page's options from it. Given the
// command line's `words`, it leaves out the commands none of them names:
// those could not run, and building every command's options was a fifth of a
// short run. When no word names a command (`closecoach`, `closecoach
// --help`, a misspelt command), or without words, it builds every command;
// for `closecoach --version` alone, none.
void build_app(CLI::App& app, Context& context, GlobalOptions& globals,
               std::span<const char* const> words = {});

// Registration of each subcommand, one file each.
void setup_eval(CLI::App& app, Context& context);
void setup_advise(CLI::App& app, Context& context);
void setup_review(CLI::App& app, Context& context);
void setup_playbook(CLI::App& app, Context& context);
void setup_profile(CLI::App& app, Context& context);
void setup_report(CLI::App& app, Context& context);
void setup_deal(CLI::App& app, Context& context);
void setup_stats(CLI::App& app, Context& context);

}  // namespace closecoach::cli
