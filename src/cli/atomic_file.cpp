#include "atomic_file.hpp"

#include <fcntl.h>
#include <fmt/ostream.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

namespace closecoach::cli {

namespace {

[[noreturn]] void cannot_write(const std::string& path, int error, int status = k_exit_bad_input) {
  fail(fmt::format("cannot write {}: {}", path, std::strerror(error)), status);
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
void check_replaceable(const std::string& path, const struct stat& status,
                       std::string_view not_done, Context& context) {
  if ((status.st_mode & 0222) == 0)
    fail(fmt::format("{} is read-only (mode {:04o}); {}", path, status.st_mode & 07777, not_done));
  if (::access(path.c_str(), W_OK) != 0) cannot_write(path, errno);
  if (status.st_nlink > 1)
    fmt::print(context.io.err,
               "closecoach: warning: {} has {} hard links; only this name gets the new "
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

// Where the file at `path` is to be: its canonical path with its status, or,
// for a file still to be made, the path itself with the mode a new file gets.
std::filesystem::path resolve_target(const std::string& path, struct stat& status, bool& exists,
                                     std::string_view not_done, Context& context) {
  std::error_code error;
  exists = std::filesystem::exists(path, error);
  if (!exists) {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    status = {};
    status.st_uid = ::geteuid();
    status.st_gid = ::getegid();
    status.st_mode = S_IFREG | (0666 & ~mask);
    return std::filesystem::absolute(path);
  }
  std::filesystem::path target = std::filesystem::canonical(path, error);
  if (error) cannot_write(path, error.value());
  if (::stat(target.c_str(), &status) != 0) cannot_write(path, errno);
  check_replaceable(path, status, not_done, context);
  return target;
}

}  // namespace

AtomicFile::AtomicFile(std::string path, std::string not_done, Context& context)
    : m_path(std::move(path)), m_not_done(std::move(not_done)) {
  struct stat status {};
  bool exists = false;
  m_target = resolve_target(m_path, status, exists, m_not_done, context);
  m_temporary =
      (m_target.parent_path() / fmt::format(".{}.tmp-XXXXXX", m_target.filename().string()))
          .string();
  m_fd = ::mkstemp(m_temporary.data());
  if (m_fd < 0) cannot_write(m_path, errno);
  if (exists ? copy_ownership(m_fd, status) : ::fchmod(m_fd, status.st_mode & 07777) == 0) return;
  const int reason = errno;
  discard();
  fail(fmt::format("cannot keep the owner of {} (uid {}, gid {}): {}; {}", m_path, status.st_uid,
                   status.st_gid, std::strerror(reason), m_not_done));
}

AtomicFile::~AtomicFile() { discard(); }

void AtomicFile::discard() {
  if (m_fd < 0) return;
  ::close(m_fd);
  ::unlink(m_temporary.c_str());
  m_fd = -1;
}

void AtomicFile::commit() {
  if (::fsync(m_fd) != 0 || ::close(std::exchange(m_fd, -1)) != 0 ||
      ::rename(m_temporary.c_str(), m_target.c_str()) != 0) {
    const int reason = errno;
    ::unlink(m_temporary.c_str());
    if (m_fd >= 0) ::close(std::exchange(m_fd, -1));
    cannot_write(m_path, reason, k_exit_write_error);
  }
  const int directory = ::open(m_target.parent_path().c_str(), O_RDONLY | O_DIRECTORY);
  if (directory >= 0) {
    ::fsync(directory);  // makes the rename itself durable; best effort
    ::close(directory);
  }
}

void AtomicFile::fail_write(int error) {
  discard();
  cannot_write(m_path, error, k_exit_write_error);
}

void write_atomically(const std::string& path, std::string_view content, std::string_view not_done,
                      Context& context) {
  AtomicFile file(path, std::string(not_done), context);
  if (!write_all(file.fd(), content)) file.fail_write(errno);
  file.commit();
}

}  // namespace closecoach::cli
