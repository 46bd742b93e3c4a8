#pragma once
// Advice as a person reads it.

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

}  // namespace closecoach::cli
