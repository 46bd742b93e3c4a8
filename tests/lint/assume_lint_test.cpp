// A fact's "assume": the linter checks that the fact can take it.

#include <closecoach/playbook_lint.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using namespace closecoach;
using nlohmann::json;

namespace {

json playbook_assuming(const json& stage, const json& tries, const json& tier) {
  json facts = json::array(
      {{{"id", "stage"},
        {"type", "enum"},
        {"values", {"discovery", "negotiation"}},
        {"question", {{"en", "Stage?"}}}},
       {{"id", "tries"}, {"type", "integer"}, {"minimum", 0}, {"question", {{"en", "Tries?"}}}},
       {{"id", "tier"}, {"type", "enum"}, {"values", {"A", "D"}}, {"derived", true}}});
  if (!stage.is_discarded()) facts[0]["assume"] = stage;
  if (!tries.is_discarded()) facts[1]["assume"] = tries;
  if (!tier.is_discarded()) facts[2]["assume"] = tier;
  return {{"languages", {"en"}},
          {"facts", facts},
          {"techniques",
           {{{"id", "close"},
             {"name", {{"en", "Close"}}},
             {"summary", {{"en", "Ask."}}},
             {"say", {{"en", {"Shall we?"}}}}}}},
          {"rules",
           {{{"id", "tier_a"}, {"when", "stage == 'negotiation'"}, {"set", {{"tier", "A"}}}},
            {{"id", "ask"},
             {"when", "tier == 'A' and tries < 2"},
             {"recommend", {"close"}},
             {"because", {{"en", "Fit."}}}}}}};
}

std::vector<std::string> errors_of(const json& playbook) {
  std::vector<std::string> out;
  for (const auto& d : lint_playbook(playbook.dump(2), "p.json").diagnostics)
    out.push_back(d.message + " (" + d.pointer + ")");
  return out;
}

const json k_none = json(json::value_t::discarded);

}  // namespace

TEST(LintAssume, AcceptsAValueTheFactCanTake) {
  EXPECT_EQ(errors_of(playbook_assuming("discovery", 0, k_none)), std::vector<std::string>{});
}

TEST(LintAssume, ReportsEveryValueTheFactCannotTake) {
  EXPECT_EQ(errors_of(playbook_assuming("Closing", -1, "A")),
            (std::vector<std::string>{
                "'assume': fact 'stage' cannot be 'Closing' (allowed: discovery, negotiation) "
                "(/facts/0/assume)",
                "'assume': fact 'tries' must be a whole number >= 0, not -1 (/facts/1/assume)",
                "fact 'tier' is derived, so never unanswered: it cannot have 'assume' "
                "(/facts/2/assume)"}));
}

TEST(LintAssume, ReportsNullAsNoValue) {
  EXPECT_EQ(errors_of(playbook_assuming(nullptr, k_none, k_none)),
            (std::vector<std::string>{"'assume': fact 'stage' cannot be null (allowed: discovery, "
                                      "negotiation) (/facts/0/assume)"}));
}
