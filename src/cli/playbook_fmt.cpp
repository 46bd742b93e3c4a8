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

// Refuses what a rename would silently change: a file nobody may write (root
// could, but a 0444 file says "leave me alone"). Warns when hard links exist,
// since the new file replaces only this name.
void check_replaceable(const std::string& path, const struct stat& status, Context& context) {
  if ((status.st_mode & 0222) == 0)
    fail(fmt::format("{} is read-only (mode {:04o}); it was not formatted", path,
                     status.st_mode & 07777));
  if (::access(path.c_str(), W_OK) != 0) cannot_write(path, errno);
  if (status.st_nlink > 1)
    fmt::print(context.io.err,
               "closecoach: warning: {} has {} hard links; only this name gets the formatted "
               "text, the other links keep the old one\n",
               path, status.st_nlink);
}

// The temporary file takes the original's owner, group and mode before it
// replaces it, so formatting as root never hands a user's file to root.
bool copy_ownership(int fd, const struct stat& status) {
  if (::fchown(fd, status.st_uid, status.st_gid) != 0 &&
      (status.st_uid != ::geteuid() || ::fchown(fd, static_cast<uid_t>(-1), status.st_gid) != 0))
    return false;
  return ::fchmod(fd, status.st_mode & 07777) == 0;
}

// Replaces `path` with `content` so that a reader sees the old file or the
// new one, never a part: a temporary file in the same directory, flushed to
// disk, renamed over it. The file keeps its owner, group and mode; a symlink
// is followed; a read-only file is refused.
void write_atomically(const std::string& path, std::string_view content, Context& context) {
  std::error_code error;
  std::filesystem::path target = std::filesystem::canonical(path, error);
  if (error) cannot_write(path, error.value());
  struct stat status {};
  if (::stat(target.c_str(), &status) != 0) cannot_write(path, errno);
  check_replaceable(path, status, context);
  std::string temporary =
      (target.parent_path() / fmt::format(".{}.fmt-XXXXXX", target.filename().string())).string();
  const int fd = ::mkstemp(temporary.data());
  if (fd < 0) cannot_write(path, errno);
  const bool kept = copy_ownership(fd, status);
  const int ownership_error = errno;
  const bool written = kept && write_all(fd, content) && ::fsync(fd) == 0;
  const int saved = errno;
  if (::close(fd) != 0 || !written || ::rename(temporary.c_str(), target.c_str()) != 0) {
    const int reason = written ? errno : saved;
    ::unlink(temporary.c_str());
    if (!kept)
      fail(fmt::format("cannot keep the owner of {} (uid {}, gid {}): {}; it was not formatted",
                       path, status.st_uid, status.st_gid, std::strerror(ownership_error)));
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
    write_atomically(options.file, formatted->text, context);
    fmt::print(context.io.err, "reformatted {}\n", options.file);
  }
}

}  // namespace closecoach::cli
