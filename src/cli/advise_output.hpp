#pragma once
// Advice as a person reads it, and the interactive consultation.

#include <closecoach/engine.hpp>
#include <closecoach/note_reader.hpp>

#include <string>
#include <vector>

#include "cli.hpp"

namespace closecoach::cli {

void print_advice_text(const Engine& engine, const Advice& advice, const std::string& language,
                       Context& context);
// What advise read from the rep's notes (--notes, --notes-file): the notes
// as given and each reading, with the evidence's offsets into them.
struct NotesRead {
  std::string notes;
  std::vector<AppliedSignal> signals;
};

// "From your notes:" and one line per reading: fact = value “evidence”.
void print_notes_text(const Engine& engine, const NoteReader& reader, const NotesRead& read,
                      const std::string& language, Context& context);
void print_why_not_text(const Engine& engine, const WhyNot& why_not, const Advice& advice,
                        const std::string& language, Context& context);

// Asks, one at a time, the questions that matter until the advice is
// settled or the input ends; returns the advice on the answers collected.
// Throws Failure (exit 2) when stdin is closed or a directory, or a read of
// it fails (inputs.hpp).
Advice consult(const Engine& engine, std::vector<Value> facts, const std::string& language,
               Context& context);

}  // namespace closecoach::cli
