#include "cli/cli.hpp"

namespace closecoach::cli {

void setup_playbook(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand("playbook", "(not built yet)");
  command->callback([&context] { fail("'playbook' is not built yet"); (void)context; });
}

}  // namespace closecoach::cli
