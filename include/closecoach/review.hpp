#pragma once
// Batch review: deals from CRM exports (JSON Lines or CSV rows) turned into
// one result line each, with facts read out of call notes by the playbook's
// signals. Everything here is const and thread-safe except Scratch, which
// each worker thread owns.

#include <closecoach/diagnostic.hpp>
#include <closecoach/engine.hpp>

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace closecoach {

struct ReviewOptions {
  // Extra CSV header → fact (or "id" / "notes") pairs, from --map.
  std::vector<std::pair<std::string, std::string>> column_map;
  // Add names, lines to say, reasons and warning texts in `language`.
  bool explain = false;
  std::string language = "en";
};

// Counts for --summary.
struct ReviewTally {
  std::size_t records = 0;
  std::size_t errors = 0;
  std::map<std::string, std::size_t> by_class;  // "A".."D", "none"
  std::map<std::string, std::size_t> by_move;   // moves[0], "none"
  void merge(const ReviewTally& other);
};

// Which CSV column holds what.
struct CsvLayout {
  std::vector<int> slot_of_column;   // fact slot, or -1
  int id_column = -1;
  std::vector<std::size_t> note_columns;
  std::vector<std::string> ignored;  // headers that name nothing (kept and ignored)
};

class Reviewer {
 public:
  // Fails when a signal pattern does not compile or names a value its fact
  // cannot take, or a --map target is not a fact, "id" or "notes".
  static Result<Reviewer> create(const Engine& engine, ReviewOptions options);
  Reviewer(Reviewer&&) noexcept;
  Reviewer& operator=(Reviewer&&) noexcept;
  ~Reviewer();

  // Per-thread working memory (the JSON parser and buffers).
  class Scratch;
  std::shared_ptr<Scratch> make_scratch() const;

  // Reviews one JSON Lines record and appends its result line (with "\n")
  // to `out`. Returns the error message when the record could not be read
  // (the line written then has "error" set), nullopt otherwise.
  std::optional<std::string> review_json_line(std::string_view line, std::size_t line_number,
                                              Scratch& scratch, std::string& out,
                                              ReviewTally& tally) const;

  // Maps a CSV header row to facts, id and notes (case- and space-insensitive,
  // plus the --map pairs). Fails when two columns name the same fact.
  Result<CsvLayout> layout_csv(const std::vector<std::string>& header) const;

  // Reviews one CSV data row, as review_json_line does.
  std::optional<std::string> review_csv_row(const CsvLayout& layout,
                                            const std::vector<std::string>& fields,
                                            std::size_t line_number, Scratch& scratch,
                                            std::string& out, ReviewTally& tally) const;

  // Appends the result line of a record that could not be read at all.
  void write_error(std::size_t line_number, std::string_view message, std::string& out,
                   ReviewTally& tally) const;

  // The compiled review state; opaque outside src/.
  struct State;

 private:
  explicit Reviewer(std::unique_ptr<State> state);
  std::unique_ptr<State> m_state;
};

}  // namespace closecoach
