// `advise --notes` and `--notes-file`: the rep's own notes fill the facts
// not answered, read as review reads a deal's notes, with the evidence shown.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <tuple>
#include <vector>

#include "support/test_support.hpp"

using closecoach::testing::run_cli;
using nlohmann::json;

namespace {

json advise_json(std::vector<std::string> args) {
  args.insert(args.begin(), {"advise", "--format", "json"});
  const auto run = run_cli(args);
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.err, "");
  return json::parse(run.out);
}

// The reading of `fact` in the advice's signals, or null.
json signal_of(const json& advice, const std::string& fact) {
  for (const auto& signal : advice["signals"])
    if (signal["fact"] == fact) return signal;
  return nullptr;
}

// A file of this test's own, removed afterwards.
class NotesFile {
 public:
  explicit NotesFile(const std::string& content)
      : m_path((std::filesystem::temp_directory_path() /
                (std::string("closecoach_notes_") +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".txt"))
                   .string()) {
    std::ofstream(m_path, std::ios::binary) << content;
  }
  ~NotesFile() { std::filesystem::remove(m_path); }
  NotesFile(const NotesFile&) = delete;
  NotesFile& operator=(const NotesFile&) = delete;
  const std::string& path() const { return m_path; }

 private:
  std::string m_path;
};

const std::string k_freeze_over = "the budget freeze is over, they have money again";

}  // namespace

TEST(AdviseNotes, ANegatedNoteSaysTheCustomerCanPay) {
  const json advice = advise_json({"--notes", k_freeze_over});
  const json can_pay = signal_of(advice, "can_pay");
  ASSERT_TRUE(can_pay.is_object()) << advice["signals"].dump();
  EXPECT_EQ(can_pay["value"], true);
  EXPECT_FALSE(can_pay.contains("overridden"));
  EXPECT_NE(advice["class"], "D");
  // The evidence is the note's own text at its offsets.
  const std::string evidence = can_pay["evidence"];
  EXPECT_EQ(k_freeze_over.substr(can_pay["start"], can_pay["end"].get<std::size_t>() -
                                                       can_pay["start"].get<std::size_t>()),
            evidence);
}

TEST(AdviseNotes, AnExplicitAnswerWinsOverTheNote) {
  const json advice = advise_json({"--notes", k_freeze_over, "-a", "can_pay=false"});
  EXPECT_EQ(advice["class"], "D");
  EXPECT_EQ(advice["moves"][0]["technique"], "graceful_exit");
  const json can_pay = signal_of(advice, "can_pay");
  ASSERT_TRUE(can_pay.is_object());
  EXPECT_EQ(can_pay["overridden"], true);
}

TEST(AdviseNotes, NotesFillWhatTheAnswersLeaveOpen) {
  const json without = advise_json({"-a", "contact_role=first_kp", "-a", "has_need=true"});
  const json with = advise_json({"-a", "contact_role=first_kp", "-a", "has_need=true", "--notes",
                                 "Бюджет есть, давайте оформлять"});
  EXPECT_FALSE(without.contains("signals"));
  EXPECT_EQ(signal_of(with, "can_pay")["value"], true);
  EXPECT_EQ(signal_of(with, "can_pay")["evidence"], "Бюджет есть");
}

TEST(AdviseNotes, ReadsTheNotesFileAsWritten) {
  const NotesFile file("客户说<b>没有预算问题</b>，下周签\n");
  const json advice = advise_json({"--notes-file", file.path()});
  EXPECT_EQ(signal_of(advice, "can_pay")["value"], true);
  EXPECT_EQ(signal_of(advice, "can_pay")["evidence"], "客户说<b>没有预算问题");
}

TEST(AdviseNotes, TextOutputShowsWhatItReadInTheRepsLanguage) {
  for (const auto& [language, heading, quote] :
       {std::tuple{"en", "From your notes:", "“they have money again”"},
        std::tuple{"zh", "从你的笔记中读到：", "“they have money again”"},
        std::tuple{"ru", "Из ваших заметок:", "«they have money again»"}}) {
    const auto run =
        run_cli({"advise", "--no-interactive", "--lang", language, "--notes", k_freeze_over});
    EXPECT_EQ(run.status, 0) << run.err;
    EXPECT_NE(run.out.find(heading), std::string::npos) << language << "\n" << run.out;
    EXPECT_NE(run.out.find(std::string("can_pay = true")), std::string::npos) << run.out;
    EXPECT_NE(run.out.find(quote), std::string::npos) << run.out;
  }
}

TEST(AdviseNotes, TextOutputMarksAReadingAnAnswerOverrode) {
  const auto run =
      run_cli({"advise", "--no-interactive", "--notes", k_freeze_over, "-a", "can_pay=false"});
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("- can_pay = true"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("(not used: answered"), std::string::npos) << run.out;
}

TEST(AdviseNotes, AMissingNotesFileIsOneLineAndExitTwo) {
  const auto run = run_cli({"advise", "--notes-file", "/nonexistent/notes.txt"});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.out, "");
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
  EXPECT_NE(run.err.find("/nonexistent/notes.txt"), std::string::npos) << run.err;
}

TEST(AdviseNotes, NotesAndANotesFileTogetherAreRefused) {
  const auto run = run_cli({"advise", "--notes", "x", "--notes-file", "y"});
  EXPECT_EQ(run.status, 2);
  EXPECT_EQ(run.out, "");
}
