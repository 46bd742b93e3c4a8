// The conventions every command keeps, as git and ripgrep keep them: -o FILE
// for the result, written whole or not at all; -q; --color with NO_COLOR;
// `--` ends the options; --help shows examples.

#include <CLI/CLI.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli.hpp"
#include "support/test_support.hpp"

namespace closecoach::testing {
namespace {

namespace fs = std::filesystem;

const std::string k_data = CLOSECOACH_TEST_DATA;
const std::string k_source = CLOSECOACH_SOURCE_DIR;

class Conventions : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() /
            ("closecoach-conventions-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_dir);
    fs::create_directories(m_dir);
  }
  void TearDown() override { fs::remove_all(m_dir); }

  std::string path(const std::string& name) const { return (m_dir / name).string(); }
  std::size_t files() const {
    std::size_t count = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(m_dir)) ++count;
    return count;
  }

  fs::path m_dir;
};

void write_file(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

struct Command {
  std::vector<std::string> args;
  std::string input;
};

// A command of each kind that writes a result, with what it reads.
std::vector<Command> result_commands() {
  const std::string deals = k_data + "/report/deals.jsonl";
  const std::string review_line =
      R"({"id":"d1","line":1,"class":"A","moves":["hard_close"],"avoid":[],"warnings":[],)"
      R"("signals":[],"error":null,"owner":"ann","closed":null})"
      "\n";
  return {
      {{"advise", "-a", "has_need=true", "-a", "stage=negotiation", "--no-interactive"}, ""},
      {{"advise", "-a", "has_need=true", "--format", "json", "--no-interactive"}, ""},
      {{"review", deals, "--output", "jsonl"}, ""},
      {{"review", "--output", "csv", "-"}, R"({"id": "x", "facts": {"has_need": true}})"},
      {{"report", "--format", "json", "--date", "2026-12-01", "-"}, review_line},
      {{"eval", "1 + 2", "--data", "{}"}, ""},
      {{"playbook", "show", "--technique", "hard_close"}, ""},
      {{"playbook", "fmt"}, ""},
      {{"playbook", "test", "--tests", k_source + "/data/playbook.tests.json"}, ""},
      {{"profile", "show", "hubspot"}, ""},
      {{"profile", "list"}, ""},
  };
}

TEST_F(Conventions, DashOWritesToTheFileWhatStdoutWouldHaveShown) {
  for (const auto& command : result_commands()) {
    SCOPED_TRACE(::testing::PrintToString(command.args));
    const CliRun plain = run_cli(command.args, command.input);
    ASSERT_NE(plain.out, "");
    const std::string file = path("result");
    const CliRun to_file = run_cli(with(command.args, {"-o", file}), command.input);
    EXPECT_EQ(to_file.status, plain.status) << to_file.err;
    EXPECT_EQ(to_file.out, "");
    EXPECT_EQ(read_file(file), plain.out);
    EXPECT_EQ(files(), 1U) << "a temporary file was left beside the result";
    fs::remove(file);
  }
}

TEST_F(Conventions, DashOLeavesTheFileAsItWasWhenTheCommandFails) {
  const std::string file = path("advice.txt");
  write_file(file, "yesterday's advice\n");
  const CliRun run = run_cli({"advise", "-a", "stag=negotiation", "-o", file});
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("unknown fact 'stag'"), std::string::npos) << run.err;
  EXPECT_EQ(read_file(file), "yesterday's advice\n");
  EXPECT_EQ(files(), 1U);
}

TEST_F(Conventions, DashOKeepsWhatReviewWroteWhenSomeRecordsFailed) {
  const std::string file = path("reviewed.jsonl");
  const CliRun run = run_cli({"review", "-", "-o", file},
                             "{\"id\": \"good\"}\nnot json\n{\"id\": \"also good\"}\n");
  EXPECT_EQ(run.status, 1);
  std::istringstream lines(read_file(file));
  std::size_t count = 0;
  for (std::string line; std::getline(lines, line);) ++count;
  EXPECT_EQ(count, 3U) << "records in = records out, in the file too";
}

TEST_F(Conventions, DashOToAFolderThatIsNotThereIsAClearError) {
  const CliRun run = run_cli({"eval", "true", "--data", "{}", "-o", path("no/such/folder.json")});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.err, "closecoach: error: cannot write " + path("no/such/folder.json") +
                         ": No such file or directory\n");
  EXPECT_EQ(run.out, "");
}

TEST_F(Conventions, DashOOnPlaybookFmtLeavesTheSourceAlone) {
  const std::string source = path("team.json");
  const std::string squeezed = nlohmann::json::parse(run_cli({"playbook", "fmt"}).out).dump();
  write_file(source, squeezed);
  write_file(path("in-place.json"), squeezed);
  ASSERT_EQ(run_cli({"playbook", "fmt", path("in-place.json")}).status, 0);
  const CliRun run = run_cli({"playbook", "fmt", source, "-o", path("formatted.json")});
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.err, "") << "nothing was reformatted in place";
  EXPECT_EQ(read_file(source), squeezed);
  EXPECT_EQ(read_file(path("formatted.json")), read_file(path("in-place.json")));
}

TEST_F(Conventions, QuietDropsNotesButNotErrors) {
  const std::string csv = k_data + "/crm/hubspot.csv";
  const CliRun noted = run_cli({"review", csv, "--today", "2026-11-03"});
  EXPECT_NE(noted.err, "") << "the detected profile is named on stderr";
  const CliRun quiet = run_cli({"-q", "review", csv, "--today", "2026-11-03"});
  EXPECT_EQ(quiet.err, "");
  EXPECT_EQ(quiet.out, noted.out);
  EXPECT_EQ(run_cli({"review", csv, "-q", "--today", "2026-11-03"}).err, "");

  EXPECT_NE(run_cli({"playbook", "validate"}).err, "");
  const CliRun validated = run_cli({"playbook", "validate", "-q"});
  EXPECT_EQ(validated.status, 0);
  EXPECT_EQ(validated.err, "");

  const std::string db = path("deals.db");
  EXPECT_NE(run_cli({"deal", "new", "acme", "--db", db}).err, "");
  const CliRun deal = run_cli({"deal", "set", "acme", "stage=negotiation", "--db", db, "-q"});
  EXPECT_EQ(deal.status, 0) << deal.err;
  EXPECT_EQ(deal.err, "");

  const CliRun failed = run_cli({"-q", "advise", "-a", "stag=x"});
  EXPECT_EQ(failed.status, 2);
  EXPECT_NE(failed.err.find("unknown fact 'stag'"), std::string::npos);
}

// The CLI with stdout and stderr said to be terminals.
CliRun run_on_terminal(const std::vector<std::string>& args) {
  std::vector<const char*> argv{"closecoach"};
  for (const auto& arg : args) argv.push_back(arg.c_str());
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  cli::Streams io{in, out, err, false, true, true};
  const int status = cli::run(static_cast<int>(argv.size()), argv.data(), io);
  return {status, out.str(), err.str()};
}

bool coloured(const std::string& text) { return text.find("\x1b[") != std::string::npos; }

class Color : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* before = std::getenv("NO_COLOR");
    m_had = before != nullptr;
    if (m_had) m_before = before;
    ::unsetenv("NO_COLOR");
  }
  void TearDown() override {
    if (m_had)
      ::setenv("NO_COLOR", m_before.c_str(), 1);
    else
      ::unsetenv("NO_COLOR");
  }
  bool m_had = false;
  std::string m_before;
};

const std::vector<std::string> k_advise{"advise", "-a", "has_need=true", "--no-interactive"};

TEST_F(Color, AutoColoursATerminalAndNothingElse) {
  EXPECT_TRUE(coloured(run_on_terminal(k_advise).out));
  EXPECT_FALSE(coloured(run_cli(k_advise).out));
  EXPECT_TRUE(coloured(run_on_terminal(with({"--color", "auto"}, k_advise)).out));
}

TEST_F(Color, NoColorTurnsAutoOffAndTheOptionWins) {
  ::setenv("NO_COLOR", "1", 1);
  EXPECT_FALSE(coloured(run_on_terminal(k_advise).out));
  EXPECT_TRUE(coloured(run_on_terminal(with({"--color", "always"}, k_advise)).out));
  ::setenv("NO_COLOR", "", 1);  // no-color.org: an empty NO_COLOR is not set
  EXPECT_TRUE(coloured(run_on_terminal(k_advise).out));
}

TEST_F(Color, AlwaysAndNeverAreObeyedAnywhereOnTheLine) {
  EXPECT_TRUE(coloured(run_cli(with({"--color", "always"}, k_advise)).out));
  EXPECT_TRUE(coloured(run_cli(with(k_advise, {"--color=always"})).out));
  EXPECT_FALSE(coloured(run_on_terminal(with(k_advise, {"--color", "never"})).out));
  const CliRun bad = run_cli(with(k_advise, {"--color", "sometimes"}));
  EXPECT_EQ(bad.status, 2);
  EXPECT_EQ(bad.err, "closecoach: error: --color: 'sometimes' is not one of auto, always, never\n");
}

TEST_F(Color, ValidateColoursStderrByTheSameChoice) {
  const std::string broken = k_data + "/playbook/structure.json";
  EXPECT_TRUE(coloured(run_cli({"--color", "always", "playbook", "validate", broken}).err));
  EXPECT_FALSE(coloured(run_on_terminal({"--color", "never", "playbook", "validate", broken}).err));
}

TEST_F(Conventions, DoubleDashEndsTheOptions) {
  const std::string odd = path("-deals.jsonl");
  write_file(odd, "{\"id\": \"dash\", \"facts\": {\"has_need\": true}}\n");
  ::chdir(m_dir.c_str());
  const CliRun run = run_cli({"review", "--output", "jsonl", "--", "-deals.jsonl"});
  ::chdir(k_source.c_str());
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("\"id\":\"dash\""), std::string::npos) << run.out;
  const CliRun not_an_option = run_cli({"review", "-deals.jsonl"});
  EXPECT_EQ(not_an_option.status, 2);

  const CliRun eval = run_cli({"eval", "--data", "{\"x\": 2}", "--", "-1 < x"});
  EXPECT_EQ(eval.status, 0) << eval.err;
  EXPECT_EQ(eval.out, "true\n");
}

// Every command, subcommand included, by its words: {"playbook", "show"}.
void collect(const CLI::App& app, std::vector<std::string> words,
             std::vector<std::vector<std::string>>& out) {
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (sub->get_group().empty()) continue;  // hidden: for the completions only
    auto more = words;
    more.push_back(sub->get_name());
    out.push_back(more);
    collect(*sub, more, out);
  }
}

// The commands, subcommands included, that a run with `words` builds, after
// closecoach itself ({}).
std::vector<std::vector<std::string>> commands_built(std::vector<const char*> words = {}) {
  std::istringstream in;
  std::ostringstream out;
  std::ostringstream err;
  cli::Streams io{in, out, err};
  cli::Context context(io);
  cli::GlobalOptions globals;
  CLI::App app;
  cli::build_app(app, context, globals, words);
  std::vector<std::vector<std::string>> commands{{}};
  collect(app, {}, commands);
  return commands;
}

TEST(Help, EveryCommandShowsExamplesOfItself) {
  const auto commands = commands_built();
  ASSERT_GE(commands.size(), 14U);
  for (const auto& words : commands) {
    std::string line = "closecoach";
    for (const auto& word : words) line += " " + word;
    SCOPED_TRACE(line);
    const CliRun help = run_cli(with(words, {"--help"}));
    EXPECT_EQ(help.status, 0);
    const auto examples = help.out.find("Examples:\n");
    ASSERT_NE(examples, std::string::npos) << help.out;
    EXPECT_NE(help.out.find("  " + line + (words.empty() ? " " : ""), examples), std::string::npos)
        << help.out.substr(examples, 300);
  }
}

// A run builds only the commands its words name, and every command when they
// name none, so that `closecoach`, `--help` and a misspelt command still list
// them all.
TEST(Help, ARunBuildsOnlyTheCommandsItsWordsName) {
  // The top-level commands only.
  const auto top = [](std::vector<const char*> words) {
    std::vector<std::string> names;
    for (const auto& command : commands_built(std::move(words)))
      if (command.size() == 1) names.push_back(command[0]);
    return names;
  };
  using Names = std::vector<std::string>;
  EXPECT_EQ(top({"advise", "-a", "stage=review"}), Names{"advise"});
  EXPECT_EQ(top({"-q", "review", "--playbook", "report"}), (Names{"review", "report"}));
  EXPECT_EQ(top({"--help"}).size(), 8U);
  EXPECT_EQ(top({"advis"}).size(), 8U);
  EXPECT_EQ(top({}).size(), 8U);
  EXPECT_EQ(top({"--version"}).size(), 0U);
  EXPECT_EQ(top({"--version", "--help"}).size(), 8U);
  const CliRun misspelt = run_cli({"advis"});
  EXPECT_EQ(misspelt.status, 2);
  EXPECT_EQ(misspelt.err, "closecoach: error: A subcommand is required\n");
  const CliRun bare = run_cli({});
  EXPECT_NE(bare.err.find("  profile "), std::string::npos) << bare.err;
}

}  // namespace
}  // namespace closecoach::testing
