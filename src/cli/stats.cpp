// `closecoach stats`: what the outcome journal says works for this team.

#include <closecoach/outcome_stats.hpp>
#include <closecoach/utf8.hpp>

#include <CLI/CLI.hpp>
#include <fmt/ostream.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "common.hpp"
#include "deal_db.hpp"
#include "options.hpp"

namespace closecoach::cli {

namespace {

struct StatsOptions {
  std::string db;
  std::string format = "text";
};

struct StatsRow {
  std::string group;  // "hard_close", "hard_close × A", "hard_close @ negotiation"
  OutcomeCounts counts;
};

std::string rate_text(const OutcomeCounts& counts) {
  const auto rate = win_rate(counts);
  if (!rate) return "-";
  const auto interval = wilson_interval(counts.won, counts.decided());
  return fmt::format("{:>3}%  {:>3}-{}%", std::lround(*rate * 100),
                     std::lround(interval->low * 100), std::lround(interval->high * 100));
}

// Best win rate first; no rate last; then more outcomes first, then by name.
void sort_rows(std::vector<StatsRow>& rows) {
  std::stable_sort(rows.begin(), rows.end(), [](const StatsRow& a, const StatsRow& b) {
    const double ra = win_rate(a.counts).value_or(-1);
    const double rb = win_rate(b.counts).value_or(-1);
    if (ra != rb) return ra > rb;
    return a.counts.n > b.counts.n;
  });
}

std::string table(std::string_view title, std::vector<StatsRow> rows) {
  sort_rows(rows);
  const std::size_t title_width = utf8::display_width(title);
  std::size_t width = title_width;
  for (const auto& row : rows) width = std::max(width, utf8::display_width(row.group));
  std::string text = fmt::format("{}{}  {:>4} {:>4} {:>4} {:>7} {:>8}  {}\n", title,
                                 std::string(width - title_width, ' '), "n", "won", "lost",
                                 "stalled", "advanced", "win rate  95% CI");
  for (const auto& row : rows)
    text += fmt::format("{}{}  {:>4} {:>4} {:>4} {:>7} {:>8}  {}\n", row.group,
                        std::string(width - utf8::display_width(row.group), ' '), row.counts.n,
                        row.counts.won, row.counts.lost, row.counts.stalled, row.counts.advanced,
                        rate_text(row.counts));
  return text;
}

std::vector<StatsRow> nested_rows(
    const std::map<std::string, std::map<std::string, OutcomeCounts>>& groups,
    std::string_view joint) {
  std::vector<StatsRow> rows;
  for (const auto& [technique, by_key] : groups)
    for (const auto& [key, counts] : by_key)
      rows.push_back({fmt::format("{}{}{}", technique, joint, key), counts});
  return rows;
}

// The strongest and weakest technique by win rate, among those with at least
// k_min_decided_outcomes won or lost; nothing when fewer than two have that.
std::string verdict(const OutcomeStats& stats) {
  std::vector<StatsRow> decided;
  for (const auto& [technique, counts] : stats.by_technique)
    if (counts.decided() >= k_min_decided_outcomes) decided.push_back({technique, counts});
  if (decided.size() < 2)
    return fmt::format(
        "Too few outcomes to name a strongest and a weakest move: that needs two techniques\n"
        "with {} or more won or lost each.\n",
        k_min_decided_outcomes);
  sort_rows(decided);
  const auto line = [](std::string_view which, const StatsRow& row) {
    const auto interval = wilson_interval(row.counts.won, row.counts.decided());
    return fmt::format("{}: {}, won {} of {} ({}%, 95% CI {}-{}%).\n", which, row.group,
                       row.counts.won, row.counts.decided(),
                       std::lround(*win_rate(row.counts) * 100), std::lround(interval->low * 100),
                       std::lround(interval->high * 100));
  };
  return line("Strongest", decided.front()) + line("Weakest", decided.back());
}

std::string stats_text(const OutcomeStats& stats) {
  if (stats.by_technique.empty())
    return "No outcomes logged yet (closecoach deal log ID --move TECHNIQUE --outcome won).\n";
  std::vector<StatsRow> techniques;
  for (const auto& [technique, counts] : stats.by_technique)
    techniques.push_back({technique, counts});
  return table("technique", techniques) + "\n" +
         table("technique × class", nested_rows(stats.by_technique_class, " × ")) + "\n" +
         table("technique @ stage", nested_rows(stats.by_technique_stage, " @ ")) + "\n" +
         verdict(stats) +
         "Win rate = won / (won + lost); the interval is Wilson's, 95%: wide means few outcomes.\n";
}

void run_stats(const StatsOptions& options, Context& context) {
  DealStore store = open_deals(options.db);
  const OutcomeStats stats = summarize_outcomes(stored_or_fail(store.outcomes()));
  if (options.format == "json")
    fmt::print(context.io.out, "{}\n", to_json(stats).dump(2));
  else
    fmt::print(context.io.out, "{}", stats_text(stats));
}

}  // namespace

void setup_stats(CLI::App& app, Context& context) {
  auto options = std::make_shared<StatsOptions>();
  auto* command = app.add_subcommand(
      "stats",
      "What works for this team: the outcomes logged with deal log, per technique, per technique\n"
      "and class, per technique and stage, with win rates and their 95% intervals.");
  command->footer(
      "Examples:\n"
      "  closecoach stats\n"
      "  closecoach stats --format json | jq '.by_technique.hard_close.win_rate'\n"
      "  closecoach stats --db team.db\n"
      "Win rate is won / (won + lost); ci95 is its Wilson score interval. Strongest and weakest\n"
      "are named only among techniques with 10 or more won or lost.");
  add_db_option(command, options->db);
  add_output_file_option(command, context);
  command->add_option("--format", options->format, "Output: text (tables) or json (the contract's)")
      ->check(one_of({"text", "json"}));
  command->callback([options, &context] { run_stats(*options, context); });
}

}  // namespace closecoach::cli
