// `closecoach review`: every deal of a CRM export, classified and advised.

#include <CLI/CLI.hpp>
#include <fmt/ostream.h>

#include <memory>
#include <thread>

#include "common.hpp"
#include "options.hpp"
#include "review_run.hpp"

namespace closecoach::cli {

void setup_review(CLI::App& app, Context& context) {
  auto options = std::make_shared<ReviewCommand>();
  options->threads = std::max(1u, std::thread::hardware_concurrency());
  auto* command = app.add_subcommand(
      "review",
      "Review deals from CRM exports, one result per deal, in input order.\n"
      "Input: JSON Lines ({\"id\", \"facts\": {...}, \"notes\": \"...\"}) or CSV with a header "
      "row, from files or - (stdin).\n"
      "A record that cannot be read gets a result with \"error\" set; the rest go on; exit status "
      "1 if any failed.\n"
      "Salesforce, HubSpot and Pipedrive exports are read as exported (docs/profiles.md).");
  command->footer(
      "Examples:\n"
      "  closecoach review deals.jsonl -o reviewed.jsonl\n"
      "  closecoach review salesforce-export.csv --summary -o reviewed.jsonl\n"
      "  closecoach review deals.csv --map \"Deal Stage=stage\" --output table\n"
      "  crm-export | closecoach review - --format csv --profile hubspot | closecoach report -");
  command->add_option("inputs", options->inputs, "Files to review, or - for stdin (default: -)");
  command
      ->add_option("--format", options->input_format,
                   "Input format: jsonl or csv (default: csv for *.csv files, else jsonl)")
      ->check(one_of({"jsonl", "csv"}));
  command
      ->add_option("--output", options->output_format,
                   "Output: jsonl (default when stdout is not a terminal), csv, or table (default "
                   "on a terminal)")
      ->check(one_of({"jsonl", "csv", "table"}));
  command
      ->add_option(
          "--map", options->maps,
          "Read CSV column NAME as FACT (or id, notes): --map \"Deal Stage=stage\" (repeatable)")
      ->allow_extra_args(false);
  command->add_option("--profile", options->profile,
                      "Read CSV through a CRM profile: salesforce, hubspot, pipedrive, a profile "
                      "file, or none (default: the built-in whose columns the header has)");
  command->add_option("--today", options->today,
                      "The day dates count to, for days_in_cycle: YYYY-MM-DD (default: today)");
  command
      ->add_option("--keep", options->keep,
                   "Carry column NAME to each result under \"fields\" (repeatable)")
      ->allow_extra_args(false);
  command
      ->add_option("-j,--jobs", options->threads, "Worker threads (default: the machine's cores)")
      ->check(whole_number("a number of workers", 1, 256));
  command->add_flag("--summary", options->summary,
                    "Print counts on stderr at the end: deals, errors, by class, by move");
  command->add_flag(
      "--explain", options->explain,
      "Add to each result names, lines to say and reasons, in --lang, and the facts the "
      "advice read (\"facts\": the answers, assumptions and derived facts)");
  command
      ->add_option("--max-record-bytes", options->max_record_bytes,
                   "Records longer than this are errors (default: 16 MiB)")
      ->check(whole_number("a size in bytes", 1, k_max_record_bytes_limit));
  command
      ->add_option(
          "--first-line", options->first_line,
          "Number the input's first line N (for a chunk of a split file, e.g. under GNU parallel)")
      ->check(whole_number("a line number", 1, k_max_first_line));
  add_lang_option(command, options->lang);
  add_playbook_option(command, options->playbook);
  add_output_file_option(command, context);
  command->callback([options, &context] { run_review(*options, context); });
}

}  // namespace closecoach::cli
