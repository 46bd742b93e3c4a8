#include <closecoach/playbook.hpp>

#include <gtest/gtest.h>

#include "common.hpp"

using namespace closecoach;

// What a run decodes is data/playbook.json as it is now, not a stale compile:
// the build made it from the same file default_playbook_text() embeds.
TEST(BuiltinPlaybook, CompiledFormIsTheJsonPlaybookEncoded) {
  PlaybookLoad load = load_playbook(default_playbook_text(), "data/playbook.json");
  ASSERT_TRUE(load.playbook.has_value());
  EXPECT_EQ(cli::compiled_playbook(), encode_playbook(*load.playbook));
  auto decoded = decode_playbook(cli::compiled_playbook());
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(decoded->rules.size(), load.playbook->rules.size());
}
