// Review results as CSV rows (one per deal, flat columns) or an aligned table:
// the --output formats other than JSON Lines, made from the result lines.

#include <closecoach/utf8.hpp>

#include <fmt/color.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

#include "review_internal.hpp"

namespace closecoach {

namespace {

using json = nlohmann::ordered_json;

std::string csv_cell(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// A move by its name in the chosen language when --explain gave one, else its id.
std::string move_label(const json& move) {
  return move.contains("name") ? move["name"].get<std::string>()
                               : move["technique"].get<std::string>();
}

std::string joined(const json& items, const char* key) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ';';
    out += std::string_view(key) == "technique" ? move_label(item) : item[key].get<std::string>();
  }
  return out;
}

std::string scalar(const json& value) {
  if (value.is_null()) return {};
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string signals_text(const json& signals) {
  std::string out;
  for (const auto& signal : signals) {
    if (!out.empty()) out += ';';
    out += signal["fact"].get<std::string>() + "=" + scalar(signal["value"]);
  }
  return out;
}

std::string csv_row(const json& result) {
  const std::string top = result["moves"].empty() ? "" : move_label(result["moves"][0]);
  std::string row = fmt::format(
      "{},{},{},{},{},{},{},{},{},{},{},{}", csv_cell(scalar(result["id"])),
      result["line"].get<std::size_t>(), scalar(result["class"]), top,
      csv_cell(joined(result["moves"], "technique")),
      csv_cell(joined(result["avoid"], "technique")), csv_cell(joined(result["warnings"], "id")),
      csv_cell(signals_text(result["signals"])), csv_cell(scalar(result["error"])),
      csv_cell(scalar(result["name"])), csv_cell(scalar(result["owner"])),
      scalar(result["closed"]));
  if (const auto fields = result.find("fields"); fields != result.end())
    for (const auto& value : *fields) row += fmt::format(",{}", csv_cell(scalar(value)));
  row += '\n';
  return row;
}

// What the table shows as the next move: the move, or that the deal is closed.
std::string next_move(const json& result) {
  if (!result["closed"].is_null()) return fmt::format("closed {}", scalar(result["closed"]));
  return result["moves"].empty() ? "-" : move_label(result["moves"][0]);
}

// `text` as a table shows it: controls escaped, cut to `width` terminal cells
// on a character boundary (never inside an escape; the cut marked by '~'),
// padded to `width` cells.
std::string fit(std::string_view text, std::size_t width) {
  std::string shown = utf8::escape_for_terminal(text);
  if (utf8::display_width(shown) > width) {
    shown.clear();
    std::size_t used = 0;
    for (std::size_t i = 0; i < text.size();) {
      const std::size_t length = std::max<std::size_t>(utf8::decode(text, i).length, 1);
      const std::string piece = utf8::escape_for_terminal(text.substr(i, length));
      const std::size_t cells = utf8::display_width(piece);
      if (used + cells > width - 1) break;
      shown += piece;
      used += cells;
      i += length;
    }
    shown += '~';
  }
  shown.append(width - utf8::display_width(shown), ' ');
  return shown;
}

std::string table_row(const json& result, bool color) {
  const std::string klass = scalar(result["class"]);
  std::string klass_cell = fit(klass.empty() ? "-" : klass, 5);
  if (color && klass == "D")
    klass_cell = fmt::format(fmt::fg(fmt::terminal_color::red), "{}", klass_cell);
  if (color && klass == "A")
    klass_cell = fmt::format(fmt::fg(fmt::terminal_color::green), "{}", klass_cell);
  if (!result["error"].is_null()) {
    const std::string error =
        fmt::format("error: {}", utf8::escape_for_terminal(scalar(result["error"])));
    return fmt::format("{:>6}  {}  {}  {}  {}\n", result["line"].get<std::size_t>(),
                       fit(scalar(result["id"]), 14), klass_cell, fit(scalar(result["owner"]), 14),
                       color ? fmt::format(fmt::fg(fmt::terminal_color::red), "{}", error) : error);
  }
  const std::string top = next_move(result);
  std::string warnings = utf8::escape_for_terminal(joined(result["warnings"], "id"));
  if (color && !warnings.empty())
    warnings = fmt::format(fmt::fg(fmt::terminal_color::yellow), "{}", warnings);
  return fmt::format("{:>6}  {}  {}  {}  {}  {}  {}\n", result["line"].get<std::size_t>(),
                     fit(scalar(result["id"]), 14), klass_cell, fit(scalar(result["owner"]), 14),
                     fit(top, 20), fit(joined(result["avoid"], "technique"), 24), warnings);
}

}  // namespace

std::string results_header(ReviewFormat format, bool color, const std::vector<std::string>& keep) {
  if (format == ReviewFormat::csv) {
    std::string header =
        "id,line,class,next_move,moves,avoid,warnings,signals,error,name,owner,closed";
    for (const auto& name : keep) header += fmt::format(",{}", csv_cell(name));
    header += '\n';
    return header;
  }
  const std::string header =
      fmt::format("{:>6}  {:<14}  {:<5}  {:<14}  {:<20}  {:<24}  {}\n", "LINE", "ID", "CLASS",
                  "OWNER", "NEXT MOVE", "AVOID", "WARNINGS");
  return color ? fmt::format(fmt::emphasis::bold, "{}", header) : header;
}

std::string format_results(const std::string& jsonl, ReviewFormat format, bool color) {
  std::string out;
  std::istringstream lines(jsonl);
  std::string line;
  while (std::getline(lines, line)) {
    const json result = json::parse(line);  // ordered: "fields" in --keep's order
    out += format == ReviewFormat::csv ? csv_row(result) : table_row(result, color);
  }
  return out;
}

}  // namespace closecoach
