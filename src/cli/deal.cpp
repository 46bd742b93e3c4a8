// `closecoach deal`: a rep's deals between calls (new, set, unset, show,
// list, rm), the outcome journal (log), and export/import as the JSON Lines
// records review reads.

#include <closecoach/json_text.hpp>

#include <CLI/CLI.hpp>
#include <fmt/ostream.h>

#include <memory>
#include <sstream>

#include "common.hpp"
#include "deal_db.hpp"
#include "deal_table.hpp"
#include "options.hpp"

namespace closecoach::cli {

namespace {

// What every deal subcommand may be given.
struct DealOptions {
  std::string db;
  std::string playbook;
  std::string id;
  std::vector<std::string> words;  // FACT=VALUE for new and set, FACT for unset
  std::string format = "text";
  std::string move;
  std::string outcome;
  std::string note;
  std::string file;
};

using Run = void (*)(const DealOptions&, Context&);

// What was done, on stderr; -q drops it.
void note(Context& context, const std::string& text) {
  if (context.quiet) return;
  fmt::print(context.io.err, "closecoach: {}\n", text);
}

void run_new(const DealOptions& options, Context& context) {
  if (options.id.empty()) fail("a deal's id cannot be empty");
  const Engine engine = load_engine(options.playbook);
  const nlohmann::json answers = typed_answers(engine, options.words, "-a");
  DealStore store = open_deals(options.db);
  if (!stored_or_fail(store.create(options.id, answers)))
    fail(fmt::format("deal {} exists already (closecoach deal set {} FACT=VALUE changes it)",
                     quote(options.id), options.id));
  note(context, fmt::format("created deal {} with {} answers", quote(options.id), answers.size()));
}

void run_set(const DealOptions& options, Context& context) {
  const Engine engine = load_engine(options.playbook);
  const nlohmann::json answers = typed_answers(engine, options.words, "set");
  DealStore store = open_deals(options.db);
  if (!stored_or_fail(store.update(options.id, answers, {})))
    fail(fmt::format("unknown deal {}", quote(options.id)));
  note(context, fmt::format("deal {}: {} answers set", quote(options.id), answers.size()));
}

void run_unset(const DealOptions& options, Context& context) {
  const Engine engine = load_engine(options.playbook);
  for (const auto& fact : options.words) {
    const int slot = engine.schema().slot_of(fact);
    if (slot < 0 || engine.schema().spec(slot).derived)
      fail(fmt::format("unset {}: {}", fact, engine.schema().describe_unknown(fact)));
  }
  DealStore store = open_deals(options.db);
  if (!stored_or_fail(store.update(options.id, nlohmann::json::object(), options.words)))
    fail(fmt::format("unknown deal {}", quote(options.id)));
  note(context, fmt::format("deal {}: {} answers unset", quote(options.id), options.words.size()));
}

void run_show(const DealOptions& options, Context& context) {
  DealStore store = open_deals(options.db);
  const StoredDeal deal = find_deal_or_fail(store, options.id);
  if (options.format == "json")
    fmt::print(context.io.out, "{}\n", deal_json(deal).dump(2));
  else
    fmt::print(context.io.out, "{}", deal_text(deal));
}

void run_list(const DealOptions& options, Context& context) {
  const Engine engine = load_engine(options.playbook);
  DealStore store = open_deals(options.db);
  const auto rows = deal_rows(engine, stored_or_fail(store.list()));
  if (options.format == "json")
    fmt::print(context.io.out, "{}\n", deal_rows_json(rows).dump(2));
  else
    fmt::print(context.io.out, "{}", deal_rows_text(rows));
}

void run_rm(const DealOptions& options, Context& context) {
  DealStore store = open_deals(options.db);
  if (!stored_or_fail(store.remove(options.id)))
    fail(fmt::format("unknown deal {}", quote(options.id)));
  note(context, fmt::format("removed deal {}", quote(options.id)));
}

void check_move(const Engine& engine, const std::string& move) {
  if (engine.technique_index(move) >= 0) return;
  std::vector<std::string> known;
  for (const auto& technique : engine.playbook().techniques) known.push_back(technique.id);
  fail(fmt::format("--move: {} is not a technique of the playbook (allowed: {})", quote(move),
                   fmt::join(known, ", ")));
}

void run_log(const DealOptions& options, Context& context) {
  const Engine engine = load_engine(options.playbook);
  check_move(engine, options.move);
  DealStore store = open_deals(options.db);
  const StoredDeal deal = find_deal_or_fail(store, options.id);
  nlohmann::json storage;
  std::vector<Value> facts = engine.blank_facts();
  read_deal_answers(engine, deal, storage, facts);
  const std::vector<Value> derived = engine.derive(facts);
  DealEvent event;
  event.kind = DealEvent::Kind::outcome;
  event.deal = deal.id;
  event.answers = deal.answers;
  event.move = options.move;
  event.outcome = options.outcome;
  event.customer_class = fact_text(engine, derived, k_customer_class_fact);
  event.stage = fact_text(engine, derived, "stage");
  event.note = options.note;
  if (!stored_or_fail(store.log_outcome(event)))
    fail(fmt::format("unknown deal {}", quote(options.id)));
  note(context, fmt::format("deal {}: {} {}", quote(deal.id), options.move, options.outcome));
}

// One line of JSON, id first as review's records have it.
std::string compact(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void run_export(const DealOptions& options, Context& context) {
  DealStore store = open_deals(options.db);
  std::string lines;
  for (const auto& deal : stored_or_fail(store.list()))
    lines += fmt::format("{{\"id\":{},\"facts\":{}}}\n", compact(deal.id), compact(deal.answers));
  fmt::print(context.io.out, "{}", lines);
}

std::string import_text(const DealOptions& options, Context& context) {
  if (options.file == "-") {
    std::ostringstream text;
    text << context.io.in.rdbuf();
    return text.str();
  }
  auto text = read_text_file(options.file, "a deals file");
  if (!text.ok()) throw Failure(text.error());
  return std::move(text.value());
}

void run_import(const DealOptions& options, Context& context) {
  const Engine engine = load_engine(options.playbook);
  const auto deals = read_deal_records(engine, import_text(options, context),
                                       options.file == "-" ? "<stdin>" : options.file);
  DealStore store = open_deals(options.db);
  const std::size_t written = stored_or_fail(store.import_deals(deals));
  note(context, fmt::format("imported {} deals", written));
}

CLI::App* add_command(CLI::App* deal, const char* name, const char* description,
                      const char* examples, std::shared_ptr<DealOptions> options, Run run,
                      Context& context) {
  auto* command = deal->add_subcommand(name, description);
  command->footer(std::string("Examples:\n") + examples);
  add_db_option(command, options->db);
  command->callback([options, run, &context] { run(*options, context); });
  return command;
}

void add_id(CLI::App* command, DealOptions& options) {
  command->add_option("ID", options.id, "The deal's id")->required();
}

void add_format(CLI::App* command, DealOptions& options) {
  command->add_option("--format", options.format, "Output: text (for a person) or json")
      ->check(one_of({"text", "json"}));
}

void setup_changes(CLI::App* deal, const std::shared_ptr<DealOptions>& options, Context& context) {
  auto* created =
      add_command(deal, "new", "Add a deal, with answers as advise's -a takes them",
                  "  closecoach deal new acme\n"
                  "  closecoach deal new acme -a contact_role=first_kp -a stage=negotiation\n",
                  options, run_new, context);
  add_id(created, *options);
  created->add_option("-a,--answer", options->words, "An answer as FACT=VALUE (repeatable)")
      ->allow_extra_args(false);
  add_playbook_option(created, options->playbook);
  auto* set = add_command(deal, "set", "Set answers of a deal: FACT=VALUE ...",
                          "  closecoach deal set acme can_pay=yes sees_value=yes\n"
                          "  closecoach deal set acme soft_closes_tried=2 --db team.db\n",
                          options, run_set, context);
  add_id(set, *options);
  set->add_option("answers", options->words, "FACT=VALUE, typed as advise's -a")->required();
  add_playbook_option(set, options->playbook);
  auto* unset =
      add_command(deal, "unset", "Forget answers of a deal: FACT ...",
                  "  closecoach deal unset acme last_response\n", options, run_unset, context);
  add_id(unset, *options);
  unset->add_option("facts", options->words, "The facts to forget")->required();
  add_playbook_option(unset, options->playbook);
  auto* removed = add_command(deal, "rm", "Remove a deal (the outcomes logged on it stay)",
                              "  closecoach deal rm acme\n", options, run_rm, context);
  add_id(removed, *options);
}

void setup_reading(CLI::App* deal, const std::shared_ptr<DealOptions>& options, Context& context) {
  auto* show = add_command(deal, "show", "A deal's answers and its history of advice and outcomes",
                           "  closecoach deal show acme\n"
                           "  closecoach deal show acme --format json\n",
                           options, run_show, context);
  add_id(show, *options);
  add_format(show, *options);
  add_output_file_option(show, context);
  auto* list = add_command(deal, "list", "Every deal with its class and next move",
                           "  closecoach deal list\n"
                           "  closecoach deal list --format json\n",
                           options, run_list, context);
  add_format(list, *options);
  add_output_file_option(list, context);
  add_playbook_option(list, options->playbook);
}

void setup_journal(CLI::App* deal, const std::shared_ptr<DealOptions>& options, Context& context) {
  auto* log = add_command(
      deal, "log", "Record a move tried on a deal and how it went",
      "  closecoach deal log acme --move hard_close --outcome won\n"
      "  closecoach deal log acme --move trial_close --outcome stalled --note \"wants a week\"\n",
      options, run_log, context);
  add_id(log, *options);
  log->add_option("--move", options->move, "The technique tried (its id in the playbook)")
      ->required();
  log->add_option("--outcome", options->outcome, "How it went: won, lost, stalled or advanced")
      ->required()
      ->check(one_of({"won", "lost", "stalled", "advanced"}));
  log->add_option("--note", options->note, "A few words on what happened");
  add_playbook_option(log, options->playbook);
  auto* exported = add_command(deal, "export", "Every deal as JSON Lines, the records review reads",
                               "  closecoach deal export -o deals.jsonl\n"
                               "  closecoach deal export | closecoach review\n",
                               options, run_export, context);
  add_output_file_option(exported, context);
  auto* imported = add_command(deal, "import",
                               "Add or replace deals from JSON Lines (deal export's), all or none",
                               "  closecoach deal import deals.jsonl\n"
                               "  closecoach deal export --db old.db | closecoach deal import -\n",
                               options, run_import, context);
  imported->add_option("FILE", options->file, "JSON Lines of {\"id\", \"facts\"}, or - (stdin)")
      ->required();
  add_playbook_option(imported, options->playbook);
}

}  // namespace

void setup_deal(CLI::App& app, Context& context) {
  auto options = std::make_shared<DealOptions>();
  auto* deal = app.add_subcommand(
      "deal",
      "A rep's deals between calls: their answers, the advice given and the outcomes logged.\n"
      "Stored in SQLite at --db FILE, else $CLOSECOACH_DB, else "
      "$XDG_DATA_HOME/closecoach/deals.db.");
  deal->footer(
      "Examples:\n"
      "  closecoach deal new acme -a contact_role=first_kp -a has_need=yes -a stage=negotiation\n"
      "  closecoach deal set acme can_pay=yes sees_value=yes\n"
      "  closecoach advise --deal acme --save\n"
      "  closecoach deal log acme --move hard_close --outcome won --note \"signed on the spot\"\n"
      "  closecoach deal list\n"
      "  closecoach deal export | closecoach review");
  deal->require_subcommand(1);
  setup_changes(deal, options, context);
  setup_reading(deal, options, context);
  setup_journal(deal, options, context);
}

}  // namespace closecoach::cli
