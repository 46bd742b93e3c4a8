#pragma once
// How deals read: `deal show` and `deal list` as text and JSON, and the JSON
// Lines records `deal import` reads.

#include <closecoach/deal_store.hpp>
#include <closecoach/engine.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace closecoach::cli {

// `deal show --format json`: {"id", "answers": {...}, "history": [...]},
// each history entry {"at", "kind": "advice", "answers", "top_move"} or
// {"at", "kind": "outcome", "move", "outcome", "class", "stage", "note",
// "answers"} (class, stage and note null when not known).
nlohmann::json deal_json(const StoredDeal& deal);
// `deal show`: the answers, one a line, then the history, oldest first.
std::string deal_text(const StoredDeal& deal);

// One line of `deal list`: a deal and the advice its answers give now.
struct DealRow {
  std::string id;
  std::string customer_class;  // "" when the answers do not give one
  std::string next_move;       // technique id, "" for none
  bool settled = false;
  std::size_t answers = 0;
};

// Each deal advised on its stored answers (no question asked). A deal whose
// answers the playbook no longer takes shows no class and no move.
std::vector<DealRow> deal_rows(const Engine& engine, const std::vector<StoredDeal>& deals);
// [{"id", "class", "next_move", "settled", "answers"}], class and next_move null when none.
nlohmann::json deal_rows_json(const std::vector<DealRow>& rows);
// A table with a header line, its columns padded to their widest cell.
std::string deal_rows_text(const std::vector<DealRow>& rows);

// The deals of JSON Lines text ({"id": string, "facts": {...}} a line, other
// members ignored, blank lines skipped), each answer checked against the
// playbook and kept as the store keeps it. Throws Failure (exit 2)
// "FILE:LINE: why" on the first bad line: then nothing is imported.
std::vector<StoredDeal> read_deal_records(const Engine& engine, std::string_view text,
                                          const std::string& file);

}  // namespace closecoach::cli
