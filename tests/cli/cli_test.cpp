#include "cli.hpp"

#include <closecoach/version.hpp>

#include <gtest/gtest.h>

#include <sstream>

#include "support/test_support.hpp"

using closecoach::testing::run_cli;

TEST(Cli, PrintsVersion) {
  auto run = run_cli({"--version"});
  EXPECT_EQ(run.status, 0);
  EXPECT_EQ(run.out, std::string("closecoach ") + closecoach::version() + "\n");
}

TEST(Cli, UnknownSubcommandIsAUsageError) {
  auto run = run_cli({"frobnicate"});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err.rfind("closecoach: error: ", 0), 0u) << run.err;
}

TEST(Cli, AloneItPrintsAShortUsageWithTheCommands) {
  auto run = run_cli({});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.err.rfind("usage: closecoach COMMAND", 0), 0u) << run.err;
  for (const char* command : {"advise", "review", "report", "playbook", "profile", "eval"})
    EXPECT_NE(run.err.find(std::string("\n  ") + command + " "), std::string::npos)
        << command << " missing from:\n"
        << run.err;
  EXPECT_NE(run.err.find("closecoach COMMAND --help"), std::string::npos);
}

TEST(Cli, TakesTheLoggingOptionsAfterTheSubcommandToo) {
  const std::string deal = R"({"id": "d1", "facts": {"stage": "negotiation"}})"
                           "\n";
  auto after = run_cli({"review", "-", "-v"}, deal);
  EXPECT_EQ(after.status, 0) << after.err;
  EXPECT_NE(after.err.find("closecoach: info: reviewed 1 record"), std::string::npos) << after.err;
  auto level = run_cli({"playbook", "validate", "--log-level", "info"});
  EXPECT_EQ(level.status, 0) << level.err;
  auto before = run_cli({"-v", "review", "-"}, deal);
  EXPECT_EQ(before.err, after.err);
}

TEST(Cli, ReviewSaysItIsReadingFromATerminal) {
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  closecoach::cli::Streams io{in, out, err, /*in_is_terminal=*/true, false, false};
  const char* argv[] = {"closecoach", "review"};
  EXPECT_EQ(closecoach::cli::run(2, argv, io), 0);
  EXPECT_NE(err.str().find("reading deals from the terminal"), std::string::npos) << err.str();
  EXPECT_NE(err.str().find("Ctrl-D"), std::string::npos);
}
