// The interactive consultation: one question at a time, only those that
// matter, answered as people type; then the advice and how to get it again.

#include "consult.hpp"

#include <fmt/ostream.h>

#include <algorithm>
#include <optional>
#include <sstream>
#include <utility>

#include "common.hpp"
#include "inputs.hpp"
#include "wrap.hpp"

namespace closecoach::cli {

namespace {

// Replies in a row that answer nothing ("?", "b" with nothing to go back
// to, anything else that is not an answer) before the consultation gives up:
// input that is not a person (`yes x | closecoach advise --interactive`)
// must not keep it going forever.
constexpr std::size_t k_max_idle_replies = 10;

// Writes to stdout, each text wrapped to the terminal's width as it is now
// (a window may be resized between questions).
class Screen {
 public:
  explicit Screen(Context& context) : m_context(context) {}
  std::size_t width() const { return terminal_width(m_context.io.out_fd); }
  void print(std::string_view text) {
    fmt::print(m_context.io.out, "{}", wrap_text(text, width()));
    m_context.io.out.flush();
  }
  // A message under the question, and the prompt again.
  void say(std::string_view message) { print(fmt::format("   {}\n   > ", message)); }

 private:
  Context& m_context;
};

enum class Step { answered, skipped, back, stop };

class Consultation {
 public:
  enum class End { settled, stopped, exhausted };

  Consultation(const Engine& engine, std::vector<Value> facts, const std::string& language,
               Context& context)
      : m_engine(engine),
        m_facts(std::move(facts)),
        m_language(language),
        m_context(context),
        m_screen(context) {}

  End run();
  const std::vector<Value>& facts() const { return m_facts; }
  bool skipped_any() const { return !m_skipped.empty(); }
  // Whether any fact is answered, at the prompt or on the command line:
  // without one there is no advice worth showing.
  bool any_answer() const {
    for (std::size_t slot = 0; slot < m_facts.size(); ++slot)
      if (m_facts[slot].known() && !m_engine.schema().spec(static_cast<int>(slot)).derived)
        return true;
    return false;
  }

 private:
  struct Asked {
    int slot = -1;
    bool skipped = false;
  };

  int choose(const Advice& advice, const std::vector<int>& open) const;
  Step ask(int slot, std::size_t remaining);
  void print_question(const nlohmann::json& question, std::size_t remaining);
  std::string prompt(const nlohmann::json& question) const;
  std::string problem_text(const ReadReply& reply, const nlohmann::json& question) const;
  std::string answer_text(int slot, const Value& value) const;
  void go_back();
  bool skipped(int slot) const {
    return std::find(m_skipped.begin(), m_skipped.end(), slot) != m_skipped.end();
  }

  const Engine& m_engine;
  std::vector<Value> m_facts;
  const std::string& m_language;
  Context& m_context;
  Screen m_screen;
  std::vector<Asked> m_asked;         // in the order asked; "b" undoes the last
  std::vector<int> m_skipped;         // never asked again, unless "b" returns to one
  std::optional<int> m_again;         // the question "b" returned to
  std::deque<std::string> m_storage;  // typed text that answers point into
};

Consultation::End Consultation::run() {
  for (;;) {
    const Advice advice = m_engine.advise(m_facts);
    if (advice.settled) return End::settled;
    // The questions that can still matter bound those left: the count shown
    // is never exceeded, since only they are asked and answers only shrink them.
    std::vector<int> open = m_engine.open_questions(m_facts);
    std::erase_if(open, [&](int slot) { return skipped(slot); });
    const int slot = m_again ? *std::exchange(m_again, std::nullopt) : choose(advice, open);
    if (slot < 0) return End::exhausted;
    const bool counted = std::find(open.begin(), open.end(), slot) != open.end();
    switch (ask(slot, open.size() - (counted ? 1 : 0))) {
      case Step::answered:
        m_asked.push_back({slot, false});
        break;
      case Step::skipped:
        m_asked.push_back({slot, true});
        m_skipped.push_back(slot);
        m_screen.print(fmt::format("   {}\n", consult_text("skipped", m_language)));
        break;
      case Step::back:
        go_back();
        break;
      case Step::stop:
        return End::stopped;
    }
  }
}

// The engine's next question, unless it was skipped; then the first open one.
int Consultation::choose(const Advice& advice, const std::vector<int>& open) const {
  if (std::find(open.begin(), open.end(), advice.next_question) != open.end())
    return advice.next_question;
  return open.empty() ? -1 : open.front();
}

// Reads replies until one answers, skips or goes back, or the input ends.
// Throws Failure (exit 2) when reading stdin fails or after
// k_max_idle_replies replies that answer nothing.
Step Consultation::ask(int slot, std::size_t remaining) {
  const nlohmann::json question = m_engine.question_json(slot, m_language);
  print_question(question, remaining);
  std::string line;
  std::size_t idle = 0;
  const auto count_idle = [&] {
    if (++idle == k_max_idle_replies)
      fail(fmt::format("{}: {} replies in a row answer nothing; stopped at question {}",
                       k_stdin_name, idle, m_asked.size() + 1));
  };
  while (std::getline(m_context.io.in, line)) {
    const ReadReply reply = read_reply(m_engine, slot, line, m_language, m_storage);
    switch (reply.kind) {
      case ReadReply::Kind::answer:
        m_facts[static_cast<std::size_t>(slot)] = reply.value;
        return Step::answered;
      case ReadReply::Kind::skip:
        return Step::skipped;
      case ReadReply::Kind::back:
        if (!m_asked.empty()) return Step::back;
        count_idle();
        m_screen.say(consult_text("no_back", m_language));
        break;
      case ReadReply::Kind::help:
        count_idle();
        m_screen.say(question["help"].get<std::string>());
        break;
      case ReadReply::Kind::not_understood:
        count_idle();
        m_screen.say(problem_text(reply, question));
        break;
    }
  }
  check_read(m_context.io.in, k_stdin_name);
  m_screen.print("\n");
  return Step::stop;
}

void Consultation::print_question(const nlohmann::json& question, std::size_t remaining) {
  const std::size_t number = m_asked.size() + 1;
  const std::string progress =
      remaining == 0
          ? fmt::format(fmt::runtime(consult_text("progress_last", m_language)), number)
          : fmt::format(fmt::runtime(consult_text("progress", m_language)), number, remaining);
  std::string text = fmt::format(
      "\n{}. {}\n   ({})\n", number,
      paint(m_context, fmt::emphasis::bold, question["text"].get<std::string>()), progress);
  const auto& choices = question["choices"];
  for (std::size_t i = 0; i < choices.size(); ++i)
    text += fmt::format("   {}) {}\n", i + 1, choices[i]["label"].get<std::string>());
  text += fmt::format("   [{}] > ", prompt(question));
  m_screen.print(text);
}

std::string Consultation::prompt(const nlohmann::json& question) const {
  const std::string type = question["type"].get<std::string>();
  if (type == "bool") return std::string(consult_text("choose_yes_no", m_language));
  if (type == "integer" || type == "number")
    return std::string(consult_text("enter_number", m_language));
  if (question["choices"].empty()) return std::string(consult_text("enter_text", m_language));
  return fmt::format(fmt::runtime(consult_text("choose", m_language)), question["choices"].size());
}

std::string Consultation::problem_text(const ReadReply& reply,
                                       const nlohmann::json& question) const {
  return fmt::format(fmt::runtime(consult_text(reply.problem, m_language)),
                     question["choices"].size());
}

// A value as the question offered it: the choice's label, else the value.
std::string Consultation::answer_text(int slot, const Value& value) const {
  const nlohmann::json json = FactSchema::value_to_json(value);
  const nlohmann::json question = m_engine.question_json(slot, m_language);
  for (const auto& choice : question["choices"])
    if (choice["value"] == json) return choice["label"].get<std::string>();
  return FactSchema::value_word(value);
}

void Consultation::go_back() {
  const Asked last = m_asked.back();
  m_asked.pop_back();
  const std::size_t number = m_asked.size() + 1;
  std::string message;
  if (last.skipped) {
    std::erase(m_skipped, last.slot);
    message = fmt::format(fmt::runtime(consult_text("back_skipped", m_language)), number);
  } else {
    Value& answered = m_facts[static_cast<std::size_t>(last.slot)];
    message = fmt::format(fmt::runtime(consult_text("back_answered", m_language)), number,
                          answer_text(last.slot, answered));
    answered = Value::unknown_value();
  }
  m_screen.print(fmt::format("   {}\n", message));
  m_again = last.slot;
}

// The advice as `show` prints it, wrapped like everything else.
void show_wrapped(const Advice& advice, const ShowAdvice& show, Context& context) {
  std::ostringstream text;
  Streams streams{context.io.in,
                  text,
                  context.io.err,
                  context.io.in_is_terminal,
                  context.io.out_is_terminal,
                  context.io.err_is_terminal};
  Context shown{streams, context.exit_status, context.color};
  show(advice, shown);
  context.exit_status = shown.exit_status;
  Screen(context).print(text.str());
}

// `words` with each option kept on one line with its value ("-a has_need=true").
std::vector<std::string> option_units(const std::vector<std::string>& words) {
  std::vector<std::string> units;
  for (std::size_t i = 0; i < words.size(); ++i) {
    units.push_back(words[i]);
    if (words[i].starts_with("-") && i + 1 < words.size()) units.back() += " " + words[++i];
  }
  return units;
}

}  // namespace

void run_consultation(const Engine& engine, std::vector<Value> facts, const ConsultSetup& setup,
                      Context& context, const ShowAdvice& show, const OnAdvice& advised) {
  check_stdin(context.io, false);
  const std::string& language = setup.language;
  Consultation consultation(engine, std::move(facts), language, context);
  const Consultation::End end = consultation.run();
  Screen screen(context);
  if (end == Consultation::End::stopped && !consultation.any_answer()) {
    fmt::print(context.io.err, "{}\n", consult_text("no_answers", language));
    context.exit_status = std::max(context.exit_status, k_exit_failures);
    return;
  }
  if (end == Consultation::End::stopped)
    screen.print(fmt::format("{}\n{}\n\n", consult_text("stopped", language),
                             consult_text("so_far", language)));
  else if (end == Consultation::End::exhausted && consultation.skipped_any())
    screen.print(fmt::format("\n{}\n\n", consult_text("only_skipped", language)));
  else
    screen.print("\n");
  const Advice advice = engine.advise(consultation.facts());
  if (advised) advised(consultation.facts(), advice);
  show_wrapped(advice, show, context);
  screen.print(fmt::format("\n{}\n", consult_text("rerun", language)));
  // Wrapped as a command: continued lines still paste as one.
  fmt::print(context.io.out, "{}\n",
             wrap_command(option_units(rerun_words(engine, consultation.facts(), setup)), 2,
                          screen.width()));
}

}  // namespace closecoach::cli
