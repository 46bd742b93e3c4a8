// Reading one line of review output with simdjson, into views of the parsed
// line: a million lines must report in seconds, and building an
// nlohmann::json, or a string per field, per line would not.

#include <simdjson.h>

#include <algorithm>
#include <utility>

#include "report_internal.hpp"

namespace closecoach::report_detail {

namespace {

using simdjson::dom::element;

Diagnostic not_review_output(std::string_view why) {
  return make_error("not review output: " + std::string(why));
}

// The string at `key`: false when it is there and neither a string nor null.
bool read_text(simdjson::dom::object object, const char* key, std::string_view& out) {
  element value;
  if (object[key].get(value) != simdjson::SUCCESS || value.is_null()) return true;
  return value.get(out) == simdjson::SUCCESS;
}

// An element of moves, avoid or warnings: {"technique": ...} or {"id": ...}
// as review writes them, or the id itself.
bool read_id(element item, std::string_view& out) {
  if (item.get(out) == simdjson::SUCCESS) return true;
  simdjson::dom::object object;
  if (item.get(object) != simdjson::SUCCESS) return false;
  for (const char* key : {"technique", "id"})
    if (object[key].get(out) == simdjson::SUCCESS) return true;
  return false;
}

// Calls `take` with each id listed at `key`: false when it is there and not
// such a list.
template <class Take>
bool read_list(simdjson::dom::object object, const char* key, Take take) {
  element value;
  if (object[key].get(value) != simdjson::SUCCESS || value.is_null()) return true;
  simdjson::dom::array array;
  if (value.get(array) != simdjson::SUCCESS) return false;
  for (element item : array) {
    std::string_view id;
    if (!read_id(item, id)) return false;
    take(id);
  }
  return true;
}

// The deal's id as written: a string, or a number as JSON writes it (kept in
// `number`).
bool read_deal_id(simdjson::dom::object object, std::string& number, std::string_view& out) {
  element value;
  if (object["id"].get(value) != simdjson::SUCCESS || value.is_null()) return true;
  if (value.is_string()) return value.get(out) == simdjson::SUCCESS;
  if (!value.is_number()) return false;
  number = simdjson::minify(value);
  out = number;
  return true;
}

std::optional<bool> read_hard_close_tried(simdjson::dom::object object) {
  bool tried = false;
  if (object["facts"]["hard_close_tried"].get(tried) != simdjson::SUCCESS) return std::nullopt;
  return tried;
}

Result<bool> read_lists(simdjson::dom::object object, ReviewedDeal& deal) {
  bool first = true;
  if (!read_list(object, "moves", [&](std::string_view id) {
        if (std::exchange(first, false)) deal.move = id;
      }))
    return not_review_output("\"moves\" is not a list of ids");
  if (!read_list(object, "avoid",
                 [&](std::string_view id) { deal.avoids_hard_close |= id == "hard_close"; }))
    return not_review_output("\"avoid\" is not a list of ids");
  if (!read_list(object, "warnings", [&](std::string_view id) { deal.warnings.push_back(id); }))
    return not_review_output("\"warnings\" is not a list of ids");
  return true;
}

Result<bool> read_fields(simdjson::dom::object object, std::string& number, ReviewedDeal& deal) {
  using Text = std::string_view ReviewedDeal::*;
  static constexpr std::pair<const char*, Text> k_texts[] = {{"name", &ReviewedDeal::name},
                                                             {"owner", &ReviewedDeal::owner},
                                                             {"class", &ReviewedDeal::klass},
                                                             {"closed", &ReviewedDeal::closed},
                                                             {"error", &ReviewedDeal::error}};
  if (!read_deal_id(object, number, deal.id))
    return not_review_output("\"id\" is not a string or number");
  for (const auto& [key, member] : k_texts)
    if (!read_text(object, key, deal.*member))
      return not_review_output(std::string("\"") + key + "\" is not a string");
  auto lists = read_lists(object, deal);
  if (!lists.ok()) return lists;
  deal.hard_close_tried = read_hard_close_tried(object);
  return true;
}

}  // namespace

Result<bool> parse_reviewed_deal(std::string_view line, ReviewedDeal& deal) {
  thread_local simdjson::dom::parser parser;
  thread_local std::string padded;
  thread_local std::string number;
  deal = ReviewedDeal{};
  padded.assign(line);
  padded.resize(line.size() + simdjson::SIMDJSON_PADDING);
  element root;
  if (parser.parse(padded.data(), line.size(), false).get(root) != simdjson::SUCCESS)
    return not_review_output("invalid JSON");
  simdjson::dom::object object;
  if (root.get(object) != simdjson::SUCCESS) return not_review_output("not a JSON object");
  element unused;
  const bool has_error = object["error"].get(unused) == simdjson::SUCCESS && !unused.is_null();
  if (!has_error && object["moves"].get(unused) != simdjson::SUCCESS)
    return not_review_output("no \"moves\" and no \"error\"");
  return read_fields(object, number, deal);
}

namespace {

unsigned bit(Concern concern) { return 1U << static_cast<unsigned>(concern); }

bool warns(const ReviewedDeal& deal, std::string_view id) {
  return std::find(deal.warnings.begin(), deal.warnings.end(), id) != deal.warnings.end();
}

// A hard close the playbook advises against: one tried while the playbook
// avoids it (too early, or a second after a refusal). Without the facts
// (review without --explain) only P3's signature says so: graceful_exit
// first, hard_close avoided, in a class that P1 does not already explain.
bool hard_close_against(const ReviewedDeal& deal) {
  if (!deal.avoids_hard_close) return false;
  if (deal.hard_close_tried) return *deal.hard_close_tried;
  return deal.move == "graceful_exit" && deal.klass != "D";
}

}  // namespace

unsigned concerns_of(const ReviewedDeal& deal) {
  unsigned concerns = 0;
  if (hard_close_against(deal)) concerns |= bit(Concern::hard_close_against);
  if (deal.klass == "D") concerns |= bit(Concern::class_d_worked);
  if (warns(deal, "a_class_overdue")) concerns |= bit(Concern::a_class_overdue);
  if (warns(deal, "fatigue_concession")) concerns |= bit(Concern::fatigue);
  if (deal.move == "reach_decision_maker") concerns |= bit(Concern::waiting_on_decision_maker);
  return concerns;
}

}  // namespace closecoach::report_detail
