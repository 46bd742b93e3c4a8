// `closecoach playbook`: the trainer's toolchain. Registers the subcommands;
// each runs in its own file (playbook_validate.cpp, playbook_test.cpp,
// playbook_show.cpp, playbook_fmt.cpp).

#include <CLI/CLI.hpp>
#include <fmt/ostream.h>

#include <memory>

#include "common.hpp"
#include "options.hpp"
#include "playbook_commands.hpp"

namespace closecoach::cli {

namespace {

constexpr const char* k_file_help =
    "Playbook file (default: $CLOSECOACH_PLAYBOOK, else the config file's, else the built-in)";

void setup_validate(CLI::App* playbook, Context& context) {
  auto options = std::make_shared<ValidateOptions>();
  auto* command = playbook->add_subcommand(
      "validate",
      "Check a playbook and report every problem, one per line on stderr:\n"
      "  FILE:LINE:COLUMN: error: MESSAGE (JSON POINTER)   (or warning:)\n"
      "each followed by the offending line and a caret under the column, then a summary line\n"
      "  FILE: N errors, M warnings\n"
      "Errors: JSON syntax and structure, duplicate ids, unknown references, expression syntax,\n"
      "conditions that read undeclared facts or compare a fact with a value it cannot take,\n"
      "derived facts that depend on themselves, signal patterns that do not compile.\n"
      "Warnings: rules that can never fire, techniques no rule recommends, warnings nothing "
      "raises,\n"
      "texts missing in a declared language.\n"
      "Exit status: 2 when there is any error, 0 otherwise (warnings alone: 0).");
  command->footer(
      "Examples:\n"
      "  closecoach playbook validate team-playbook.json\n"
      "  closecoach playbook validate          # the playbook in use");
  command->add_option("file", options->file, k_file_help)->check(CLI::ExistingFile);
  command->callback([options, &context] { run_validate(*options, context); });
}

void setup_test(CLI::App* playbook, Context& context) {
  auto options = std::make_shared<TestOptions>();
  auto* command = playbook->add_subcommand(
      "test",
      "Run scenario tests against a playbook: each case is shown as PASS or FAIL with its name; a\n"
      "failure shows what was expected and what came out. The last line is \"N passed, M "
      "failed\".\n"
      "Exit status: 1 when any case fails; 2 when the playbook or the tests file cannot be used.");
  command->footer(
      "TESTS.json: {\"cases\": [{\"name\", \"answers\", \"notes\", \"expect\"}]}\n"
      "  answers  fact -> value, as in advise --answers\n"
      "  notes    a note or a list of notes; the facts read from them fill what the answers\n"
      "           leave unanswered\n"
      "expect keys (each optional; every one given must hold):\n"
      "  top            [technique ids]: moves[0] is one of them (\"no move\" when none)\n"
      "  not_top        [technique ids]: moves[0] is none of them\n"
      "  moves_include  [technique ids]: each is among the moves\n"
      "  avoid          [technique ids]: each is among the techniques to avoid\n"
      "  warnings       [warning ids]: each warning is raised\n"
      "  no_warnings    [warning ids]: none of them is raised\n"
      "  class          \"A\" | \"B\" | \"C\" | \"D\" | null: the customer's class\n"
      "  read           {fact: value}: the notes read each fact with that value\n"
      "  not_read       [fact ids]: the notes read none of them\n"
      "Example case:\n"
      "  {\"name\": \"think about it after two soft closes\",\n"
      "   \"answers\": {\"stage\": \"negotiation\", \"last_response\": \"think_about_it\",\n"
      "               \"soft_closes_tried\": 2},\n"
      "   \"expect\": {\"not_top\": [\"trial_close\"]}}\n"
      "Examples:\n"
      "  closecoach playbook test --tests data/playbook.tests.json --coverage\n"
      "  closecoach playbook test team-playbook.json --tests team-cases.json -o results.txt");
  command->add_option("file", options->file, k_file_help)->check(CLI::ExistingFile);
  command->add_option("--tests", options->tests, "Scenario tests (JSON)")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_flag("--coverage", options->coverage, "Also list the rules that fired in no case");
  add_output_file_option(command, context);
  command->callback([options, &context] { run_test(*options, context); });
}

void setup_show(CLI::App* playbook, Context& context) {
  auto options = std::make_shared<ShowOptions>();
  auto* command = playbook->add_subcommand(
      "show",
      "The playbook read aloud: facts with their questions and values; techniques with what to "
      "say,\n"
      "when to use and avoid them and their risks; rules with readable conditions, in the order\n"
      "they are tried; warnings.");
  command->footer(
      "Examples:\n"
      "  closecoach playbook show | less\n"
      "  closecoach playbook show --technique hard_close --lang zh\n"
      "  closecoach playbook show team-playbook.json --rule exit_d -o rule.txt");
  command->add_option("file", options->file, k_file_help)->check(CLI::ExistingFile);
  auto* technique = command->add_option("--technique", options->technique,
                                        "Show only this technique and its rules");
  command->add_option("--rule", options->rule, "Show only this rule")->excludes(technique);
  add_lang_option(command, options->lang);
  add_output_file_option(command, context);
  command->callback([options, &context] { run_show(*options, context); });
}

void setup_fmt(CLI::App* playbook, Context& context) {
  auto options = std::make_shared<FmtOptions>();
  auto* command = playbook->add_subcommand(
      "fmt",
      "Write a playbook in canonical form: 2-space indentation, keys in the documented order (id\n"
      "first), texts in the order of the playbook's languages, UTF-8 as is. FILE is rewritten in\n"
      "place atomically (\"reformatted FILE\" on stderr); without FILE the built-in playbook is\n"
      "printed. A playbook with errors is never touched (exit status 2).\n"
      "--check writes nothing: exit status 1 and \"would reformat FILE\" when it is not "
      "formatted.\n"
      "With -o FILE, the formatted playbook goes to FILE and FILE itself is left as it is.");
  command->footer(
      "Examples:\n"
      "  closecoach playbook fmt team-playbook.json\n"
      "  closecoach playbook fmt --check team-playbook.json\n"
      "  closecoach playbook fmt team-playbook.json --to expr -o readable.json\n"
      "  closecoach playbook fmt > my-playbook.json    # start from the built-in one");
  command->add_option("file", options->file, "Playbook file (default: print the built-in playbook)")
      ->check(CLI::ExistingFile);
  command->add_flag("--check", options->check, "Only check that the playbook is formatted");
  command
      ->add_option(
          "--to", options->to,
          "Also convert every rule's condition: expr (readable expressions; a condition the\n"
          "grammar cannot express stays JsonLogic, with a note) or jsonlogic")
      ->check(one_of({"expr", "jsonlogic"}));
  add_output_file_option(command, context);
  command->callback([options, &context] { run_fmt(*options, context); });
}

// Hidden: what the shell completions (completions/) offer after -a, one
// candidate a line: FACT=VALUE for each value of an enum or bool fact, FACT=
// for any other fact that is asked (derived facts are not). The playbook is
// FILE, else $CLOSECOACH_PLAYBOOK, the config file's, or the built-in one.
void setup_facts(CLI::App* playbook, Context& context) {
  auto file = std::make_shared<std::string>();
  auto* command =
      playbook->add_subcommand("facts", "Fact=value candidates, for the shell completions");
  command->group("");
  command->add_option("file", *file, k_file_help);
  command->callback([file, &context] {
    const Engine engine = load_engine(*file);
    for (const auto& fact : engine.playbook().facts) {
      if (fact.spec.derived) continue;
      if (fact.spec.type == FactType::enumeration) {
        for (const auto& value : fact.spec.values)
          fmt::print(context.io.out, "{}={}\n", fact.spec.id, value);
      } else if (fact.spec.type == FactType::boolean) {
        fmt::print(context.io.out, "{0}=true\n{0}=false\n", fact.spec.id);
      } else {
        fmt::print(context.io.out, "{}=\n", fact.spec.id);
      }
    }
  });
}

}  // namespace

void setup_playbook(CLI::App& app, Context& context) {
  auto* command =
      app.add_subcommand("playbook", "Check, test, show and format playbooks (for trainers)");
  command->require_subcommand(1);
  command->footer(
      "Examples:\n"
      "  closecoach playbook validate team-playbook.json\n"
      "  closecoach playbook test team-playbook.json --tests team-cases.json\n"
      "  closecoach playbook show --technique helpful_close\n"
      "  closecoach playbook fmt team-playbook.json");
  setup_validate(command, context);
  setup_test(command, context);
  setup_show(command, context);
  setup_fmt(command, context);
  setup_facts(command, context);
}

}  // namespace closecoach::cli
