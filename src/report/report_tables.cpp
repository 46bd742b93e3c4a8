// The tables every format shows, and the one entry point that picks a format.

#include <fmt/format.h>

#include <algorithm>

#include "report_internal.hpp"

namespace closecoach {

namespace report_detail {

std::string owner_label(const std::string& owner, const Names& names) {
  return owner.empty() ? std::string(names.word("no_owner")) : owner;
}

std::string about_text(const Names& names, const ReportContext& context) {
  std::string line =
      fmt::format("{}{}{}", names.word("playbook"), names.word("colon"), context.playbook_name);
  if (!context.playbook_version.empty())
    line += fmt::format(" ({} {})", names.word("version"), context.playbook_version);
  return line + fmt::format(" · {}{}{}", names.word("date"), names.word("colon"), context.date);
}

std::vector<std::pair<std::string, std::size_t>> classes_in_order(const Tally& by_class) {
  std::vector<std::pair<std::string, std::size_t>> rows;
  for (const char* klass : {"A", "B", "C", "D"})
    if (const auto found = by_class.find(klass); found != by_class.end())
      rows.emplace_back(found->first, found->second);
  for (const auto& [klass, count] : by_class)
    if (klass.size() != 1 || klass < "A" || klass > "D")
      if (klass != "none") rows.emplace_back(klass, count);
  if (const auto found = by_class.find("none"); found != by_class.end())
    rows.emplace_back(found->first, found->second);
  return rows;
}

Table coaching_table(const ReportAggregator& report, const Names& names) {
  Table table;
  table.headers = {std::string(names.word("owner")), std::string(names.word("deals")),
                   std::string(names.word("needing_attention"))};
  for (std::size_t i = 0; i < k_concern_count; ++i)
    table.headers.emplace_back(names.word(concern_key(static_cast<Concern>(i))));
  table.numeric_from = 1;
  for (const auto& owner : report.owners_ranked()) {
    const Figures& figures = report.by_owner().find(owner)->second;
    std::vector<std::string> row{owner_label(owner, names), std::to_string(figures.deals),
                                 std::to_string(figures.attention)};
    for (const std::size_t count : figures.concerns) row.push_back(std::to_string(count));
    table.rows.push_back(std::move(row));
  }
  return table;
}

namespace {

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

std::string concerns_text(unsigned concerns, const Names& names) {
  std::vector<std::string> words;
  for (std::size_t i = 0; i < k_concern_count; ++i)
    if ((concerns & (1U << i)) != 0)
      words.emplace_back(names.word(concern_key(static_cast<Concern>(i))));
  return join(words, names.word("list_separator"));
}

}  // namespace

Table attention_table(const ReportAggregator& report, const Names& names) {
  Table table;
  table.headers = {std::string(names.word("id")),        std::string(names.word("name")),
                   std::string(names.word("owner")),     std::string(names.word("class")),
                   std::string(names.word("next_move")), std::string(names.word("concerns")),
                   std::string(names.word("warnings"))};
  table.numeric_from = table.headers.size();
  for (const auto& deal : report.attention()) {
    std::vector<std::string> warnings;
    for (const auto& warning : deal.warnings) warnings.push_back(names.warning(warning));
    table.rows.push_back({abridged(deal.id), abridged(deal.name),
                          abridged(owner_label(deal.owner, names)), names.klass(deal.klass),
                          names.move(deal.move), concerns_text(deal.concerns, names),
                          join(warnings, names.word("list_separator"))});
  }
  return table;
}

Table count_table(const std::vector<std::pair<std::string, std::size_t>>& counts,
                  std::string_view header,
                  const std::function<std::string(std::string_view)>& name_of, const Names& names) {
  Table table;
  table.headers = {std::string(header), std::string(names.word("count"))};
  table.numeric_from = 1;
  for (const auto& [id, count] : counts) table.rows.push_back({name_of(id), std::to_string(count)});
  return table;
}

}  // namespace report_detail

std::string render_report(const ReportAggregator& report, ReportFormat format,
                          const Playbook& playbook, const ReportContext& context) {
  const report_detail::Names names(playbook, context.language);
  switch (format) {
    case ReportFormat::json:
      return report_detail::render_json(report);
    case ReportFormat::text:
      return report_detail::render_text(report, names, context, false);
    case ReportFormat::markdown:
      return report_detail::render_text(report, names, context, true);
    case ReportFormat::html:
      return report_detail::render_html(report, names, context);
  }
  return {};
}

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace closecoach
