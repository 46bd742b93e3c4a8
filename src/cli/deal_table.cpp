#include "deal_table.hpp"

#include <closecoach/utf8.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "cli.hpp"
#include "deal_db.hpp"

namespace closecoach::cli {

namespace {

nlohmann::json text_or_null(const std::string& text) {
  return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text);
}

nlohmann::json event_json(const DealEvent& event) {
  if (event.kind == DealEvent::Kind::advice)
    return {{"at", event.at},
            {"kind", "advice"},
            {"answers", event.answers},
            {"top_move", text_or_null(event.move)}};
  return {{"at", event.at},
          {"kind", "outcome"},
          {"move", event.move},
          {"outcome", event.outcome},
          {"class", text_or_null(event.customer_class)},
          {"stage", text_or_null(event.stage)},
          {"note", text_or_null(event.note)},
          {"answers", event.answers}};
}

std::string event_text(const DealEvent& event) {
  if (event.kind == DealEvent::Kind::advice)
    return fmt::format("  {}  advised {} on {} answers\n", event.at,
                       event.move.empty() ? "no move" : event.move, event.answers.size());
  std::string line =
      fmt::format("  {}  tried {}: {} (class {}, stage {})", event.at, event.move, event.outcome,
                  event.customer_class.empty() ? "none" : event.customer_class,
                  event.stage.empty() ? "unknown" : event.stage);
  if (!event.note.empty()) line += fmt::format(" {}", quote(event.note));
  line += '\n';
  return line;
}

std::string shown(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string padded(const std::string& cell, std::size_t width) {
  const std::size_t shown_width = utf8::display_width(cell);
  return cell + std::string(width > shown_width ? width - shown_width : 0, ' ');
}

[[noreturn]] void line_error(const std::string& file, std::size_t line, std::string_view why) {
  Diagnostic diagnostic = make_error(std::string(why));
  diagnostic.file = file;
  diagnostic.line = line;
  throw Failure(diagnostic);
}

StoredDeal deal_from_record(const Engine& engine, const nlohmann::json& record) {
  if (!record.is_object()) throw std::invalid_argument("a record is a JSON object");
  const auto id = record.find("id");
  if (id == record.end() || !id->is_string() || id->get<std::string>().empty())
    throw std::invalid_argument("a record needs \"id\", a non-empty string");
  const auto facts = record.find("facts");
  if (facts != record.end() && !facts->is_object())
    throw std::invalid_argument("\"facts\" is an object of fact to value");
  std::vector<Value> values = engine.blank_facts();
  if (facts != record.end()) {
    auto read = engine.read_answers(*facts, values);
    if (!read.ok()) throw std::invalid_argument(read.error().message);
  }
  return {id->get<std::string>(), answers_of(engine, values), {}};
}

}  // namespace

nlohmann::json deal_json(const StoredDeal& deal) {
  nlohmann::json history = nlohmann::json::array();
  for (const auto& event : deal.history) history.push_back(event_json(event));
  return {{"id", deal.id}, {"answers", deal.answers}, {"history", history}};
}

std::string deal_text(const StoredDeal& deal) {
  std::string text = fmt::format("deal {}\n", deal.id);
  if (deal.answers.empty()) text += "  no answers yet\n";
  for (const auto& [fact, value] : deal.answers.items())
    text += fmt::format("  {} = {}\n", fact, shown(value));
  text += deal.history.empty() ? "history: none yet\n" : "history:\n";
  for (const auto& event : deal.history) text += event_text(event);
  return text;
}

std::vector<DealRow> deal_rows(const Engine& engine, const std::vector<StoredDeal>& deals) {
  std::vector<DealRow> rows;
  for (const auto& deal : deals) {
    DealRow row{deal.id, {}, {}, false, deal.answers.size()};
    std::vector<Value> facts = engine.blank_facts();
    const nlohmann::json storage = deal.answers;
    if (engine.read_answers(storage, facts).ok()) {
      const Advice advice = engine.advise(facts);
      row.customer_class = fact_text(engine, advice.facts, k_customer_class_fact);
      row.next_move = top_move_id(engine, advice);
      row.settled = advice.settled;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

nlohmann::json deal_rows_json(const std::vector<DealRow>& rows) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& row : rows)
    out.push_back({{"id", row.id},
                   {"class", text_or_null(row.customer_class)},
                   {"next_move", text_or_null(row.next_move)},
                   {"settled", row.settled},
                   {"answers", row.answers}});
  return out;
}

std::string deal_rows_text(const std::vector<DealRow>& rows) {
  if (rows.empty()) return "no deals yet (closecoach deal new ID adds one)\n";
  std::vector<std::array<std::string, 4>> cells{{"DEAL", "CLASS", "NEXT MOVE", "ANSWERS"}};
  for (const auto& row : rows)
    cells.push_back(
        {utf8::escape_for_terminal(row.id), row.customer_class.empty() ? "-" : row.customer_class,
         fmt::format("{}{}", row.next_move.empty() ? "-" : row.next_move, row.settled ? "" : " ?"),
         std::to_string(row.answers)});
  std::array<std::size_t, 4> widths{};
  for (const auto& line : cells)
    for (std::size_t column = 0; column < widths.size(); ++column)
      widths[column] = std::max(widths[column], utf8::display_width(line[column]));
  std::string text;
  for (const auto& line : cells)
    text += fmt::format("{}  {}  {}  {}\n", padded(line[0], widths[0]), padded(line[1], widths[1]),
                        padded(line[2], widths[2]), line[3]);
  return text + "(? the move may change with more answers: closecoach advise --deal ID)\n";
}

std::vector<StoredDeal> read_deal_records(const Engine& engine, std::string_view text,
                                          const std::string& file) {
  std::vector<StoredDeal> deals;
  std::size_t line_number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const auto record = nlohmann::json::parse(line, nullptr, false);
    if (record.is_discarded()) line_error(file, line_number, "not a JSON object");
    try {
      deals.push_back(deal_from_record(engine, record));
    } catch (const std::invalid_argument& error) {
      line_error(file, line_number, error.what());
    }
  }
  return deals;
}

}  // namespace closecoach::cli
