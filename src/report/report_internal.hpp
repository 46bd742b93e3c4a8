#pragma once
// What the report's renderers share: the deal as read from one line, the
// report's own words in each language, and the names of techniques and
// warnings.

#include <closecoach/report.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace closecoach::report_detail {

// One line of review output, as the report reads it: views into the parsed
// line, valid until the next parse_reviewed_deal on the same thread.
struct ReviewedDeal {
  std::string_view id, name, owner, klass, closed, error;  // empty for null
  std::string_view move;                                   // moves[0]; empty when none
  bool avoids_hard_close = false;                          // "avoid" has hard_close
  std::vector<std::string_view> warnings;
  std::optional<bool> hard_close_tried;  // from "facts" (review --explain), when there
};

// Reads the deal on `line` into `deal`, or says why it is not review output.
Result<bool> parse_reviewed_deal(std::string_view line, ReviewedDeal& deal);

// The concerns (bit 1 << Concern) of an open, error-free deal.
unsigned concerns_of(const ReviewedDeal& deal);

// The report's own words ("Deals", "Owner", ...) in `language`; `key` itself
// when there is no such word.
std::string_view word(std::string_view key, std::string_view language);

// The key of word() naming `concern`, and its short explanation.
std::string_view concern_key(Concern concern);

// What a reader sees for an id: the technique's name, a warning's first
// clause, a class's label, in `language`; the id itself when the playbook
// has no such technique or warning.
class Names {
 public:
  Names(const Playbook& playbook, std::string language);
  std::string move(std::string_view id) const;
  std::string warning(std::string_view id) const;
  std::string klass(std::string_view id) const;
  std::string_view word(std::string_view key) const { return report_detail::word(key, m_language); }
  const std::string& language() const { return m_language; }

 private:
  const Playbook& m_playbook;
  std::string m_language;
};

// Counts, largest first, ties by id: the order of every table and chart.
std::vector<std::pair<std::string, std::size_t>> largest_first(const Tally& tally);

// The report in each format (render_report's contract).
std::string render_json(const ReportAggregator& report);
std::string render_text(const ReportAggregator& report, const Names& names,
                        const ReportContext& context, bool markdown);
std::string render_html(const ReportAggregator& report, const Names& names,
                        const ReportContext& context);

// A table as the text and Markdown reports print it.
struct Table {
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
  std::size_t numeric_from = 0;  // columns from this one on are counts, aligned right
};

// The tables every format shows, in words of `names` (cells unescaped).
Table coaching_table(const ReportAggregator& report, const Names& names);
Table attention_table(const ReportAggregator& report, const Names& names);
// `ids` named by `name_of` with their counts, largest first (classes in their order).
Table count_table(const std::vector<std::pair<std::string, std::size_t>>& counts,
                  std::string_view header,
                  const std::function<std::string(std::string_view)>& name_of, const Names& names);
// The classes in the order A, B, C, D, none, then any other.
std::vector<std::pair<std::string, std::size_t>> classes_in_order(const Tally& by_class);
// "Playbook: NAME (version V) · Date: DATE" in the words of `names`.
std::string about_text(const Names& names, const ReportContext& context);
// The owner as shown: "(no owner)" for "".
std::string owner_label(const std::string& owner, const Names& names);

}  // namespace closecoach::report_detail
