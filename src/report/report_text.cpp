// The report for a terminal (columns aligned by display width, so Chinese
// lines up) and for a wiki (Markdown tables). Text from the input is escaped
// for each: control characters for the terminal, table and inline syntax for
// Markdown.

#include <closecoach/utf8.hpp>

#include <fmt/format.h>

#include <iterator>

#include "report_internal.hpp"

namespace closecoach::report_detail {

namespace {

std::string markdown_cell(std::string_view text) {
  std::string out;
  for (const char c : utf8::escape_for_terminal(text)) {
    if (std::string_view("\\|*_`[]<>#~").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string pad(const std::string& cell, std::size_t width, bool right) {
  const std::size_t used = utf8::display_width(cell);
  const std::string fill(width > used ? width - used : 0, ' ');
  return right ? fill + cell : cell + fill;
}

void print_plain_table(std::string& out, const Table& table) {
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
  for (const auto& header : table.headers) headers.push_back(utf8::escape_for_terminal(header));
  for (const auto& row : table.rows) {
    rows.emplace_back();
    for (const auto& cell : row) rows.back().push_back(utf8::escape_for_terminal(cell));
  }
  std::vector<std::size_t> widths(headers.size());
  for (std::size_t c = 0; c < headers.size(); ++c) {
    widths[c] = utf8::display_width(headers[c]);
    for (const auto& row : rows) widths[c] = std::max(widths[c], utf8::display_width(row[c]));
  }
  const auto line = [&](const std::vector<std::string>& cells) {
    std::string text;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const bool last = c + 1 == cells.size();
      text +=
          pad(cells[c], last && c < table.numeric_from ? 0 : widths[c], c >= table.numeric_from);
      if (!last) text += "  ";
    }
    text.erase(text.find_last_not_of(' ') + 1);
    fmt::format_to(std::back_inserter(out), "{}\n", text);
  };
  line(headers);
  for (const auto& row : rows) line(row);
}

void print_markdown_table(std::string& out, const Table& table) {
  const auto row_line = [&](const std::vector<std::string>& cells) {
    out += '|';
    for (const auto& cell : cells)
      fmt::format_to(std::back_inserter(out), " {} |", markdown_cell(cell));
    out += '\n';
  };
  row_line(table.headers);
  out += '|';
  for (std::size_t c = 0; c < table.headers.size(); ++c)
    out += c >= table.numeric_from ? " ---: |" : " --- |";
  out += '\n';
  for (const auto& row : table.rows) row_line(row);
}

class Writer {
 public:
  Writer(const Names& names, bool markdown) : m_names(names), m_markdown(markdown) {}

  void heading(std::string_view key, int level = 2) {
    const std::string title(m_names.word(key));
    if (m_markdown) {
      m_out += fmt::format("{} {}\n\n", std::string(static_cast<std::size_t>(level), '#'), title);
    } else {
      fmt::format_to(std::back_inserter(m_out), "{}\n{}\n", title,
                     std::string(utf8::display_width(title), level == 1 ? '=' : '-'));
    }
  }
  void paragraph(const std::string& text) {
    fmt::format_to(std::back_inserter(m_out), "{}\n\n",
                   m_markdown ? markdown_cell(text) : utf8::escape_for_terminal(text));
  }
  void table(const Table& table) {
    if (table.rows.empty()) {
      paragraph(std::string(m_names.word("nothing")));
      return;
    }
    if (m_markdown)
      print_markdown_table(m_out, table);
    else
      print_plain_table(m_out, table);
    m_out += "\n";
  }
  std::string take() {
    while (m_out.size() >= 2 && m_out.ends_with("\n\n")) m_out.pop_back();
    return std::move(m_out);
  }

 private:
  const Names& m_names;
  bool m_markdown;
  std::string m_out;
};

std::string totals_line(const ReportAggregator& report, const Names& names) {
  const Figures& total = report.total();
  std::vector<std::pair<std::string_view, std::size_t>> figures{
      {"deals", total.deals},
      {"closed", total.closed},
      {"errors", total.errors},
      {"needing_attention", total.attention}};
  if (report.bad_lines() != 0) figures.emplace_back("bad_lines", report.bad_lines());
  std::string line;
  for (const auto& [key, value] : figures)
    fmt::format_to(std::back_inserter(line), "{}{}{}{}", line.empty() ? "" : " · ", names.word(key),
                   names.word("colon"), value);
  return line;
}

std::string shown_line(const ReportAggregator& report, const Names& names) {
  const std::size_t shown = report.attention().size();
  if (shown == 0) return std::string(names.word("attention_none"));
  return fmt::format(fmt::runtime(names.word("attention_shown")), shown, report.attention_total());
}

}  // namespace

std::string render_text(const ReportAggregator& report, const Names& names,
                        const ReportContext& context, bool markdown) {
  Writer out(names, markdown);
  const Figures& total = report.total();
  out.heading("title", 1);
  out.paragraph(about_text(names, context));
  out.paragraph(totals_line(report, names));
  out.heading("coaching");
  out.paragraph(std::string(names.word("coaching_note")));
  out.table(coaching_table(report, names));
  out.heading("attention");
  out.paragraph(shown_line(report, names));
  if (report.attention_total() != 0) out.table(attention_table(report, names));
  out.heading("by_class");
  out.table(count_table(
      classes_in_order(total.by_class), names.word("class"),
      [&](std::string_view id) { return names.klass(id); }, names));
  out.heading("by_move");
  out.table(count_table(
      largest_first(total.by_move), names.word("next_move"),
      [&](std::string_view id) { return names.move(id); }, names));
  out.heading("by_warning");
  out.table(count_table(
      largest_first(total.by_warning), names.word("warnings"),
      [&](std::string_view id) { return names.warning(id); }, names));
  return out.take() + "\n";
}

}  // namespace closecoach::report_detail
