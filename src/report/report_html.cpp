// The report as one self-contained HTML page: inline CSS, bar charts drawn
// here as inline SVG, no script and nothing from the network, so it can be
// mailed, archived and printed on A4. Every chart says what it shows in text
// (title, description, a value on each bar): colour carries no meaning.

#include <fmt/format.h>

#include <algorithm>

#include "report_internal.hpp"

namespace closecoach::report_detail {

namespace {

// Dark text and bars on white: contrast 15:1 and 8.6:1, above WCAG's 4.5:1.
constexpr std::string_view k_style = R"(
:root { color: #1a1a1a; background: #ffffff; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans",
  "Liberation Sans", Arial, "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
  "Microsoft YaHei", sans-serif; }
:lang(zh) body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
  "Microsoft YaHei", "WenQuanYi Micro Hei", system-ui, sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 28px 32px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 28px 0 8px; border-bottom: 2px solid #1f4e79; padding-bottom: 3px; }
.subtitle { margin: 0; color: #3d3d3d; }
.about { margin: 6px 0 0; color: #3d3d3d; font-size: 13px; }
.totals { display: flex; flex-wrap: wrap; gap: 10px; margin: 18px 0 0; padding: 0; }
.totals div { border: 1px solid #8a8a8a; border-radius: 6px; padding: 6px 14px; min-width: 96px; }
.totals dt { font-size: 12px; color: #3d3d3d; }
.totals dd { margin: 0; font-size: 22px; font-weight: 700; }
.note { margin: 0 0 8px; color: #3d3d3d; font-size: 13px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border-bottom: 1px solid #c4c4c4; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #e8eef4; font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.id { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px;
  white-space: nowrap; }
.charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px 28px; }
figure { margin: 0; break-inside: avoid; }
figcaption { font-weight: 600; margin: 18px 0 4px; }
svg { display: block; width: 100%; height: auto; }
svg text { font-size: 13px; fill: #1a1a1a; }
svg .bar { fill: #1f4e79; }
svg .track { fill: #eef1f4; }
@page { size: A4; margin: 14mm; }
@media print {
  main { max-width: none; padding: 0; }
  body { font-size: 10pt; }
  h2 { break-after: avoid; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
}
@media (max-width: 700px) { .charts { grid-template-columns: 1fr; } }
)";

std::string html_lang(std::string_view language) {
  if (language == "zh") return "zh-Hans";
  if (language == "ru") return "ru";
  return "en";
}

struct Bar {
  std::string label;
  std::size_t value = 0;
};

// A horizontal bar chart: each label above its bar, its value after it.
std::string bar_chart(std::string_view id, const std::string& title, const std::vector<Bar>& bars,
                      const Names& names) {
  constexpr int k_width = 520, k_row = 40, k_bar = 16, k_value_room = 64;
  std::size_t largest = 1;
  for (const auto& bar : bars) largest = std::max(largest, bar.value);
  std::string description;
  for (const auto& bar : bars)
    description += fmt::format("{}{}: {}", description.empty() ? "" : "; ", bar.label, bar.value);
  if (bars.empty()) description = std::string(names.word("nothing"));
  const int height = std::max(1, static_cast<int>(bars.size())) * k_row + 4;
  std::string svg = fmt::format(
      "<figure><figcaption id=\"{0}-c\">{1}</figcaption>\n"
      "<svg role=\"img\" viewBox=\"0 0 {2} {3}\" aria-labelledby=\"{0}-t {0}-d\" "
      "aria-label=\"{4}\"><title id=\"{0}-t\">{4}</title><desc id=\"{0}-d\">{5}</desc>\n",
      id, escape_html(title), k_width, height,
      escape_html(fmt::format(fmt::runtime(names.word("chart_of")), title)),
      escape_html(description));
  int y = 0;
  for (const auto& bar : bars) {
    const double share = static_cast<double>(bar.value) / static_cast<double>(largest);
    const int length =
        std::max(bar.value == 0 ? 0 : 2, static_cast<int>(share * (k_width - k_value_room)));
    svg += fmt::format(
        "<text x=\"0\" y=\"{0}\">{1}</text>"
        "<rect class=\"track\" x=\"0\" y=\"{2}\" width=\"{3}\" height=\"{4}\"/>"
        "<rect class=\"bar\" x=\"0\" y=\"{2}\" width=\"{5}\" height=\"{4}\"/>"
        "<text x=\"{6}\" y=\"{7}\" font-weight=\"700\">{8}</text>\n",
        y + 14, escape_html(bar.label), y + 19, k_width - k_value_room, k_bar, length, length + 6,
        y + 32, bar.value);
    y += k_row;
  }
  if (bars.empty())
    svg += fmt::format("<text x=\"0\" y=\"20\">{}</text>", escape_html(description));
  return svg + "</svg></figure>\n";
}

std::vector<Bar> bars_of(const std::vector<std::pair<std::string, std::size_t>>& counts,
                         const std::function<std::string(std::string_view)>& name_of) {
  std::vector<Bar> bars;
  for (const auto& [id, count] : counts) bars.push_back({name_of(id), count});
  return bars;
}

std::string html_table(const Table& table, std::size_t id_column = SIZE_MAX) {
  std::string out = "<table>\n<thead><tr>";
  for (std::size_t c = 0; c < table.headers.size(); ++c)
    out += fmt::format("<th scope=\"col\"{}>{}</th>", c >= table.numeric_from ? " class=\"n\"" : "",
                       escape_html(table.headers[c]));
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : table.rows) {
    out += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) {
      const char* cell_class = c >= table.numeric_from ? " class=\"n\""
                               : c == id_column        ? " class=\"id\""
                                                       : "";
      out += fmt::format("<{0}{1}>{2}</{0}>", c == 0 && id_column != 0 ? "th scope=\"row\"" : "td",
                         cell_class, escape_html(row[c]));
    }
    out += "</tr>\n";
  }
  return out + "</tbody></table>\n";
}

std::string header_html(const ReportAggregator& report, const Names& names,
                        const ReportContext& context) {
  const std::string about = about_text(names, context);
  const Figures& total = report.total();
  const std::size_t open = total.deals - total.errors - total.closed;
  std::string out = fmt::format(
      "<header><h1>{}</h1><p class=\"subtitle\">{}</p>"
      "<p class=\"about\">{}</p>\n<dl class=\"totals\">",
      escape_html(names.word("title")), escape_html(names.word("subtitle")), escape_html(about));
  std::vector<std::pair<std::string_view, std::size_t>> figures{
      {"deals", total.deals},
      {"open", open},
      {"needing_attention", total.attention},
      {"closed", total.closed},
      {"errors", total.errors}};
  if (report.bad_lines() != 0) figures.emplace_back("bad_lines", report.bad_lines());
  for (const auto& [key, value] : figures)
    out += fmt::format("<div><dt>{}</dt><dd>{}</dd></div>", escape_html(names.word(key)), value);
  return out + "</dl></header>\n";
}

std::string charts_html(const ReportAggregator& report, const Names& names) {
  const Figures& total = report.total();
  std::vector<Bar> owners;
  for (const auto& owner : report.owners_ranked())
    owners.push_back(
        {abridged(owner_label(owner, names)), report.by_owner().find(owner)->second.attention});
  std::string out = "<div class=\"charts\">\n";
  out += bar_chart("per-owner", std::string(names.word("per_owner")), owners, names);
  out += bar_chart("by-class", std::string(names.word("by_class")),
                   bars_of(classes_in_order(total.by_class),
                           [&](std::string_view id) { return names.klass(id); }),
                   names);
  out += bar_chart(
      "by-move", std::string(names.word("by_move")),
      bars_of(largest_first(total.by_move), [&](std::string_view id) { return names.move(id); }),
      names);
  out += bar_chart("by-warning", std::string(names.word("by_warning")),
                   bars_of(largest_first(total.by_warning),
                           [&](std::string_view id) { return names.warning(id); }),
                   names);
  return out + "</div>\n";
}

std::string attention_html(const ReportAggregator& report, const Names& names) {
  const std::size_t shown = report.attention().size();
  const std::string note = shown == 0 ? std::string(names.word("attention_none"))
                                      : fmt::format(fmt::runtime(names.word("attention_shown")),
                                                    shown, report.attention_total());
  std::string out = fmt::format("<section><h2>{}</h2><p class=\"note\">{}</p>\n",
                                escape_html(names.word("attention")), escape_html(note));
  if (shown != 0) out += html_table(attention_table(report, names), 0);
  return out + "</section>\n";
}

}  // namespace

std::string render_html(const ReportAggregator& report, const Names& names,
                        const ReportContext& context) {
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{} · {}</title>\n<style>{}</style>\n</head>\n<body>\n<main>\n",
      html_lang(names.language()), escape_html(names.word("title")), escape_html(context.date),
      k_style);
  out += header_html(report, names, context);
  out += fmt::format("<section><h2>{}</h2><p class=\"note\">{}</p>\n",
                     escape_html(names.word("coaching")), escape_html(names.word("coaching_note")));
  out += html_table(coaching_table(report, names)) + "</section>\n";
  out += charts_html(report, names);
  out += attention_html(report, names);
  return out + "</main>\n</body>\n</html>\n";
}

}  // namespace closecoach::report_detail
