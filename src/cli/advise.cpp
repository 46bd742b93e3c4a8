#include "cli/cli.hpp"

namespace closecoach::cli {

void setup_advise(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand("advise", "(not built yet)");
  command->callback([&context] { fail("'advise' is not built yet"); (void)context; });
}

}  // namespace closecoach::cli
