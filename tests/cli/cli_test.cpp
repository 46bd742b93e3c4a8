#include <closecoach/version.hpp>

#include <gtest/gtest.h>

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
