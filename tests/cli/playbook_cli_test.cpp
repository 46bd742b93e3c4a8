#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "support/test_support.hpp"

using closecoach::testing::read_file;
using closecoach::testing::run_cli;

namespace {

namespace fs = std::filesystem;

const std::string k_fixtures = CLOSECOACH_TEST_DATA "/playbook/";
const std::string k_tests = CLOSECOACH_SOURCE_DIR "/data/playbook.tests.json";

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// A scratch directory of this test's own, removed afterwards.
class ScratchDir {
 public:
  ScratchDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    m_path = fs::temp_directory_path() /
             (std::string("closecoach_") + info->test_suite_name() + "_" + info->name());
    fs::remove_all(m_path);
    fs::create_directories(m_path);
  }
  ~ScratchDir() { fs::remove_all(m_path); }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  std::string file(const std::string& name, const std::string& content) const {
    const std::string path = (m_path / name).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(m_path))
      names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }

 private:
  fs::path m_path;
};

}  // namespace

// ---- validate ---------------------------------------------------------------

// Each broken playbook in tests/data/playbook/NAME.json has beside it
// NAME.expected: exactly what `playbook validate` prints on stderr (file
// names relative to that directory). Set CLOSECOACH_UPDATE_EXPECTED=1 to
// rewrite them after a deliberate change, then review the diff.
class ValidateFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(ValidateFixture, PrintsExactlyTheExpectedReport) {
  const std::string name = GetParam();
  const auto run = run_cli({"playbook", "validate", k_fixtures + name + ".json"});
  const std::string report = replace_all(run.err, k_fixtures, "");
  const std::string expected_path = k_fixtures + name + ".expected";
  if (const char* update = std::getenv("CLOSECOACH_UPDATE_EXPECTED");
      update != nullptr && *update == '1')
    std::ofstream(expected_path, std::ios::binary) << report;
  EXPECT_EQ(report, read_file(expected_path));
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.status, report.find(": error: ") != std::string::npos ? 2 : 0);
}

INSTANTIATE_TEST_SUITE_P(Playbook, ValidateFixture,
                         ::testing::Values("clean", "syntax_error", "structure",
                                           "expression_syntax", "unknown_fact", "impossible_value",
                                           "derived_cycle", "never_fires", "unused", "missing_text",
                                           "bad_signal", "structure_and_more"),
                         [](const auto& param_info) { return param_info.param; });

TEST(PlaybookValidate, ShowsTheLineAndACaretUnderTheColumn) {
  const auto run = run_cli({"playbook", "validate", k_fixtures + "unknown_fact.json"});
  EXPECT_NE(run.err.find(k_fixtures +
                         "unknown_fact.json:107:42: error: in rule 'close_a': unknown fact "
                         "'soft_close_tried'; did you "
                         "mean 'soft_closes_tried'? (/rules/3/when)\n"
                         "      \"when\": \"customer_class == 'A' and soft_close_tried < 2\",\n"
                         "                                         ^\n"),
            std::string::npos)
      << run.err;
}

TEST(PlaybookValidate, FindsNothingInTheBuiltInPlaybook) {
  const auto run = run_cli({"playbook", "validate"});
  EXPECT_EQ(run.err, "<built-in playbook>: 0 errors, 0 warnings\n");
  EXPECT_EQ(run.status, 0);
}

TEST(PlaybookValidate, FindsNothingInDataPlaybookJson) {
  const auto run = run_cli({"playbook", "validate", CLOSECOACH_SOURCE_DIR "/data/playbook.json"});
  EXPECT_EQ(run.err, CLOSECOACH_SOURCE_DIR "/data/playbook.json: 0 errors, 0 warnings\n");
  EXPECT_EQ(run.status, 0);
}

TEST(PlaybookValidate, ShowsAWindowOfAVeryLongLine) {
  ScratchDir dir;
  const std::string padding(300, ' ');
  const std::string path =
      dir.file("long.json", "{\"facts\": []," + padding + "\"techniques\": [], \"rules\": 3}");
  const auto run = run_cli({"playbook", "validate", path});
  EXPECT_EQ(run.err, path +
                         ":1:332: error: 'rules' must be an array, not an integer (/rules)\n..." +
                         std::string(32, ' ') + "\"techniques\": [], \"rules\": 3}\n" +
                         std::string(53, ' ') + "^\n" + path + ": 1 error, 0 warnings\n");
  EXPECT_EQ(run.status, 2);
}

TEST(PlaybookValidate, FailsOnAMissingFile) {
  const auto run = run_cli({"playbook", "validate", "/nonexistent/playbook.json"});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.out, "");
}

// ---- test -------------------------------------------------------------------

TEST(PlaybookTest, PassesTheDefaultPlaybooksOwnTests) {
  const auto run = run_cli({"playbook", "test", "--tests", k_tests});
  EXPECT_EQ(run.status, 0) << run.out << run.err;
  EXPECT_EQ(run.out.find("FAIL"), std::string::npos) << run.out;
  const std::size_t cases = nlohmann::json::parse(read_file(k_tests))["cases"].size();
  EXPECT_TRUE(run.out.ends_with(fmt::format("\n{} passed, 0 failed\n", cases))) << run.out;
}

TEST(PlaybookTest, PassesTheContractExamples) {
  if (!fs::exists(CLOSECOACH_EXAMPLES)) GTEST_SKIP() << "no " << CLOSECOACH_EXAMPLES;
  const auto run = run_cli({"playbook", "test", "--tests", CLOSECOACH_EXAMPLES});
  EXPECT_EQ(run.status, 0) << run.out << run.err;
}

TEST(PlaybookTest, NamesEachCaseAndShowsWhatFailed) {
  const auto run = run_cli(
      {"playbook", "test", k_fixtures + "clean.json", "--tests", k_fixtures + "clean.tests.json"});
  EXPECT_EQ(run.out,
            "PASS  no need means exit\n"
            "FAIL  a wrong expectation\n"
            "      top: expected one of [graceful_exit], got trial_close\n"
            "      class: expected \"D\", got \"A\"\n"
            "PASS  a fit customer gets a trial close\n"
            "\n"
            "2 passed, 1 failed\n");
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.status, 1);
}

TEST(PlaybookTest, ListsTheRulesThatFiredInNoCase) {
  ScratchDir dir;
  const std::string tests = dir.file(
      "t.json",
      R"({"cases": [{"name": "one", "answers": {"has_need": false}, "expect": {"top": ["graceful_exit"]}}]})");
  const auto run =
      run_cli({"playbook", "test", k_fixtures + "clean.json", "--tests", tests, "--coverage"});
  EXPECT_EQ(run.out,
            "PASS  one\n"
            "\n"
            "2 of 4 rules fired in no case:\n"
            "  class_a (/rules/1)\n"
            "  close_a (/rules/3)\n"
            "\n"
            "1 passed, 0 failed\n");
  EXPECT_EQ(run.status, 0);
}

TEST(PlaybookTest, SaysWhenEveryRuleFired) {
  const auto run = run_cli({"playbook", "test", k_fixtures + "clean.json", "--tests",
                            k_fixtures + "clean.tests.json", "--coverage"});
  EXPECT_NE(run.out.find("\nevery rule fired in at least one case\n\n2 passed, 1 failed\n"),
            std::string::npos)
      << run.out;
}

TEST(PlaybookTest, ReportsAMalformedTestsFileWithItsPlace) {
  ScratchDir dir;
  const std::string tests = dir.file(
      "t.json",
      "{\"cases\": [\n  {\"name\": \"x\", \"answers\": {}, \"expect\": {\"tpo\": []}}\n]}\n");
  const auto run = run_cli({"playbook", "test", "--tests", tests});
  EXPECT_EQ(run.err, "closecoach: " + tests +
                         ":2:43: error: case 'x': unknown expect key 'tpo' (known: top, not_top, "
                         "moves_include, avoid, "
                         "warnings, no_warnings, class, read, not_read) (/cases/0/expect/tpo)\n");
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.status, 2);
}

TEST(PlaybookTest, RefusesAPlaybookWithErrors) {
  const auto run = run_cli({"playbook", "test", k_fixtures + "structure.json", "--tests", k_tests});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.out, "");
}

// ---- show -------------------------------------------------------------------

TEST(PlaybookShow, ReadsTheFixtureAloud) {
  const auto run = run_cli({"playbook", "show", k_fixtures + "clean.json", "--lang", "en"});
  EXPECT_EQ(run.out, read_file(k_fixtures + "clean.show.en.expected"));
  EXPECT_EQ(run.status, 0);
}

TEST(PlaybookShow, ShowsOneTechniqueWithItsRulesInChinese) {
  const auto run = run_cli({"playbook", "show", k_fixtures + "clean.json", "--technique",
                            "graceful_exit", "--lang", "zh"});
  EXPECT_EQ(run.out,
            "\n  graceful_exit: 体面退出\n"
            "    礼貌离开。\n"
            "    可以这样说:\n"
            "      > 谢谢您的时间。\n"
            "\n规则（按尝试顺序）\n"
            "\n  exit_d: 推荐 graceful_exit (优先级 10)\n"
            "    条件: customer_class == 'D'\n"
            "    理由: 没有需求就没有成交。\n");
  EXPECT_EQ(run.status, 0);
}

TEST(PlaybookShow, NamesSourcesByTitleAndWarningsByName) {
  const auto run = run_cli({"playbook", "show", "--lang", "en"});
  EXPECT_EQ(run.status, 0);
  for (const char* shown :
       {"    Raises: Burnt bridges\n    Source: The hard close (000)\n",
        "\n  Burnt bridges (bridge_burner)\n    A hard close burns bridges",
        "warns Ask before you leave\n", "Source: A/B/C/D customers and the last 20 minutes (003)"})
    EXPECT_NE(run.out.find(shown), std::string::npos) << shown;
  EXPECT_EQ(run.out.find("Source: 00"), std::string::npos);
  EXPECT_EQ(run.out.find("Raises: bridge_burner"), std::string::npos);
  const auto zh = run_cli({"playbook", "show", "--lang", "zh"});
  EXPECT_NE(zh.out.find("断了后路 (bridge_burner)"), std::string::npos);
  EXPECT_NE(zh.out.find("硬性成交 (000)"), std::string::npos);
}

TEST(PlaybookTest, HelpDocumentsEveryExpectKey) {
  const auto run = run_cli({"playbook", "test", "--help"});
  EXPECT_EQ(run.status, 0);
  for (const char* key : {"top", "not_top", "moves_include", "avoid", "warnings", "no_warnings",
                          "class", "read", "not_read"})
    EXPECT_NE(run.out.find(fmt::format("\n  {:<15}", key)), std::string::npos) << key;
}

TEST(PlaybookShow, ShowsOneRule) {
  const auto run =
      run_cli({"playbook", "show", k_fixtures + "clean.json", "--rule", "class_d", "--lang", "en"});
  EXPECT_EQ(run.out, "\n  class_d: sets customer_class = 'D'\n    When: has_need == false\n");
}

TEST(PlaybookShow, ListsTheKnownTechniquesForAnUnknownOne) {
  const auto run =
      run_cli({"playbook", "show", k_fixtures + "clean.json", "--technique", "hard_sell"});
  EXPECT_EQ(
      run.err,
      "closecoach: error: unknown technique 'hard_sell' (known: trial_close, graceful_exit)\n");
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(run.status, 2);
}

TEST(PlaybookShow, ListsTheKnownRulesForAnUnknownOne) {
  const auto run = run_cli({"playbook", "show", k_fixtures + "clean.json", "--rule", "nope"});
  EXPECT_EQ(run.err,
            "closecoach: error: unknown rule 'nope' (known: class_d, class_a, exit_d, close_a)\n");
  EXPECT_EQ(run.status, 2);
}

TEST(PlaybookShow, ShowsTheBuiltInPlaybookInEveryLanguage) {
  for (const std::string language : {"en", "zh", "ru"}) {
    const auto run = run_cli({"playbook", "show", "--lang", language});
    EXPECT_EQ(run.status, 0) << run.err;
    EXPECT_NE(run.out.find("hard_close"), std::string::npos);
    EXPECT_NE(run.out.find("bridge_burner"), std::string::npos);
  }
}

// ---- fmt --------------------------------------------------------------------

TEST(PlaybookFmt, PrintsTheBuiltInPlaybookFormatted) {
  const auto once = run_cli({"playbook", "fmt"});
  EXPECT_EQ(once.status, 0) << once.err;
  EXPECT_EQ(once.err, "");
  ScratchDir dir;
  const std::string path = dir.file("playbook.json", once.out);
  const auto check = run_cli({"playbook", "fmt", "--check", path});
  EXPECT_EQ(check.status, 0) << check.err;
  EXPECT_EQ(check.err, "");
}

TEST(PlaybookFmt, RewritesAFileInPlaceAndTwiceIsOnce) {
  ScratchDir dir;
  const std::string path = dir.file("p.json", read_file(k_fixtures + "clean.json"));
  const auto to_logic = run_cli({"playbook", "fmt", path, "--to", "jsonlogic"});
  EXPECT_EQ(to_logic.err, "reformatted " + path + "\n");
  EXPECT_EQ(to_logic.status, 0);
  EXPECT_NE(read_file(path).find(R"("when": {"==": [{"var": "has_need"}, false]})"),
            std::string::npos)
      << read_file(path);
  const auto to_expression = run_cli({"playbook", "fmt", path, "--to", "expr"});
  EXPECT_EQ(to_expression.status, 0);
  EXPECT_EQ(read_file(path), read_file(k_fixtures + "clean.json"));
  const auto again = run_cli({"playbook", "fmt", path});
  EXPECT_EQ(again.err, "");
  EXPECT_EQ(read_file(path), read_file(k_fixtures + "clean.json"));
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"p.json"});
}

TEST(PlaybookFmt, CheckNamesAnUnformattedFileAndWritesNothing) {
  ScratchDir dir;
  const std::string content = nlohmann::json::parse(read_file(k_fixtures + "clean.json")).dump();
  const std::string path = dir.file("p.json", content);
  const auto run = run_cli({"playbook", "fmt", "--check", path});
  EXPECT_EQ(run.err, "would reformat " + path + "\n");
  EXPECT_EQ(run.status, 1);
  EXPECT_EQ(read_file(path), content);
  EXPECT_EQ(run_cli({"playbook", "fmt", "--check", k_fixtures + "clean.json"}).status, 0);
}

TEST(PlaybookFmt, LeavesAFileItCannotParseByteForByte) {
  ScratchDir dir;
  const std::string content = read_file(k_fixtures + "syntax_error.json");
  const std::string path = dir.file("p.json", content);
  const auto run = run_cli({"playbook", "fmt", path});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(read_file(path), content);
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"p.json"});
  EXPECT_TRUE(
      run.err.ends_with("closecoach: error: " + path + " has errors; it was not formatted\n"))
      << run.err;
}

TEST(PlaybookFmt, LeavesAFileWithErrorsByteForByte) {
  ScratchDir dir;
  const std::string content = read_file(k_fixtures + "unknown_fact.json");
  const std::string path = dir.file("p.json", content);
  EXPECT_EQ(run_cli({"playbook", "fmt", path}).status, 2);
  EXPECT_EQ(read_file(path), content);
}

TEST(PlaybookFmt, KeepsTheFilesPermissions) {
  ScratchDir dir;
  const std::string path =
      dir.file("p.json", nlohmann::json::parse(read_file(k_fixtures + "clean.json")).dump());
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  EXPECT_EQ(run_cli({"playbook", "fmt", path}).status, 0);
  EXPECT_EQ(fs::status(path).permissions(),
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  EXPECT_EQ(read_file(path), read_file(k_fixtures + "clean.json"));
}
