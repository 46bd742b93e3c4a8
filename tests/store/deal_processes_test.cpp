// The deals database under real processes of the built program: writers at
// the same time lose nothing, and a writer killed (SIGKILL) in the middle of
// its writes leaves the database whole, with no deal half written.

#include <fcntl.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "sqlite.hpp"
#include "support/pty_session.hpp"
#include "support/test_support.hpp"

extern char** environ;  // NOLINT(readability-redundant-declaration)

using closecoach::testing::closecoach_binary;
using nlohmann::json;

namespace {

std::filesystem::path temporary_dir() {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("closecoach-processes-" + std::to_string(::getpid()) + "-" +
                    ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// Starts `program ARGS...` with stdout and stderr to `log`; its pid.
pid_t start(const std::vector<std::string>& args, const std::string& log) {
  std::vector<char*> argv;
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = -1;
  const int error = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return error == 0 ? pid : -1;
}

int wait_status(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

int run(const std::vector<std::string>& args, const std::string& log) {
  return wait_status(start(args, log));
}

std::string integrity(const std::string& db) {
  closecoach::store::Connection connection(db, closecoach::store::Connection::Mode::read_only,
                                           5000);
  auto statement = connection.prepare("PRAGMA integrity_check");
  return statement.step() ? statement.text(0) : std::string();
}

json deals_json(const std::string& db, const std::string& log) {
  const std::string out = log + ".list";
  std::vector<std::string> args{closecoach_binary(), "deal", "export", "--db", db, "-o", out};
  EXPECT_EQ(run(args, log), 0) << closecoach::testing::read_file(log);
  json deals = json::object();
  std::ifstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    const json record = json::parse(line);
    deals[record["id"].get<std::string>()] = record["facts"];
  }
  return deals;
}

#define NEEDS_BINARY() \
  if (closecoach_binary().empty()) GTEST_SKIP() << "CLOSECOACH_BINARY unset"

}  // namespace

// 4 writer processes at once, each setting its own fact on every one of 25
// deals (100 processes of `deal set`), and logging an outcome on each: every
// fact and every outcome is there afterwards, and no writer saw "database is
// locked".
TEST(DealProcesses, ConcurrentWritersLoseNothing) {
  NEEDS_BINARY();
  const auto dir = temporary_dir();
  const std::string db = (dir / "deals.db").string();
  const std::string log = (dir / "log").string();
  const std::string binary = closecoach_binary();
  constexpr int k_deals = 25;
  for (int deal = 0; deal < k_deals; ++deal)
    ASSERT_EQ(run({binary, "deal", "new", fmt::format("d{}", deal), "--db", db}, log), 0);
  const std::vector<std::string> facts{"stage=negotiation", "soft_closes_tried=3", "has_need=yes",
                                       "can_pay=no"};
  std::vector<std::thread> writers;
  std::vector<int> failures(facts.size(), 0);
  for (std::size_t writer = 0; writer < facts.size(); ++writer)
    writers.emplace_back([&, writer] {
      for (int deal = 0; deal < k_deals; ++deal) {
        const std::string id = fmt::format("d{}", deal);
        if (run({binary, "deal", "set", id, facts[writer], "--db", db}, log) != 0)
          ++failures[writer];
        if (run({binary, "deal", "log", id, "--move", "hard_close", "--outcome", "won", "--db", db},
                log) != 0)
          ++failures[writer];
      }
    });
  for (auto& writer : writers) writer.join();
  EXPECT_EQ(failures, std::vector<int>(facts.size(), 0)) << closecoach::testing::read_file(log);
  const json deals = deals_json(db, log);
  ASSERT_EQ(deals.size(), static_cast<std::size_t>(k_deals));
  for (const auto& [id, answers] : deals.items())
    EXPECT_EQ(answers, (json{{"stage", "negotiation"},
                             {"soft_closes_tried", 3},
                             {"has_need", true},
                             {"can_pay", false}}))
        << id;
  EXPECT_EQ(integrity(db), "ok");
  closecoach::store::Connection connection(db, closecoach::store::Connection::Mode::read_only,
                                           5000);
  EXPECT_EQ(connection.query_integer("SELECT count(*) FROM history WHERE kind = 'outcome'"),
            static_cast<std::int64_t>(k_deals * facts.size()));
  EXPECT_EQ(closecoach::testing::read_file(log).find("locked"), std::string::npos);
}

// `deal import` of 3000 deals, each round setting stage and soft_closes_tried
// together. The first round runs to its end and is timed; the next ten are
// SIGKILLed at 10%, 20%, ... 100% of that time, the last ones too late to stop
// them. After each, the database is whole (integrity_check ok) and every deal
// carries one round's pair, all deals the same round: an import is all or
// nothing, and some of the rounds were killed while others committed.
TEST(DealProcesses, SigkillDuringWritesLeavesNoTornDeal) {
  NEEDS_BINARY();
  const auto dir = temporary_dir();
  const std::string db = (dir / "deals.db").string();
  const std::string log = (dir / "log").string();
  const std::string binary = closecoach_binary();
  const std::vector<std::string> stages{"discovery", "presentation", "negotiation", "final_20_min",
                                        "follow_up"};
  constexpr int k_deals = 3000;
  constexpr int k_killed_rounds = 10;
  const auto import_file = [&](int round) {
    const std::string file = (dir / fmt::format("round{}.jsonl", round)).string();
    std::ofstream out(file);
    for (int deal = 0; deal < k_deals; ++deal)
      out << json{{"id", fmt::format("d{}", deal)},
                  {"facts",
                   {{"stage", stages[static_cast<std::size_t>(round) % stages.size()]},
                    {"soft_closes_tried", round}}}}
                 .dump()
          << "\n";
    return file;
  };
  const auto started = std::chrono::steady_clock::now();
  ASSERT_EQ(run({binary, "deal", "import", import_file(0), "--db", db}, log), 0);
  const auto whole = std::chrono::steady_clock::now() - started;
  int killed = 0;
  std::set<int> committed{0};
  for (int round = 1; round <= k_killed_rounds; ++round) {
    const std::string file = import_file(round);
    const pid_t pid = start({binary, "deal", "import", file, "--db", db}, log);
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(whole * round / k_killed_rounds);
    ::kill(pid, SIGKILL);
    if (wait_status(pid) == 128 + SIGKILL) ++killed;
    ASSERT_EQ(integrity(db), "ok") << "round " << round;
    const json deals = deals_json(db, log);
    ASSERT_EQ(deals.size(), static_cast<std::size_t>(k_deals)) << "round " << round;
    const int stored_round = deals["d0"]["soft_closes_tried"].get<int>();
    committed.insert(stored_round);
    for (const auto& [id, answers] : deals.items()) {
      ASSERT_EQ(answers["soft_closes_tried"], stored_round) << id << ", round " << round;
      ASSERT_EQ(answers["stage"], stages[static_cast<std::size_t>(stored_round) % stages.size()])
          << id << ", round " << round;
    }
  }
  std::cout << "killed " << killed << " of " << k_killed_rounds
            << " imports; rounds committed: " << committed.size() << "\n";
  EXPECT_GE(killed, 1) << "no import was killed while it ran";
}
