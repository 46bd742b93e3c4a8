#pragma once
// The interactive consultation of `advise`: the questions that matter, one at
// a time, answered as people type; then the advice and the command that
// gives it again.

#include <closecoach/engine.hpp>

#include <deque>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "cli.hpp"

namespace closecoach::cli {

// What the consultation needs to know of how advise was started.
struct ConsultSetup {
  std::string language;  // of the questions and messages
  std::string lang;      // --lang as given, for the command that repeats the advice
  std::string playbook;  // --playbook as given
};

// Prints the advice as text into the context it is given.
using ShowAdvice = std::function<void(const Advice&, Context&)>;

// Called with the answers and the advice they give, before it is shown
// (advise --deal keeps them in the deal's history).
using OnAdvice = std::function<void(const std::vector<Value>&, const Advice&)>;

// Asks, one at a time, the questions that matter until the advice is settled,
// the input ends or only skipped questions are left; then shows the advice
// (wrapped to the terminal) and the command that gives it again. The input
// ending before any answer (none given with the command either) shows no
// advice: a note on stderr, exit status 1.
// Throws Failure (exit 2) when stdin is closed or a directory, a read of it
// fails (inputs.hpp), or ten replies in a row answer nothing.
void run_consultation(const Engine& engine, std::vector<Value> facts, const ConsultSetup& setup,
                      Context& context, const ShowAdvice& show, const OnAdvice& advised = {});

// The consultation's own words in `language` (en, zh, ru).
std::string_view consult_text(std::string_view key, std::string_view language);

// One reply to a question, read as people type it.
struct ReadReply {
  enum class Kind { answer, help, skip, back, not_understood };
  Kind kind = Kind::not_understood;
  Value value;               // the answer
  std::string_view problem;  // not understood: the consult_text key saying what is wanted
};

// Reads `typed` as a reply to the question of fact `slot`: the number of a
// choice, a value's id or label in any case, yes/no (y/n, да/нет, 是/否,
// 对/不) for a yes-no question, a number for a number question, full-width
// digits and letters as their ASCII forms; "?" for help, "s" to skip, "b" to
// go back. A string fact's text is kept in `storage`, which the answer's
// Value points into.
ReadReply read_reply(const Engine& engine, int slot, std::string_view typed,
                     std::string_view language, std::deque<std::string>& storage);

// `closecoach advise -a FACT=VALUE ...` for every answered input fact, with
// --lang and --playbook when they were given: each a shell word.
std::vector<std::string> rerun_words(const Engine& engine, const std::vector<Value>& facts,
                                     const ConsultSetup& setup);

}  // namespace closecoach::cli
