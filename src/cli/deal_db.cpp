#include "deal_db.hpp"

#include <closecoach/words.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

namespace closecoach::cli {

namespace {

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

// The team's record in advise, in each language: the move, won, decided, the
// stage, the rate and the interval's ends in percent.
const WordTable k_record_words = {
    {"by_stage",
     {"your team: {0} won {1} of {2} in {3}, {4}%, 95% CI {5}-{6}%",
      "你的团队：{0}在 {3} 阶段 {2} 次中赢了 {1} 次，{4}%，95% 置信区间 {5}-{6}%",
      "ваша команда: {0} — выиграно {1} из {2} на этапе {3}, {4}%, 95% ДИ {5}-{6}%"}},
    {"overall",
     {"your team: {0} won {1} of {2}, {4}%, 95% CI {5}-{6}%",
      "你的团队：{0} {2} 次中赢了 {1} 次，{4}%，95% 置信区间 {5}-{6}%",
      "ваша команда: {0} — выиграно {1} из {2}, {4}%, 95% ДИ {5}-{6}%"}},
};

long percent(double share) { return std::lround(share * 100); }

}  // namespace

std::string deals_db_path(const std::string& option) {
  if (!option.empty()) return option;
  if (auto path = environment("CLOSECOACH_DB"); !path.empty()) return path;
  const std::string data_home = environment("XDG_DATA_HOME");
  if (!data_home.empty() && data_home.front() == '/') return data_home + "/closecoach/deals.db";
  return environment("HOME") + "/.local/share/closecoach/deals.db";
}

void add_db_option(CLI::App* command, std::string& path) {
  command->add_option("--db", path,
                      "The deals database (default: $CLOSECOACH_DB, else "
                      "$XDG_DATA_HOME/closecoach/deals.db)");
}

DealStore open_deals(const std::string& option) {
  return stored_or_fail(DealStore::open(deals_db_path(option)));
}

StoredDeal find_deal_or_fail(DealStore& store, const std::string& id) {
  auto deal = stored_or_fail(store.find(id));
  if (!deal) fail(fmt::format("unknown deal {}", quote(id)));
  return std::move(*deal);
}

nlohmann::json typed_answers(const Engine& engine, const std::vector<std::string>& assignments,
                             std::string_view label) {
  nlohmann::json answers = nlohmann::json::object();
  for (const auto& assignment : assignments) {
    std::vector<Value> facts = engine.blank_facts();
    auto read = engine.read_assignment(assignment, facts);
    if (!read.ok()) fail(fmt::format("{} {}: {}", label, assignment, read.error().message));
    const std::string fact = assignment.substr(0, assignment.find('='));
    const int slot = engine.schema().slot_of(fact);
    answers[fact] = FactSchema::value_to_json(facts[static_cast<std::size_t>(slot)]);
  }
  return answers;
}

void read_deal_answers(const Engine& engine, const StoredDeal& deal, nlohmann::json& storage,
                       std::vector<Value>& facts) {
  storage = deal.answers;
  auto read = engine.read_answers(storage, facts);
  if (!read.ok())
    fail(fmt::format("deal {}: {} (set it again or unset it: closecoach deal unset {} FACT)",
                     quote(deal.id), read.error().message, deal.id));
}

nlohmann::json answers_of(const Engine& engine, const std::vector<Value>& facts,
                          const std::vector<int>& assumed) {
  nlohmann::json answers = nlohmann::json::object();
  for (std::size_t slot = 0; slot < facts.size(); ++slot) {
    const auto& spec = engine.schema().spec(static_cast<int>(slot));
    const bool is_assumed =
        std::find(assumed.begin(), assumed.end(), static_cast<int>(slot)) != assumed.end();
    if (facts[slot].known() && !spec.derived && !is_assumed)
      answers[spec.id] = FactSchema::value_to_json(facts[slot]);
  }
  return answers;
}

std::string fact_text(const Engine& engine, const std::vector<Value>& facts,
                      std::string_view fact) {
  const int slot = engine.schema().slot_of(fact);
  if (slot < 0 || !facts[static_cast<std::size_t>(slot)].known()) return {};
  return FactSchema::value_word(facts[static_cast<std::size_t>(slot)]);
}

std::string top_move_id(const Engine& engine, const Advice& advice) {
  if (advice.moves.empty()) return {};
  return engine.playbook().techniques[static_cast<std::size_t>(advice.moves.front().technique)].id;
}

std::optional<std::string> team_record(const Engine& engine, const Advice& advice,
                                       const OutcomeStats& stats, const std::string& language) {
  const std::string move = top_move_id(engine, advice);
  const auto overall = stats.by_technique.find(move);
  if (move.empty() || overall == stats.by_technique.end()) return std::nullopt;
  const std::string stage = fact_text(engine, advice.facts, "stage");
  OutcomeCounts counts = overall->second;
  std::string_view key = "overall";
  const auto& stages = stats.by_technique_stage.at(move);
  if (const auto here = stages.find(stage);
      !stage.empty() && here != stages.end() && here->second.decided() >= k_min_decided_outcomes) {
    counts = here->second;
    key = "by_stage";
  }
  if (counts.decided() < k_min_decided_outcomes) return std::nullopt;
  const auto interval = wilson_interval(counts.won, counts.decided());
  const auto& technique =
      engine.playbook().techniques[static_cast<std::size_t>(advice.moves.front().technique)];
  return fmt::format(fmt::runtime(word_in(k_record_words, key, language)),
                     text_in(technique.name, language), counts.won, counts.decided(), stage,
                     percent(*win_rate(counts)), percent(interval->low), percent(interval->high));
}

}  // namespace closecoach::cli
