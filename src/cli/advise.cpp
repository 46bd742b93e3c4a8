// `closecoach advise`: the next move for one deal.

#include <closecoach/json_text.hpp>

#include <CLI/CLI.hpp>
#include <fmt/ostream.h>

#include <memory>
#include <optional>

#include "advise_deal.hpp"
#include "advise_output.hpp"
#include "common.hpp"
#include "consult.hpp"
#include "deal_db.hpp"
#include "options.hpp"

namespace closecoach::cli {

namespace {

struct AdviseOptions {
  std::string answers_file;
  std::vector<std::string> assignments;
  std::string lang;
  std::string playbook;
  std::string why_not;
  std::string notes;
  std::string notes_file;
  std::string format = "text";
  bool interactive = false;
  bool no_interactive = false;
  std::string deal;
  bool save = false;
  std::string db;
};

// Reads --answers; errors name the file, line and column.
void read_answers_file(const Engine& engine, const std::string& path, nlohmann::json& storage,
                       std::vector<Value>& facts) {
  auto text = read_text_file(path, "an answers file");
  if (!text.ok()) throw Failure(text.error());
  auto parsed = parse_json(*text, path);
  if (!parsed.ok()) throw Failure(parsed.error());
  storage = std::move(parsed.value());
  auto read = engine.read_answers(storage, facts);
  if (!read.ok()) {
    Diagnostic diagnostic = read.error();
    diagnostic.file = path;
    JsonLocator(*text).locate(diagnostic);
    diagnostic.pointer.clear();  // the fact is named in the message
    throw Failure(diagnostic);
  }
}

// Reads --notes or --notes-file into the facts not answered explicitly
// (answers win): the same reading review gives a deal's notes.
NotesRead read_notes(const AdviseOptions& options, const NoteReader& reader,
                     std::vector<Value>& facts) {
  NotesRead read;
  if (!options.notes_file.empty()) {
    auto text = read_text_file(options.notes_file, "a notes file");
    if (!text.ok()) throw Failure(text.error());
    read.notes = std::move(text.value());
  } else {
    read.notes = options.notes;
  }
  NoteBuffers buffers;
  reader.read(read.notes, buffers, facts, read.signals);
  return read;
}

NoteReader note_reader_or_fail(const Engine& engine) {
  auto reader = NoteReader::create(engine);
  if (!reader.ok()) throw Failure(reader.error());
  return std::move(reader.value());
}

int technique_or_fail(const Engine& engine, const std::string& id) {
  const int technique = engine.technique_index(id);
  if (technique >= 0) return technique;
  std::vector<std::string> known;
  for (const auto& t : engine.playbook().techniques) known.push_back(t.id);
  fail(fmt::format("--why-not: unknown technique '{}' (known: {})", id, fmt::join(known, ", ")));
}

void run_advise(const AdviseOptions& options, Context& context) {
  const std::string language = resolve_language(options.lang);
  const Engine& engine = load_engine_until_exit(options.playbook, language);
  nlohmann::json answers;  // keeps string answers alive
  std::vector<Value> facts = engine.blank_facts();
  AdviseDeal deal(engine, options.db, options.deal);
  deal.read_answers(facts);  // first: --answers and -a win
  if (!options.answers_file.empty())
    read_answers_file(engine, options.answers_file, answers, facts);
  for (const auto& assignment : options.assignments) {
    auto read = engine.read_assignment(assignment, facts);
    if (!read.ok()) fail(fmt::format("-a {}: {}", assignment, read.error().message));
  }
  const bool with_notes = !options.notes.empty() || !options.notes_file.empty();
  const std::optional<NoteReader> reader =
      with_notes ? std::optional(note_reader_or_fail(engine)) : std::nullopt;
  const NotesRead notes = reader ? read_notes(options, *reader, facts) : NotesRead{};
  const int why_not = options.why_not.empty() ? -1 : technique_or_fail(engine, options.why_not);
  const bool json = options.format == "json";
  const bool terminal = context.io.in_is_terminal && context.io.out_is_terminal;
  const auto show_text = [&](const Advice& shown, Context& out) {
    print_advice_text(engine, shown, language, out);
    if (const auto record = deal.team_record(shown, language))
      fmt::print(out.io.out, "\n{}\n", *record);
    if (reader) print_notes_text(engine, *reader, notes, language, out);
    if (why_not >= 0)
      print_why_not_text(engine, engine.why_not(shown, why_not), shown, language, out);
  };
  const Advice advice = engine.advise(facts);
  if (!json && !advice.settled && !options.no_interactive && (options.interactive || terminal)) {
    const auto advised = [&](const std::vector<Value>& given, const Advice& shown) {
      deal.record(given, shown, options.save);
    };
    run_consultation(engine, std::move(facts), {language, options.lang, options.playbook}, context,
                     show_text, advised);
    return;
  }
  deal.record(facts, advice, options.save);
  if (json) {
    nlohmann::json out = engine.to_json(advice, language);
    if (reader) out["signals"] = reader->to_json(notes.notes, notes.signals);
    if (why_not >= 0)
      out["why_not"] = engine.to_json(engine.why_not(advice, why_not), advice, language);
    fmt::print(context.io.out, "{}\n",
               out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
    return;
  }
  show_text(advice, context);
}

}  // namespace

void setup_advise(CLI::App& app, Context& context) {
  auto options = std::make_shared<AdviseOptions>();
  auto* command = app.add_subcommand(
      "advise",
      "The next move for one deal: which technique, what to say, why, what to avoid and what to "
      "watch for.\n"
      "Answers come from --answers FILE and -a FACT=VALUE (which win); --notes TEXT fills what "
      "they leave\n"
      "unanswered. On a terminal with answers missing,\n"
      "it asks only the questions that matter.");
  command->footer(
      "Examples:\n"
      "  closecoach advise                       # on a terminal: asks what matters\n"
      "  closecoach advise -a contact_role=first_kp -a has_need=true -a can_pay=false\n"
      "  closecoach advise --answers deal.json --notes \"they said the budget is frozen\"\n"
      "  closecoach advise --answers deal.json --format json -o advice.json\n"
      "  closecoach advise --answers deal.json --why-not hard_close --lang ru");
  command->add_option("--answers", options->answers_file, "JSON file of fact to value")
      ->check(CLI::ExistingFile);
  command->add_option("-a,--answer", options->assignments, "An answer as FACT=VALUE (repeatable)")
      ->allow_extra_args(false);
  auto* notes = command->add_option(
      "--notes", options->notes,
      "Your notes on the deal: facts they state fill those not answered (answers win)");
  command
      ->add_option("--notes-file", options->notes_file,
                   "Read the notes from FILE (UTF-8 text, HTML from a CRM too)")
      ->excludes(notes);
  add_lang_option(command, options->lang);
  add_playbook_option(command, options->playbook);
  command->add_option("--why-not", options->why_not,
                      "Also explain why TECHNIQUE is not the recommended move");
  command
      ->add_option("--format", options->format, "Output: text (for a person) or json (for scripts)")
      ->check(one_of({"text", "json"}));
  command->add_flag("--interactive", options->interactive,
                    "Ask for missing answers even when not on a terminal");
  command->add_flag("--no-interactive", options->no_interactive,
                    "Never ask; advise on the answers given");
  auto* deal = command->add_option(
      "--deal", options->deal,
      "Start from the answers stored on deal ID (closecoach deal); the advice joins its history");
  command
      ->add_flag("--save", options->save,
                 "Store this call's answers on the --deal (those of a consultation too)")
      ->needs(deal);
  add_db_option(command, options->db);
  add_output_file_option(command, context);
  command->callback([options, &context] { run_advise(*options, context); });
}

}  // namespace closecoach::cli
