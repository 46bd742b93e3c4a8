#pragma once
// What `deal`, `stats` and `advise --deal` share: where the deals database
// is, opening it, answers typed as advise types them, and the team's record.

#include <closecoach/deal_store.hpp>
#include <closecoach/engine.hpp>
#include <closecoach/outcome_stats.hpp>

#include <optional>
#include <string>
#include <vector>

#include "cli.hpp"

namespace closecoach::cli {

// The deals database could not be opened, read or written (not a database,
// a folder that cannot be written, a full disk): EX_IOERR, as a lost write.
inline constexpr int k_exit_database = k_exit_write_error;

// --db when given, else $CLOSECOACH_DB, else $XDG_DATA_HOME/closecoach/deals.db,
// else ~/.local/share/closecoach/deals.db (an empty or relative
// XDG_DATA_HOME is ignored, as the XDG spec says).
std::string deals_db_path(const std::string& option);

// Adds --db FILE to `command`.
void add_db_option(CLI::App* command, std::string& path);

// The store at deals_db_path(option), created with its folder when absent.
// Throws Failure (exit k_exit_database).
DealStore open_deals(const std::string& option);

// The value of a store call, or Failure (exit k_exit_database).
template <class T>
T stored_or_fail(Result<T> result) {
  if (!result.ok()) throw Failure(result.error(), k_exit_database);
  return std::move(result.value());
}

// Deal `id`, with its history; Failure "unknown deal 'ID'" (exit 2) when absent.
StoredDeal find_deal_or_fail(DealStore& store, const std::string& id);

// FACT=VALUE answers typed as advise's -a types them, as the JSON the store
// keeps (an enum's value as the playbook spells it, yes → true); FACT= is
// null (no answer). Throws Failure "-a FACT=VALUE: why" (exit 2), `label`
// in place of "-a", on the first unknown fact or impossible value.
nlohmann::json typed_answers(const Engine& engine, const std::vector<std::string>& assignments,
                             std::string_view label);

// Reads a deal's stored answers into `facts`; `storage` keeps their strings
// alive. Failure (exit 2) naming the deal when the playbook in use cannot
// take one (a playbook changed since they were stored).
void read_deal_answers(const Engine& engine, const StoredDeal& deal, nlohmann::json& storage,
                       std::vector<Value>& facts);

// The answered input facts of `facts` as the store keeps them: derived facts
// and the slots listed in `assumed` left out.
nlohmann::json answers_of(const Engine& engine, const std::vector<Value>& facts,
                          const std::vector<int>& assumed = {});

// A derived or answered fact's value as text ("" when unknown), for the
// class and stage the journal records.
std::string fact_text(const Engine& engine, const std::vector<Value>& facts, std::string_view fact);

// The technique id of advice's first move, or "" for none.
std::string top_move_id(const Engine& engine, const Advice& advice);

// "your team: hard close won 12 of 30 in negotiation, 40%, 95% CI 25-58%"
// for advice's first move, in `language`: by the deal's stage when the
// journal holds k_min_decided_outcomes won or lost there, else over every
// stage when it holds that many, else nothing (a thin record is no verdict).
std::optional<std::string> team_record(const Engine& engine, const Advice& advice,
                                       const OutcomeStats& stats, const std::string& language);

}  // namespace closecoach::cli
