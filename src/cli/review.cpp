#include "cli/cli.hpp"

namespace closecoach::cli {

void setup_review(CLI::App& app, Context& context) {
  auto* command = app.add_subcommand("review", "(not built yet)");
  command->callback([&context] { fail("'review' is not built yet"); (void)context; });
}

}  // namespace closecoach::cli
