// `closecoach playbook fmt`: a playbook in canonical form, rewritten in place
// atomically, checked, or printed.

#include <closecoach/playbook_lint.hpp>

#include <fcntl.h>
#include <fmt/ostream.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "playbook_commands.hpp"

namespace closecoach::cli {

namespace {

[[noreturn]] void cannot_write(const std::string& path, int error) {
  fail(fmt::format("cannot write {}: {}", path, std::strerror(error)));
}

bool write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t written = ::write(fd, content.data(), content.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    content.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

// Replaces `path` with `content` so that a reader sees the old file or the
// new one, never a part: a temporary file in the same directory, flushed to
// disk, renamed over it. The file keeps its permissions; a symlink is followed.
void write_atomically(const std::string& path, std::string_view content) {
  std::error_code error;
  std::filesystem::path target = std::filesystem::canonical(path, error);
  if (error) cannot_write(path, error.value());
  std::string temporary =
      (target.parent_path() / fmt::format(".{}.fmt-XXXXXX", target.filename().string())).string();
  struct stat status {};
  if (::stat(target.c_str(), &status) != 0) cannot_write(path, errno);
  const int fd = ::mkstemp(temporary.data());
  if (fd < 0) cannot_write(path, errno);
  const bool written =
      write_all(fd, content) && ::fchmod(fd, status.st_mode & 07777) == 0 && ::fsync(fd) == 0;
  const int saved = errno;
  if (::close(fd) != 0 || !written || ::rename(temporary.c_str(), target.c_str()) != 0) {
    const int reason = written ? errno : saved;
    ::unlink(temporary.c_str());
    cannot_write(path, reason);
  }
  const int directory = ::open(target.parent_path().c_str(), O_RDONLY | O_DIRECTORY);
  if (directory >= 0) {
    ::fsync(directory);  // makes the rename itself durable; best effort
    ::close(directory);
  }
}

ConditionForm form_of(const std::string& to) {
  if (to == "expr") return ConditionForm::expression;
  if (to == "jsonlogic") return ConditionForm::json_logic;
  return ConditionForm::as_written;
}

// Refuses a playbook with errors: formatting must not guess at what it means.
void require_valid(const PlaybookSource& source, Context& context) {
  const LintReport report = lint_playbook(source.text, source.name);
  if (report.error_count() == 0) return;
  for (const auto& diagnostic : report.diagnostics)
    if (diagnostic.severity == Severity::error) print_diagnostic(context, diagnostic, source.text);
  fail(fmt::format("{} has errors; it was not formatted", source.name));
}

}  // namespace

void run_fmt(const FmtOptions& options, Context& context) {
  const PlaybookSource source = read_playbook_source(options.file);
  require_valid(source, context);
  auto formatted = format_playbook(source.text, source.name, form_of(options.to));
  if (!formatted.ok()) throw Failure(formatted.error());
  for (const auto& note : formatted->notes) print_diagnostic(context, note, source.text);
  const bool changed = formatted->text != source.text;
  if (options.check) {
    if (changed) {
      fmt::print(context.io.err, "would reformat {}\n", source.name);
      context.exit_status = k_exit_failures;
    }
  } else if (options.file.empty()) {
    fmt::print(context.io.out, "{}", formatted->text);
  } else if (changed) {
    write_atomically(options.file, formatted->text);
    fmt::print(context.io.err, "reformatted {}\n", options.file);
  }
}

}  // namespace closecoach::cli
