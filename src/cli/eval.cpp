#include "cli/cli.hpp"

namespace closecoach::cli {

void setup_eval(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand("eval", "(not built yet)");
  command->callback([&context] { fail("'eval' is not built yet"); (void)context; });
}

}  // namespace closecoach::cli
