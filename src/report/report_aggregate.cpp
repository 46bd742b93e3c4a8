// Adding up review output in constant memory per deal: counts go into
// maps keyed by owner, class, move and warning; the attention list keeps only
// its first `limit` deals in attention_before order, trimmed as it grows.

#include <algorithm>
#include <bit>
#include <optional>
#include <tuple>
#include <utility>

#include "report_internal.hpp"

namespace closecoach {

using report_detail::ReviewedDeal;

namespace {

void add_tally(Tally& into, const Tally& from) {
  for (const auto& [key, count] : from) into[key] += count;
}

void add_figures(Figures& into, const Figures& from) {
  into.deals += from.deals;
  into.errors += from.errors;
  into.closed += from.closed;
  into.attention += from.attention;
  add_tally(into.by_class, from.by_class);
  add_tally(into.by_move, from.by_move);
  add_tally(into.by_warning, from.by_warning);
  for (std::size_t i = 0; i < k_concern_count; ++i) into.concerns[i] += from.concerns[i];
}

Figures empty_figures() {
  Figures figures;
  for (const char* klass : {"A", "B", "C", "D", "none"}) figures.by_class[klass] = 0;
  return figures;
}

void bump(Tally& tally, std::string_view key) {
  const auto found = tally.find(key);
  if (found != tally.end())
    ++found->second;
  else
    tally.emplace(key, 1);
}

void count_deal(Figures& figures, const ReviewedDeal& deal, unsigned concerns) {
  ++figures.deals;
  if (!deal.error.empty()) {
    ++figures.errors;
    return;
  }
  if (!deal.closed.empty()) {
    ++figures.closed;
    return;
  }
  bump(figures.by_class, deal.klass.empty() ? "none" : deal.klass);
  bump(figures.by_move, deal.move.empty() ? "none" : deal.move);
  for (const auto warning : deal.warnings) bump(figures.by_warning, warning);
  if (concerns != 0) ++figures.attention;
  for (std::size_t i = 0; i < k_concern_count; ++i)
    if ((concerns & (1U << i)) != 0) ++figures.concerns[i];
}

std::size_t concern_total(const Figures& figures) {
  std::size_t total = 0;
  for (const std::size_t count : figures.concerns) total += count;
  return total;
}

// The most urgent concern's index (lower is more urgent), k_concern_count for none.
unsigned first_concern(unsigned concerns) {
  for (unsigned i = 0; i < k_concern_count; ++i)
    if ((concerns & (1U << i)) != 0) return i;
  return k_concern_count;
}

}  // namespace

bool attention_before(const AttentionDeal& a, const AttentionDeal& b) {
  const auto key = [](const AttentionDeal& deal) {
    return std::make_tuple(first_concern(deal.concerns), -std::popcount(deal.concerns),
                           std::cref(deal.owner), std::cref(deal.id), std::cref(deal.name),
                           std::cref(deal.klass), std::cref(deal.move), std::cref(deal.warnings),
                           deal.concerns);
  };
  return key(a) < key(b);
}

struct ReportAggregator::State {
  std::size_t limit = 0;
  Figures total = empty_figures();
  std::map<std::string, Figures, std::less<>> owners;
  std::vector<AttentionDeal> attention;
  std::size_t bad_lines = 0;

  Figures& owner(std::string_view name) {
    auto found = owners.find(name);
    if (found == owners.end()) found = owners.emplace(name, empty_figures()).first;
    return found->second;
  }

  // Keeps the list at most twice its limit, so trimming costs O(1) a deal.
  void keep(AttentionDeal deal) {
    attention.push_back(std::move(deal));
    if (limit != 0 && attention.size() >= 2 * limit) trim();
  }
  void trim() {
    if (limit == 0 || attention.size() <= limit) return;
    std::nth_element(attention.begin(), attention.begin() + static_cast<std::ptrdiff_t>(limit),
                     attention.end(), attention_before);
    attention.resize(limit);
    worst_kept = urgency(*std::max_element(attention.begin(), attention.end(), attention_before));
  }
  // Whether a deal of `concerns` could enter the list once it is full: a
  // deal less urgent than every kept one is not copied at all.
  bool may_enter(unsigned concerns) const {
    return !worst_kept || urgency(concerns) <= *worst_kept;
  }
  static std::pair<unsigned, int> urgency(unsigned concerns) {
    return {first_concern(concerns), -std::popcount(concerns)};
  }
  static std::pair<unsigned, int> urgency(const AttentionDeal& deal) {
    return urgency(deal.concerns);
  }
  std::optional<std::pair<unsigned, int>> worst_kept;
};

ReportAggregator::ReportAggregator(std::size_t attention_limit)
    : m_state(std::make_unique<State>()) {
  m_state->limit = attention_limit;
}
ReportAggregator::~ReportAggregator() = default;
ReportAggregator::ReportAggregator(ReportAggregator&&) noexcept = default;
ReportAggregator& ReportAggregator::operator=(ReportAggregator&&) noexcept = default;

Result<bool> ReportAggregator::add_line(std::string_view line) {
  if (line.find_first_not_of(" \t\r") == std::string_view::npos) return false;
  thread_local ReviewedDeal deal;
  auto read = report_detail::parse_reviewed_deal(line, deal);
  if (!read.ok()) {
    ++m_state->bad_lines;
    return read.error();
  }
  const bool open = deal.error.empty() && deal.closed.empty();
  const unsigned concerns = open ? report_detail::concerns_of(deal) : 0;
  count_deal(m_state->total, deal, concerns);
  count_deal(m_state->owner(deal.owner), deal, concerns);
  if (concerns != 0 && m_state->may_enter(concerns))
    m_state->keep({std::string(deal.id), std::string(deal.name), std::string(deal.owner),
                   std::string(deal.klass), std::string(deal.move),
                   std::vector<std::string>(deal.warnings.begin(), deal.warnings.end()), concerns});
  return true;
}

void ReportAggregator::add_bad_line() { ++m_state->bad_lines; }

void ReportAggregator::merge(const ReportAggregator& other) {
  add_figures(m_state->total, other.m_state->total);
  for (const auto& [name, figures] : other.m_state->owners)
    add_figures(m_state->owner(name), figures);
  for (const auto& deal : other.m_state->attention) m_state->keep(deal);
  m_state->bad_lines += other.m_state->bad_lines;
}

const Figures& ReportAggregator::total() const { return m_state->total; }

const std::map<std::string, Figures, std::less<>>& ReportAggregator::by_owner() const {
  return m_state->owners;
}

std::vector<std::string> ReportAggregator::owners_ranked() const {
  std::vector<std::pair<const std::string*, const Figures*>> owners;
  for (const auto& [name, figures] : m_state->owners) owners.emplace_back(&name, &figures);
  std::stable_sort(owners.begin(), owners.end(), [](const auto& a, const auto& b) {
    const auto needing = [](const Figures& f) {
      return std::make_pair(f.attention, concern_total(f));
    };
    return needing(*a.second) > needing(*b.second);
  });
  std::vector<std::string> names;
  for (const auto& owner : owners) names.push_back(*owner.first);
  return names;
}

std::vector<AttentionDeal> ReportAggregator::attention() const {
  std::vector<AttentionDeal> list = m_state->attention;
  std::sort(list.begin(), list.end(), attention_before);
  if (m_state->limit != 0 && list.size() > m_state->limit) list.resize(m_state->limit);
  return list;
}

std::size_t ReportAggregator::attention_total() const { return m_state->total.attention; }

std::size_t ReportAggregator::bad_lines() const { return m_state->bad_lines; }

}  // namespace closecoach
