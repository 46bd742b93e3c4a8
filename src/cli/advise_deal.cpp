#include "advise_deal.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>

#include "deal_db.hpp"

namespace closecoach::cli {

namespace {

// The journal of the database at `path` when it exists and reads, else none:
// advise without --deal never creates a database nor fails over one.
std::optional<DealStore> existing_store(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return std::nullopt;
  auto store = DealStore::open_read_only(path);
  if (store.ok()) return std::move(store.value());
  spdlog::debug("no team record: {}", store.error().message);
  return std::nullopt;
}

}  // namespace

AdviseDeal::AdviseDeal(const Engine& engine, const std::string& db_option,
                       const std::string& deal_id)
    : m_engine(engine) {
  if (!deal_id.empty()) {
    m_store = open_deals(db_option);
    m_deal = find_deal_or_fail(*m_store, deal_id);
  } else {
    m_store = existing_store(deals_db_path(db_option));
  }
  if (!m_store) return;
  auto outcomes = m_store->outcomes();
  if (outcomes.ok())
    m_stats = summarize_outcomes(outcomes.value());
  else if (m_deal)
    throw Failure(outcomes.error(), k_exit_database);
}

void AdviseDeal::read_answers(std::vector<Value>& facts) {
  if (m_deal) read_deal_answers(m_engine, *m_deal, m_storage, facts);
}

void AdviseDeal::record(const std::vector<Value>& answers, const Advice& advice, bool save) {
  if (!m_deal) return;
  DealEvent event;
  event.deal = m_deal->id;
  event.answers = answers_of(m_engine, answers);
  event.move = top_move_id(m_engine, advice);
  if (!stored_or_fail(m_store->add_advice(event, save)))
    fail(fmt::format("unknown deal {} (removed meanwhile)", quote(m_deal->id)));
}

std::optional<std::string> AdviseDeal::team_record(const Advice& advice,
                                                   const std::string& language) const {
  return cli::team_record(m_engine, advice, m_stats, language);
}

}  // namespace closecoach::cli
