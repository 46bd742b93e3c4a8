// The CLI's streams, inputs and options, in-process: failed writes, inputs
// that cannot be read or would never end, out-of-range options, signals.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <csignal>
#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "cli.hpp"
#include "fd_stream.hpp"
#include "signals.hpp"
#include "support/test_support.hpp"

namespace closecoach::cli {
namespace {

using testing::run_cli;

const std::string k_notes = std::string(CLOSECOACH_TEST_DATA) + "/review/notes.jsonl";

struct FdRun {
  int status = 0;
  std::string err;
};

// Runs closecoach with stdout on descriptor `out_fd`, as main does.
FdRun run_to_fd(const std::vector<std::string>& args, int out_fd, const std::string& input = {}) {
  std::vector<const char*> argv{"closecoach"};
  for (const auto& arg : args) argv.push_back(arg.c_str());
  std::istringstream in(input);
  FdOutputBuffer buffer(out_fd);
  std::ostream out(&buffer);
  std::ostringstream err;
  Streams io{in, out, err, false, false, false, -1, out_fd};
  FdRun result;
  result.status = run(static_cast<int>(argv.size()), argv.data(), io);
  result.err = err.str();
  return result;
}

class FullDisk : public ::testing::Test {
 protected:
  void SetUp() override {
    m_fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
    if (m_fd < 0) GTEST_SKIP() << "no /dev/full here";
  }
  void TearDown() override {
    if (m_fd >= 0) ::close(m_fd);
  }
  int m_fd = -1;
};

TEST_F(FullDisk, EveryCommandThatWritesStdoutSaysItsWriteFailed) {
  const std::vector<std::vector<std::string>> commands = {
      {"eval", "1"},
      {"advise", "-a", "has_need=false"},
      {"advise", "-a", "has_need=false", "--format", "json"},
      {"playbook", "show"},
      {"playbook", "fmt"},
      {"review", k_notes},
      {"--version"},
      {"review", "--help"}};
  for (const auto& command : commands) {
    const FdRun run = run_to_fd(command, m_fd);
    EXPECT_EQ(run.status, 74) << command[0];
    EXPECT_EQ(run.err, "closecoach: error: write error: No space left on device\n") << command[0];
  }
}

TEST_F(FullDisk, ReviewClaimsNoSummaryAfterAFailedWrite) {
  const FdRun run = run_to_fd({"review", "--summary", k_notes}, m_fd);
  EXPECT_EQ(run.status, 74);
  EXPECT_EQ(run.err, "closecoach: error: write error: No space left on device\n");
}

// main puts /dev/null, opened for reading, in the place of a closed stdout.
TEST(CliStreams, AClosedStdoutIsAWriteError) {
  const int fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  const FdRun run = run_to_fd({"eval", "1"}, fd);
  ::close(fd);
  EXPECT_EQ(run.status, 74);
  EXPECT_EQ(run.err, "closecoach: error: write error: Bad file descriptor\n");
}

TEST(CliStreams, ADirectoryIsRefusedBeforeAnyResultIsWritten) {
  const auto run = run_cli({"review", k_notes, CLOSECOACH_TEST_DATA});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err,
            std::string("closecoach: error: ") + CLOSECOACH_TEST_DATA + ": is a directory\n");
}

TEST(CliStreams, AReadErrorIsNotTheEndOfTheInput) {
  const auto run = run_cli({"review", "/proc/self/mem"});  // its first read fails: EIO
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err, "closecoach: error: /proc/self/mem: read error: Input/output error\n");
}

TEST(CliStreams, AClosedStdinIsRefused) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"review"}, {"review", k_notes, "-"}, {"advise", "--interactive"}}) {
    std::istringstream in;
    std::ostringstream out, err;
    Streams io{in, out, err};
    io.in_closed = true;
    std::vector<const char*> argv{"closecoach"};
    for (const auto& arg : args) argv.push_back(arg.c_str());
    EXPECT_EQ(run(static_cast<int>(argv.size()), argv.data(), io), 2) << args[0];
    EXPECT_EQ(out.str(), "") << args[0];
    EXPECT_EQ(err.str(), "closecoach: error: standard input is closed\n") << args[0];
  }
}

TEST(CliStreams, RepliesThatAnswerNothingDoNotKeepTheConsultationGoing) {
  std::string replies = "?\nb\n";  // help, and back where there is nothing to go back to
  for (int i = 0; i < 1000; ++i) replies += "x\n";
  const auto run = run_cli({"advise", "--interactive"}, replies);
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err,
            "closecoach: error: <stdin>: 10 replies in a row answer nothing; stopped at question "
            "1\n");
}

TEST(CliStreams, AnInputThatIsTheOutputFileIsRefusedBeforeReading) {
  char path[] = "/tmp/closecoach-same-XXXXXX";
  const int fd = ::mkstemp(path);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::write(fd, "{\"id\": \"a\"}\n", 12), 12);
  const FdRun run = run_to_fd({"review", path}, fd);
  ::close(fd);
  EXPECT_EQ(testing::read_file(path), "{\"id\": \"a\"}\n");
  ::unlink(path);
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err, std::string("closecoach: error: ") + path + ": input file is output file\n");
}

TEST(CliOptions, RangeChecksEachNumericOptionOfReview) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--first-line", "0"}, "--first-line: '0' is not a line number (1 to 4294967295)"},
      {{"--first-line", "18446744073709551615"},
       "--first-line: '18446744073709551615' is not a line number (1 to 4294967295)"},
      {{"--max-record-bytes", "-1"},
       "--max-record-bytes: '-1' is not a size in bytes (1 to 1073741824)"},
      {{"--max-record-bytes", "0"},
       "--max-record-bytes: '0' is not a size in bytes (1 to 1073741824)"},
      {{"-j", "0"}, "--jobs: '0' is not a number of workers (1 to 256)"},
      {{"-j", "four"}, "--jobs: 'four' is not a number of workers (1 to 256)"},
      {{"--output", ""}, "--output: '' is not one of jsonl, csv, table"},
  };
  for (const auto& [options, message] : cases) {
    std::vector<std::string> args{"review"};
    args.insert(args.end(), options.begin(), options.end());
    args.push_back(k_notes);
    const auto run = run_cli(args);
    EXPECT_EQ(run.status, 2) << message;
    EXPECT_EQ(run.out, "");
    EXPECT_EQ(run.err, "closecoach: error: " + message + "\n");
  }
}

TEST(CliOptions, TakesTheLargestValuesInRange) {
  const auto run = run_cli({"review", "--first-line", "4294967295", "--max-record-bytes",
                            "1073741824", "-j", "256", "-"},
                           "{\"id\": \"a\", \"facts\": {\"has_need\": false}}\n");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("\"line\":4294967295"), std::string::npos) << run.out;
}

TEST(StopSignals, ASignalEndsAReadWaitingOnASlowPipe) {
  std::array<int, 2> pipe_fds{};
  ASSERT_EQ(::pipe(pipe_fds.data()), 0);  // the write end stays open: no input, no end
  FdInputBuffer buffer(pipe_fds[0], true);
  std::istream in(&buffer);
  {
    const StopSignals stop_signals;
    EXPECT_EQ(stop_signal(), 0);
    std::raise(SIGTERM);
    EXPECT_EQ(stop_signal(), SIGTERM);
    std::string line;
    EXPECT_FALSE(std::getline(in, line));  // at once, not blocked
    EXPECT_EQ(buffer.error(), 0);
    EXPECT_EQ(exit_status_for(stop_signal()), 143);
  }
  EXPECT_EQ(stop_signal(), 0);
  ::close(pipe_fds[1]);
}

}  // namespace
}  // namespace closecoach::cli
