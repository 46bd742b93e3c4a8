#include "cli.hpp"

#include <closecoach/version.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <ostream>
#include <span>

#include "atomic_file.hpp"
#include "fd_stream.hpp"
#include "options.hpp"

namespace closecoach::cli {

Failure::Failure(Diagnostic diagnostic, int status)
    : std::runtime_error(format_diagnostic(diagnostic)),
      m_diagnostic(std::move(diagnostic)),
      m_status(status) {}

void fail(std::string message, int status) {
  throw Failure(make_error(std::move(message)), status);
}

void check_output(Streams& io) {
  io.out.flush();
  if (io.out) return;
  const auto* buffer = dynamic_cast<const FdOutputBuffer*>(io.out.rdbuf());
  const int error = buffer != nullptr && buffer->error() != 0 ? buffer->error() : EIO;
  fail(fmt::format("write error: {}", std::strerror(error)), k_exit_write_error);
}

namespace {

// Diagnostics go to stderr through spdlog, never to stdout.
void setup_logging(std::ostream& err, const std::string& level, int verbosity) {
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(err);
  auto logger = std::make_shared<spdlog::logger>("closecoach", sink);
  logger->set_pattern("closecoach: %l: %v");
  spdlog::level::level_enum chosen = spdlog::level::warn;
  if (!level.empty())
    chosen = spdlog::level::from_str(level);
  else if (verbosity == 1)
    chosen = spdlog::level::info;
  else if (verbosity >= 2)
    chosen = spdlog::level::debug;
  logger->set_level(chosen);
  spdlog::set_default_logger(logger);
}

// --color auto colours a terminal unless NO_COLOR is set (no-color.org); the
// option, given on the command line, beats the variable.
bool color_wanted(const std::string& choice, bool terminal) {
  if (choice != "auto") return choice == "always";
  const char* no_color = std::getenv("NO_COLOR");
  return terminal && (no_color == nullptr || *no_color == '\0');
}

// -o FILE: stdout's buffer is swapped for a temporary file's for the length
// of the command, and the file renamed into place when the command ends
// without an error. What the command says on stderr is unchanged.
class OutputRedirect {
 public:
  explicit OutputRedirect(Context& context)
      : m_io(context.io),
        m_file(context.output_file, "it was not written", context),
        m_buffer(m_file.fd()),
        m_saved(m_io, m_io.out.rdbuf(&m_buffer)) {
    m_io.out_is_terminal = false;
    m_io.out_fd = m_file.fd();
  }

  void commit() {
    m_io.out.flush();
    if (!m_io.out) m_file.fail_write(m_buffer.error() != 0 ? m_buffer.error() : EIO);
    m_file.commit();
  }

 private:
  // Puts stdout back, before the buffer it was swapped for goes.
  struct SavedStdout {
    SavedStdout(Streams& streams, std::streambuf* saved)
        : io(streams), buffer(saved), terminal(streams.out_is_terminal), fd(streams.out_fd) {}
    ~SavedStdout() {
      io.out.rdbuf(buffer);
      io.out.clear();
      io.out_is_terminal = terminal;
      io.out_fd = fd;
    }
    Streams& io;
    std::streambuf* buffer;
    bool terminal;
    int fd;
  };

  Streams& m_io;
  AtomicFile m_file;
  FdOutputBuffer m_buffer;
  SavedStdout m_saved;
};

// What was written before the error reaches stdout before it, so that the
// two read in order when they share a file.
int report(Streams& io, const Diagnostic& diagnostic, int status) {
  io.out.flush();
  fmt::print(io.err, "closecoach: {}\n", format_diagnostic(diagnostic));
  return status;
}

// What `closecoach` alone prints: each command and the first line of what it
// is for.
std::string short_usage(const CLI::App& app) {
  std::string usage = "usage: closecoach COMMAND [OPTIONS] [-v] [--log-level LEVEL]\n\ncommands:\n";
  for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; })) {
    const std::string& description = command->get_description();
    usage += fmt::format("  {:<10}{}\n", command->get_name(),
                         description.substr(0, description.find('\n')));
  }
  return usage + "\nRun 'closecoach COMMAND --help' for a command's options.\n";
}

}  // namespace

void build_app(CLI::App& app, Context& context, GlobalOptions& globals,
               std::span<const char* const> words) {
  app.name("closecoach");
  app.description(
      "closecoach: offline sales coaching. Asks what matters, says what to do next, and why.");
  app.require_subcommand(1);
  app.footer(
      "Examples:\n"
      "  closecoach advise                         # asks what matters, then advises\n"
      "  closecoach review deals.csv -o reviewed.jsonl\n"
      "  closecoach report reviewed.jsonl --format html -o report.html\n"
      "  closecoach playbook validate team-playbook.json\n"
      "Run 'closecoach COMMAND --help' for a command's options and examples.");
  // -v and --log-level also after the subcommand: `closecoach review x.csv -v`.
  app.fallthrough();
  app.set_version_flag("--version", std::string("closecoach ") + version());
  app.add_flag("-v,--verbose", globals.verbosity,
               "Log what closecoach does to stderr (-vv for more)");
  app.add_option("--log-level", globals.log_level, "Log level on stderr")
      ->check(one_of({"trace", "debug", "info", "warn", "error", "critical", "off"}));
  app.add_option("--color", globals.color,
                 "Colour: auto (on a terminal, unless NO_COLOR is set), always or never")
      ->check(one_of({"auto", "always", "never"}));
  app.add_flag("-q,--quiet", context.quiet,
               "No notes or progress on stderr; errors and warnings still");
  struct Command {
    std::string_view name;
    void (*setup)(CLI::App&, Context&);
  };
  static constexpr std::array k_commands = {
      Command{"advise", setup_advise},   Command{"review", setup_review},
      Command{"report", setup_report},   Command{"deal", setup_deal},
      Command{"stats", setup_stats},     Command{"playbook", setup_playbook},
      Command{"profile", setup_profile}, Command{"eval", setup_eval}};
  const auto named = [&](const Command& command) {
    return std::find(words.begin(), words.end(), command.name) != words.end();
  };
  const bool any_named = std::any_of(k_commands.begin(), k_commands.end(), named);
  const bool version_only = words.size() == 1 && std::string_view(words[0]) == "--version";
  for (const Command& command : k_commands)
    if (any_named ? named(command) : !version_only) command.setup(app, context);
}

int run(int argc, const char* const* argv, Streams& io) {
  Context context{io};
  CLI::App app;
  GlobalOptions globals;
  build_app(app, context, globals,
            argc > 1 ? std::span(argv + 1, static_cast<std::size_t>(argc - 1))
                     : std::span<const char* const>());
  // On the heap when there is one: an empty std::optional of it was zeroed,
  // 64 KiB of fresh stack, at every start.
  std::unique_ptr<OutputRedirect> redirect;
  // Runs once every option is read, before the subcommand runs.
  app.parse_complete_callback([&] {
    setup_logging(io.err, globals.log_level, globals.verbosity);
    if (!context.output_file.empty() && context.output_file != "-")
      redirect = std::make_unique<OutputRedirect>(context);
    context.color = color_wanted(globals.color, io.out_is_terminal);
    context.color_err = color_wanted(globals.color, io.err_is_terminal);
  });
  if (argc <= 1) {
    fmt::print(io.err, "{}", short_usage(app));
    return k_exit_bad_input;
  }
  try {
    try {
      app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
      fmt::print(io.out, "{}", app.help());
    } catch (const CLI::CallForAllHelp&) {
      fmt::print(io.out, "{}", app.help("", CLI::AppFormatMode::All));
    } catch (const CLI::CallForVersion& e) {
      fmt::print(io.out, "{}\n", e.what());
    }
    if (redirect) redirect->commit();
    check_output(io);
    return context.exit_status;
  } catch (const CLI::ParseError& e) {
    return report(io, make_error(e.what()), k_exit_bad_input);
  } catch (const Failure& e) {
    return report(io, e.diagnostic(), e.status());
  } catch (const std::exception& e) {
    return report(io, make_error(fmt::format("internal error: {}", e.what())), k_exit_internal);
  }
}

}  // namespace closecoach::cli
