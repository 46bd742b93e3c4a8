#pragma once
// The manager's report over `review` output: exact figures for scripts
// (contract.md, "closecoach report"), what to coach each owner on, and the
// deals that need attention, rendered as JSON, text, Markdown or one HTML
// page. Lines are fed one at a time: memory grows with the owners, moves and
// warnings seen and the capped attention list, never with the deals.

#include <closecoach/diagnostic.hpp>
#include <closecoach/playbook.hpp>

#include <array>
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace closecoach {

// What a manager coaches on, most urgent first (the order ranks deals).
enum class Concern : unsigned char {
  hard_close_against,  // a hard close the playbook advises against: tried and refused, or too early
  class_d_worked,      // class D, still open: time that could open an A
  a_class_overdue,     // warning a_class_overdue
  fatigue,             // warning fatigue_concession: a late change
  waiting_on_decision_maker,  // next move reach_decision_maker
};
inline constexpr std::size_t k_concern_count = 5;

// Counts keyed by technique, warning or class id, in id order.
using Tally = std::map<std::string, std::size_t, std::less<>>;

// The contract's figures for one owner, or for all deals.
struct Figures {
  std::size_t deals = 0;      // every review record, errors and closed ones too
  Tally by_class;             // open error-free deals: A, B, C, D (always present), "none" for null
  Tally by_move;              // their moves[0] ("none" when a deal has no move)
  Tally by_warning;           // once per warning a deal carries
  std::size_t errors = 0;     // records with "error" set
  std::size_t closed = 0;     // error-free records with "closed" won or lost
  std::size_t attention = 0;  // open deals with at least one Concern
  std::array<std::size_t, k_concern_count> concerns{};  // open deals per Concern
};

// One deal of the attention list.
struct AttentionDeal {
  std::string id, name, owner, klass;  // klass empty for null
  std::string move;                    // moves[0], empty when none
  std::vector<std::string> warnings;
  unsigned concerns = 0;  // bit (1 << Concern)
};

// Whether `a` comes before `b` in the attention list: most urgent concern
// first, then more concerns, then owner, id, name and the rest, so that the
// order never depends on the order deals were read in.
bool attention_before(const AttentionDeal& a, const AttentionDeal& b);

// Adds up review output. Feeding the same lines in any order, or split over
// several aggregators that are then merged, gives the same report.
class ReportAggregator {
 public:
  // Keeps the first `attention_limit` deals of the attention list (0: all;
  // memory then grows with the deals that need attention).
  explicit ReportAggregator(std::size_t attention_limit = 50);
  ~ReportAggregator();
  ReportAggregator(ReportAggregator&&) noexcept;
  ReportAggregator& operator=(ReportAggregator&&) noexcept;

  // Reads one line of review output (without its line break): true when it
  // was a deal, false for a blank line, which is skipped. A line that is not
  // review output (not JSON, not an object, "moves" not a list of ids, ...)
  // is counted in bad_lines() and the returned Diagnostic says why ("not
  // review output: ..."); the caller adds the file and line. Never throws on
  // bad input.
  Result<bool> add_line(std::string_view line);

  // Counts a line the caller could not hand over (longer than it reads) in
  // bad_lines().
  void add_bad_line();

  // Adds what `other` has read.
  void merge(const ReportAggregator& other);

  const Figures& total() const;
  // Figures per owner; "" for deals without one.
  const std::map<std::string, Figures, std::less<>>& by_owner() const;
  // Owners, the one to talk to first first: more deals needing attention,
  // then more concerns in all, then by name.
  std::vector<std::string> owners_ranked() const;
  // The attention list, sorted by attention_before, at most attention_limit long.
  std::vector<AttentionDeal> attention() const;
  // Deals that need attention, kept in the list or not.
  std::size_t attention_total() const;
  std::size_t bad_lines() const;

 private:
  struct State;
  std::unique_ptr<State> m_state;
};

// What the page says about where its figures come from.
struct ReportContext {
  std::string language = "en";  // en, zh or ru
  std::string playbook_name;
  std::string playbook_version;  // empty when the playbook has none
  std::string date;              // YYYY-MM-DD, the day the report was made
};

enum class ReportFormat { json, text, markdown, html };

// The report in `format`. JSON has the contract's keys exactly, then
// "bad_lines", "attention_total", "attention" and "owners_ranked" (ids, for
// scripts); the other formats name techniques and warnings from `playbook`
// in `context.language` (an id the playbook lacks is shown as it is) and
// escape every text that came from the input. Text and JSON end with a line
// break.
std::string render_report(const ReportAggregator& report, ReportFormat format,
                          const Playbook& playbook, const ReportContext& context);

// `text` with & < > " ' as character references, for HTML text and attributes.
std::string escape_html(std::string_view text);

}  // namespace closecoach
