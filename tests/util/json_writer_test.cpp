#include <closecoach/json_writer.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using closecoach::append_json_string;

namespace {
std::string quoted(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}
}  // namespace

TEST(JsonWriter, EscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(quoted("say \"yes\"\\no\n\t\x01"), R"("say \"yes\"\\no\n\t\u0001")");
}

TEST(JsonWriter, KeepsValidUtf8AsItIs) {
  EXPECT_EQ(quoted("考虑一下 подумать"), "\"考虑一下 подумать\"");
}

TEST(JsonWriter, ReplacesInvalidUtf8SoTheOutputAlwaysParses) {
  const std::string out = quoted(
      "ok\xC3(\xFF\xED\xA0\x80"
      "end");
  EXPECT_EQ(out,
            "\"ok\xEF\xBF\xBD(\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
            "end\"");
  EXPECT_EQ(nlohmann::json::parse(out), "ok\uFFFD(\uFFFD\uFFFD\uFFFD\uFFFDend");
}
