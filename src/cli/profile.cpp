// `closecoach profile`: the CRM profiles `review --profile` reads exports
// through. `list` names the built-ins, `show` prints one to copy and adapt,
// `validate` checks a profile file against the playbook.

#include <closecoach/crm_profile.hpp>
#include <closecoach/json_text.hpp>

#include <CLI/CLI.hpp>
#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

#include <memory>

#include "common.hpp"
#include "playbook_commands.hpp"

namespace closecoach::cli {

namespace {

struct ProfileOptions {
  std::string name;
  std::string playbook;
};

void run_list(Context& context) {
  for (const auto& name : builtin_profile_names()) {
    const auto parsed = parse_json(*builtin_profile_text(name));
    fmt::print(context.io.out, "{:<11} {}\n", name,
               parsed.ok() ? parsed->value("description", "") : "");
  }
}

void run_show(const ProfileOptions& options, Context& context) {
  const auto text = builtin_profile_text(options.name);
  if (!text)
    fail(fmt::format("no built-in profile '{}' (built-in profiles: {})", options.name,
                     fmt::join(builtin_profile_names(), ", ")));
  fmt::print(context.io.out, "{}", *text);
}

void run_check(const ProfileOptions& options, Context& context) {
  const Engine engine = load_engine(options.playbook);
  const ProfileLoad load = find_profile(options.name, engine.schema());
  if (load.diagnostics.size() == 1 && load.diagnostics[0].file.empty())
    throw Failure(load.diagnostics[0]);  // the file could not be read
  std::string source;
  if (const auto builtin = builtin_profile_text(options.name))
    source = std::string(*builtin);
  else if (auto text = read_text_file(options.name); text.ok())
    source = std::move(text.value());
  for (const auto& diagnostic : load.diagnostics) print_diagnostic(context, diagnostic, source);
  const std::string name = load.diagnostics.empty() ? load.profile->file : options.name;
  if (!context.quiet || !load.diagnostics.empty())
    fmt::print(context.io.err, "{}: {} error{}\n", name, load.diagnostics.size(),
               load.diagnostics.size() == 1 ? "" : "s");
  if (!load.diagnostics.empty()) context.exit_status = k_exit_bad_input;
}

}  // namespace

void setup_profile(CLI::App& app, Context& context) {
  auto options = std::make_shared<ProfileOptions>();
  auto* profile = app.add_subcommand(
      "profile",
      "CRM profiles: how a CRM's CSV export reads as deals for `review` (docs/profiles.md).");
  profile->require_subcommand(1);
  profile->footer(
      "Examples:\n"
      "  closecoach profile list\n"
      "  closecoach profile show salesforce -o my-crm.json\n"
      "  closecoach profile validate my-crm.json\n"
      "  closecoach review export.csv --profile my-crm.json");
  auto* list =
      profile->add_subcommand("list", "Name the built-in profiles and the exports they read");
  list->footer("Examples:\n  closecoach profile list");
  add_output_file_option(list, context);
  list->callback([&context] { run_list(context); });
  auto* show = profile->add_subcommand("show", "Print a built-in profile, to copy and adapt.");
  show->footer(
      "Examples:\n"
      "  closecoach profile show salesforce -o my-crm.json\n"
      "  closecoach review export.csv --profile my-crm.json");
  add_output_file_option(show, context);
  show->add_option("name", options->name, "salesforce, hubspot or pipedrive")->required();
  show->callback([options, &context] { run_show(*options, context); });
  auto* validate = profile->add_subcommand(
      "validate",
      "Check a profile file (or a built-in) against the playbook: every problem on stderr as\n"
      "  FILE:LINE:COLUMN: error: MESSAGE (JSON POINTER)\n"
      "then a summary line. Exit status: 2 when there is any error, 0 otherwise.");
  validate->footer(
      "Examples:\n"
      "  closecoach profile validate my-crm.json\n"
      "  closecoach profile validate hubspot --playbook team-playbook.json");
  validate->add_option("file", options->name, "Profile file, or a built-in profile's name")
      ->required();
  add_playbook_option(validate, options->playbook);
  validate->callback([options, &context] { run_check(*options, context); });
}

}  // namespace closecoach::cli
