#pragma once
// What advise adds for a stored deal (advise --deal ID [--save]): the deal's
// answers under the call's, the advice kept in its history, and the team's
// record for the recommended move from the outcome journal.

#include <closecoach/deal_store.hpp>
#include <closecoach/engine.hpp>
#include <closecoach/outcome_stats.hpp>

#include <optional>
#include <string>
#include <vector>

#include "cli.hpp"

namespace closecoach::cli {

class AdviseDeal {
 public:
  // With `deal_id`: opens the database (--db as `db_option`; Failure, exit
  // k_exit_database, when it cannot be) and loads the deal (Failure "unknown
  // deal 'ID'", exit 2). Without: reads the journal of an existing database
  // for the team's record only, and quietly does without one it cannot read.
  AdviseDeal(const Engine& engine, const std::string& db_option, const std::string& deal_id);

  // Reads the stored answers into `facts` (before the call's, which win).
  void read_answers(std::vector<Value>& facts);
  // Keeps `advice` on `answers` in the deal's history, and with `save` also
  // stores the answers on the deal. Does nothing without a deal.
  void record(const std::vector<Value>& answers, const Advice& advice, bool save);
  // The team's record for the advice's first move (deal_db.hpp's team_record).
  std::optional<std::string> team_record(const Advice& advice, const std::string& language) const;

 private:
  const Engine& m_engine;
  std::optional<DealStore> m_store;
  std::optional<StoredDeal> m_deal;
  nlohmann::json m_storage;  // keeps the stored answers' strings alive
  OutcomeStats m_stats;
};

}  // namespace closecoach::cli
