// The consultation through a real pseudo-terminal, as a rep types: the
// built program, its prompts, the terminal's width and Ctrl-D.

#include <closecoach/utf8.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <sstream>

#include "support/pty_session.hpp"

namespace closecoach::testing {
namespace {

// The README's deal without the number of soft closes: that is asked first.
const std::vector<std::string> k_all_but_soft_closes{"advise",
                                                     "-a",
                                                     "contact_role=first_kp",
                                                     "-a",
                                                     "has_need=true",
                                                     "-a",
                                                     "can_pay=true",
                                                     "-a",
                                                     "sees_value=yes",
                                                     "-a",
                                                     "stage=negotiation",
                                                     "-a",
                                                     "last_response=think_about_it",
                                                     "-a",
                                                     "win_lose_negotiator=false"};

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Answers "1" to every question until the program ends; its exit status.
int answer_ones(PtySession& session) {
  for (int i = 0; i < 20 && session.wait_for_prompt(); ++i) session.type("1\n");
  return session.wait_exit();
}

// The command printed under "The same advice again:", continued lines joined.
std::string rerun_command(const std::string& output) {
  const std::string heading = "The same advice again:\n";
  const auto at = output.rfind(heading);
  if (at == std::string::npos) return {};
  std::string command = output.substr(at + heading.size());
  while (!command.empty() && command.back() == '\n') command.pop_back();
  return command;
}

#define START(session, ...)                                                   \
  PtySession session(__VA_ARGS__);                                            \
  if (closecoach_binary().empty()) GTEST_SKIP() << "CLOSECOACH_BINARY unset"; \
  ASSERT_TRUE(session.started())

// `text` with each line break and the indent after it replaced by `separator`:
// a wrapped sentence read whole again.
std::string joined_lines(const std::string& text, const std::string& separator) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\n') {
      out += text[i];
      continue;
    }
    out += separator;
    while (i + 1 < text.size() && text[i + 1] == ' ') ++i;
  }
  return out;
}

// The first question asks whether they only want to beat you: of the answers
// that end a deal at once, the playbook's likeliest. Yes settles the advice.
TEST(ConsultPty, AnswersYesInEachLanguage) {
  for (const auto& [language, yes] : std::vector<std::pair<std::string, std::string>>{
           {"en", "yes"}, {"en", "Y"}, {"ru", "да"}, {"zh", "是"}, {"zh", "对"}}) {
    START(session, {"advise", "--lang", language});
    ASSERT_TRUE(session.wait_for_prompt()) << session.output();
    session.type(yes + "\n");
    EXPECT_EQ(session.wait_exit(), 0) << language << " " << yes << ":\n" << session.output();
    EXPECT_NE(session.output().find("-a win_lose_negotiator=true"), std::string::npos)
        << session.output();
    EXPECT_EQ(session.output().find("\n2. "), std::string::npos) << session.output();
  }
}

TEST(ConsultPty, ReadsFullWidthDigits) {
  START(session, {"advise", "--lang", "zh"});
  ASSERT_TRUE(session.wait_for_prompt());
  session.type("２\n");  // "No, they want a fair deal": on to the second question
  ASSERT_TRUE(session.wait_for("2. ")) << session.output();
  ASSERT_TRUE(session.wait_for_prompt());
  session.end_input();
  EXPECT_EQ(session.wait_exit(), 0) << session.output();
  EXPECT_NE(session.output().find("-a win_lose_negotiator=false"), std::string::npos)
      << session.output();
}

TEST(ConsultPty, ShowsProgressThatNeverUndercounts) {
  START(session, {"advise", "-a", "win_lose_negotiator=false"});  // then "1" never settles at once
  const int status = answer_ones(session);
  EXPECT_EQ(status, 0) << session.output();
  std::vector<std::pair<int, int>> shown;  // question, at most how many more
  const std::string& output = session.output();
  const std::string_view start = "(question ";
  for (std::size_t at = output.find(start); at != std::string::npos;
       at = output.find(start, at + 1)) {
    const std::size_t number = at + start.size();
    const std::size_t after = output.find(';', number);
    if (after == std::string::npos) break;
    const int question = std::stoi(output.substr(number, after - number));
    const std::string_view most = "; at most ";
    const int more = output.compare(after, most.size(), most) == 0
                         ? std::stoi(output.substr(after + most.size()))
                         : 0;
    shown.emplace_back(question, more);
  }
  ASSERT_GE(shown.size(), 2u) << output;
  for (std::size_t i = 0; i < shown.size(); ++i) {
    EXPECT_EQ(shown[i].first, static_cast<int>(i + 1));
    EXPECT_GE(shown[i].second, static_cast<int>(shown.size() - i - 1)) << output;
  }
}

TEST(ConsultPty, SkipsAQuestionAndNeverAsksItAgain) {
  START(session, {"advise"});
  ASSERT_TRUE(session.wait_for_prompt());
  session.type("s\n");
  ASSERT_TRUE(session.wait_for("Skipped."));
  EXPECT_EQ(answer_ones(session), 0) << session.output();
  const std::string output = strip_escapes(session.output());
  // Asked once (numbered); the advice may still name it among its assumptions.
  EXPECT_EQ(count_of(output, ". To them, is a good deal only one where they beat you?"), 1u)
      << output;
  EXPECT_NE(output.find("\n2. "), std::string::npos) << output;
  EXPECT_EQ(rerun_command(output).find("win_lose_negotiator"), std::string::npos) << output;
}

TEST(ConsultPty, GoesBackAndShowsTheAnswerBeingChanged) {
  START(session, {"advise"});
  ASSERT_TRUE(session.wait_for_prompt());
  session.type("2\n");
  ASSERT_TRUE(session.wait_for("\n2. "));
  ASSERT_TRUE(session.wait_for_prompt());
  session.type("b\n");
  ASSERT_TRUE(session.wait_for("Back to question 1; the answer was: No, they want a fair deal"))
      << session.output();
  ASSERT_TRUE(session.wait_for("To them, is a good deal only one where they beat you?"));
  ASSERT_TRUE(session.wait_for_prompt());
  session.type("1\n");
  EXPECT_EQ(session.wait_exit(), 0) << session.output();
  EXPECT_NE(session.output().find("-a win_lose_negotiator=true"), std::string::npos)
      << session.output();
}

TEST(ConsultPty, ANumberQuestionSaysItWantsANumber) {
  START(session, k_all_but_soft_closes);
  ASSERT_TRUE(session.wait_for("How many times"));
  ASSERT_TRUE(session.wait_for_prompt());
  session.type("three\n");
  ASSERT_TRUE(session.wait_for("Please enter a whole number.")) << session.output();
  EXPECT_EQ(session.output().find("one of the choices"), std::string::npos);
  ASSERT_TRUE(session.wait_for_prompt());
  session.type("3\n");
  EXPECT_EQ(answer_ones(session), 0) << session.output();
  EXPECT_NE(session.output().find("-a soft_closes_tried=3"), std::string::npos) << session.output();
}

TEST(ConsultPty, WrapsEveryLineToANarrowTerminal) {
  for (const std::string language : {"en", "zh"}) {
    START(session, {"advise", "--lang", language}, 40);
    ASSERT_TRUE(session.wait_for_prompt());
    session.type("2\n");
    ASSERT_TRUE(session.wait_for_prompt());
    session.type("?\n");  // the help, a long line
    ASSERT_TRUE(session.wait_for_prompt());
    session.end_input();
    EXPECT_EQ(session.wait_exit(), 0) << session.output();
    const std::string shown = strip_escapes(session.output());
    std::size_t widest = 0;
    for (const auto& line : lines_of(shown)) {
      EXPECT_LE(utf8::display_width(line), 40u) << language << ": " << line;
      widest = std::max(widest, utf8::display_width(line));
    }
    EXPECT_GE(widest, 34u) << "lines are broken well before the edge:\n" << shown;
    if (language == "zh") {
      // A sentence broken across lines reads whole again without the breaks and indents.
      const std::string joined = joined_lines(shown, "");
      EXPECT_NE(joined.find("尚未确定：这是根据目前回答给出的建议。"), std::string::npos) << shown;
    } else {
      const std::string joined = joined_lines(shown, " ");
      EXPECT_NE(joined.find("Not settled: this is the advice on the answers so far."),
                std::string::npos)
          << shown;
    }
  }
}

TEST(ConsultPty, TheCommandItPrintsGivesTheSameAdvice) {
  START(session, {"advise", "--lang", "en"}, 50);
  ASSERT_TRUE(session.wait_for_prompt());
  session.type("2\n");  // wants a fair deal
  ASSERT_TRUE(session.wait_for_prompt());
  session.type("1\n");  // can pay
  ASSERT_TRUE(session.wait_for_prompt());
  session.end_input();
  ASSERT_EQ(session.wait_exit(), 0) << session.output();
  const std::string command = rerun_command(session.output());
  ASSERT_EQ(command.rfind("  closecoach advise --lang en -a ", 0), 0u) << session.output();
  const std::string shown = strip_escapes(session.output());
  const std::size_t heading = shown.find("Next move: ");
  ASSERT_NE(heading, std::string::npos) << shown;
  const std::size_t name = heading + std::string_view("Next move: ").size();
  const std::string next_move = shown.substr(name, shown.find('\n', name) - name);

  const std::string binary = closecoach_binary();
  const std::string directory = binary.substr(0, binary.rfind('/'));
  const std::string shell =
      "PATH='" + directory + "':\"$PATH\"; " + command + " --format json --no-interactive";
  std::string quoted;
  for (const char c : shell) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  FILE* pipe = ::popen(("sh -c '" + quoted + "'").c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string json;
  char buffer[4096];
  for (std::size_t got; (got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;)
    json.append(buffer, got);
  ASSERT_EQ(::pclose(pipe), 0) << command;
  const auto advice = nlohmann::json::parse(json);
  EXPECT_EQ(advice["moves"][0]["name"], next_move) << command;
}

TEST(ConsultPty, TheEndOfInputBeforeAnyAnswerGivesNoAdvice) {
  START(session, {"advise"});
  ASSERT_TRUE(session.wait_for_prompt());
  session.end_input();
  EXPECT_EQ(session.wait_exit(), 1) << session.output();
  EXPECT_NE(session.output().find("the input ended before any answer; no advice"),
            std::string::npos)
      << session.output();
  EXPECT_EQ(session.output().find("Next move"), std::string::npos) << session.output();
}

TEST(ConsultPty, AnswersGivenWithTheCommandAreAnswersToo) {
  START(session, {"advise", "-a", "has_need=true"});
  ASSERT_TRUE(session.wait_for_prompt());
  session.end_input();
  EXPECT_EQ(session.wait_exit(), 0) << session.output();
  EXPECT_NE(strip_escapes(session.output()).find("Next move: "), std::string::npos)
      << session.output();
}

TEST(ConsultPty, TheEndOfInputAfterSomeAnswersGivesTheAdviceSoFarAsNotSettled) {
  START(session, {"advise"});
  ASSERT_TRUE(session.wait_for_prompt());
  session.type("no\n");
  ASSERT_TRUE(session.wait_for_prompt());
  session.end_input();
  EXPECT_EQ(session.wait_exit(), 0) << session.output();
  const std::string output = strip_escapes(session.output());
  const auto stopped = output.find("Stopped before the advice was settled.");
  const auto advice = output.find("Next move: ");
  ASSERT_NE(stopped, std::string::npos) << output;
  ASSERT_NE(advice, std::string::npos) << output;
  EXPECT_LT(stopped, advice);
  EXPECT_NE(output.find("Not settled: this is the advice on the answers so far."),
            std::string::npos);
}

}  // namespace
}  // namespace closecoach::testing
