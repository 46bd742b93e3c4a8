// The team playbook and the config file (src/cli/settings.hpp):
// command line > $CLOSECOACH_PLAYBOOK > config file > built-in.

#include "settings.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/test_support.hpp"

using closecoach::testing::run_cli;

namespace {

// No test in this binary sees the developer's own team playbook or config
// file: this runs before main(), and the programs the tests start inherit it.
const bool k_clean_environment = [] {
  unsetenv("CLOSECOACH_PLAYBOOK");
  setenv("XDG_CONFIG_HOME", "/nonexistent/closecoach-tests/config", 1);
  return true;
}();

const std::string k_clean = std::string(CLOSECOACH_TEST_DATA) + "/playbook/clean.json";
const std::string k_broken = std::string(CLOSECOACH_TEST_DATA) + "/playbook/syntax_error.json";

// A temporary XDG_CONFIG_HOME for one test; puts the environment back after.
class Settings : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(k_clean_environment);
    std::string name = "closecoach-settings-";
    name += std::to_string(::getpid());
    name += '-';
    name += ::testing::UnitTest::GetInstance()->current_test_info()->name();
    m_home = std::filesystem::temp_directory_path() / name;
    std::filesystem::remove_all(m_home);
    std::filesystem::create_directories(m_home / "closecoach");
    setenv("XDG_CONFIG_HOME", m_home.c_str(), 1);
    unsetenv("CLOSECOACH_PLAYBOOK");
  }
  void TearDown() override {
    unsetenv("CLOSECOACH_PLAYBOOK");
    setenv("XDG_CONFIG_HOME", "/nonexistent/closecoach-tests/config", 1);
    std::filesystem::remove_all(m_home);
  }
  std::string write_config(const std::string& text) {
    const std::string path = (m_home / "closecoach" / "config.json").string();
    std::ofstream(path) << text;
    return path;
  }
  std::filesystem::path m_home;
};

// Whether `playbook facts` ran on the clean test playbook (else the built-in).
bool used_clean(const std::vector<std::string>& args) {
  const auto run = run_cli(args);
  EXPECT_EQ(run.status, 0) << run.err;
  return run.out ==
         "stage=discovery\nstage=negotiation\nhas_need=true\nhas_need=false\n"
         "soft_closes_tried=\n";
}

}  // namespace

TEST_F(Settings, BuiltInWhenNothingIsSet) {
  EXPECT_EQ(closecoach::cli::choose_playbook("").path, "");
  EXPECT_FALSE(used_clean({"playbook", "facts"}));
  EXPECT_EQ(closecoach::cli::choose_lang(""), "");
  EXPECT_EQ(closecoach::cli::choose_profile(""), "");
}

TEST_F(Settings, EnvironmentNamesThePlaybook) {
  setenv("CLOSECOACH_PLAYBOOK", k_clean.c_str(), 1);
  EXPECT_TRUE(used_clean({"playbook", "facts"}));
  const auto run = run_cli({"eval", "stage == 'negotiation'", "-a", "stage=negotiation"});
  EXPECT_EQ(run.status, 0) << run.err;
  // An empty variable is no variable.
  setenv("CLOSECOACH_PLAYBOOK", "", 1);
  EXPECT_FALSE(used_clean({"playbook", "facts"}));
}

TEST_F(Settings, CommandLineBeatsEnvironment) {
  setenv("CLOSECOACH_PLAYBOOK", k_broken.c_str(), 1);
  EXPECT_TRUE(used_clean({"playbook", "facts", k_clean}));
  const auto run = run_cli({"playbook", "validate", k_clean});
  EXPECT_EQ(run.status, 0) << run.err;
}

TEST_F(Settings, EnvironmentBeatsConfigFile) {
  write_config("{\"playbook\": \"" + k_broken + "\"}");
  setenv("CLOSECOACH_PLAYBOOK", k_clean.c_str(), 1);
  EXPECT_TRUE(used_clean({"playbook", "facts"}));
}

TEST_F(Settings, ConfigFileNamesThePlaybookLanguageAndProfile) {
  write_config(R"({"playbook": ")" + k_clean + R"(", "lang": "ru", "profile": "hubspot"})");
  EXPECT_TRUE(used_clean({"playbook", "facts"}));
  EXPECT_EQ(closecoach::cli::choose_lang(""), "ru");
  EXPECT_EQ(closecoach::cli::choose_lang("zh"), "zh");
  EXPECT_EQ(closecoach::cli::choose_profile(""), "hubspot");
  EXPECT_EQ(closecoach::cli::choose_profile("none"), "none");
}

TEST_F(Settings, ConfigPlaybookIsRelativeToTheConfigFile) {
  std::filesystem::copy_file(k_clean, m_home / "closecoach" / "team.json");
  write_config(R"({"playbook": "team.json"})");
  EXPECT_EQ(closecoach::cli::choose_playbook("").path,
            (m_home / "closecoach" / "team.json").string());
  EXPECT_TRUE(used_clean({"playbook", "facts"}));
}

TEST_F(Settings, HomeConfigWithoutXdgConfigHome) {
  unsetenv("XDG_CONFIG_HOME");
  const char* home = std::getenv("HOME");
  const std::string saved = home == nullptr ? "" : home;
  setenv("HOME", "/nonexistent/closecoach-home", 1);
  EXPECT_EQ(closecoach::cli::config_file_path(),
            "/nonexistent/closecoach-home/.config/closecoach/config.json");
  if (home == nullptr)
    unsetenv("HOME");
  else
    setenv("HOME", saved.c_str(), 1);
}

TEST_F(Settings, MissingPlaybookInTheVariableIsAnError) {
  setenv("CLOSECOACH_PLAYBOOK", "/nonexistent/p.json", 1);
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"playbook", "facts"}, {"playbook", "validate"}, {"advise", "-a", "stage=discovery"}}) {
    const auto run = run_cli(args);
    EXPECT_EQ(run.status, 2);
    EXPECT_EQ(run.out, "");
    EXPECT_NE(run.err.find("$CLOSECOACH_PLAYBOOK: "), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("/nonexistent/p.json: No such file or directory"), std::string::npos)
        << run.err;
    EXPECT_EQ(run.err.find('\n'), run.err.size() - 1) << run.err;
  }
}

TEST_F(Settings, InvalidPlaybookInTheVariableIsAnError) {
  setenv("CLOSECOACH_PLAYBOOK", k_broken.c_str(), 1);
  const auto run = run_cli({"advise", "-a", "stage=discovery"});
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("syntax_error.json:4:43: error: "), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("$CLOSECOACH_PLAYBOOK"), std::string::npos) << run.err;
}

TEST_F(Settings, MissingPlaybookInTheConfigFileIsAnError) {
  const std::string config = write_config(R"({"playbook": "/nonexistent/p.json"})");
  const auto run = run_cli({"playbook", "facts"});
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find(config + ": "), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("/nonexistent/p.json"), std::string::npos) << run.err;
}

TEST_F(Settings, ConfigFileErrorsAreLocated) {
  const std::string config = write_config("{\n  \"playbook\": \"x.json\",\n  \"colour\": 1\n}\n");
  auto run = run_cli({"playbook", "facts"});
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find(config + ":3:3: error: unknown key 'colour'"), std::string::npos)
      << run.err;

  write_config("{\"lang\": \"fr\"}");
  run = run_cli({"advise", "-a", "stage=discovery"});
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find(config + ":1:2: error: lang: 'fr' is not one of en, zh, ru"),
            std::string::npos)
      << run.err;

  write_config("{\"lang\": \"en\",}");
  run = run_cli({"advise", "-a", "stage=discovery"});
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find(config + ":1:"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("invalid JSON"), std::string::npos) << run.err;

  write_config("[]");
  run = run_cli({"advise", "-a", "stage=discovery"});
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("must be a JSON object"), std::string::npos) << run.err;

  write_config("{\"profile\": 3}");
  run = run_cli({"review"});
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("'profile' must be a string"), std::string::npos) << run.err;
}
