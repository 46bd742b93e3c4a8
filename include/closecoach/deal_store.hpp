#pragma once
// A rep's deals between calls, and the team's outcome journal, in one SQLite
// file (contract.md, "Deals and outcomes"). Answers are kept as the JSON the
// engine reads (Engine::read_answers): the caller checks them against the
// playbook before they are stored; the store only keeps them.
//
// Nothing is lost: every write is one transaction, the file is in WAL mode,
// and a writer waits up to k_busy_timeout_ms for another process instead of
// failing with "database is locked". The schema carries its version in
// PRAGMA user_version; opening a file of an older version migrates it.

#include <closecoach/diagnostic.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace closecoach {

// One entry of a deal's history: an advice given from it, or an outcome
// logged on it.
struct DealEvent {
  enum class Kind { advice, outcome };
  Kind kind = Kind::advice;
  std::string deal;
  std::string at;              // UTC, "2026-12-02T03:20:00Z"
  nlohmann::json answers;      // the deal's answers at that moment (an object)
  std::string move;            // advice: the top move ("" for none); outcome: the move tried
  std::string outcome;         // outcome: won, lost, stalled or advanced
  std::string customer_class;  // outcome: the class at that moment ("" when none)
  std::string stage;           // outcome: the stage at that moment ("" when unknown)
  std::string note;            // outcome: the rep's note, or ""
};

struct StoredDeal {
  std::string id;
  nlohmann::json answers = nlohmann::json::object();  // fact → value
  std::vector<DealEvent> history;                     // oldest first; filled by find() only
};

// The outcomes deal log accepts, in the order stats shows them.
inline constexpr std::string_view k_outcomes[] = {"won", "lost", "stalled", "advanced"};

class DealStore {
 public:
  // Version 1: deals and their answers. Version 2: the history of advice and
  // outcomes. Each version's migration is one step of open().
  static constexpr std::int64_t k_schema_version = 2;
  static constexpr int k_busy_timeout_ms = 5000;

  // Opens (creating the file and its folder when absent) the database at
  // `path` and migrates it to k_schema_version. Fails with a one-line message
  // naming the file: not a database, a folder that cannot be written, a
  // schema newer than this program's.
  static Result<DealStore> open(const std::string& path);
  // Opens an existing database for reading only, without migrating it (for
  // the team's record in advise). Fails when it is absent or unreadable, or
  // its schema is not k_schema_version.
  static Result<DealStore> open_read_only(const std::string& path);

  DealStore(DealStore&&) noexcept;
  DealStore& operator=(DealStore&&) noexcept;
  ~DealStore();

  const std::string& path() const;
  // PRAGMA user_version of the open file.
  Result<std::int64_t> schema_version();

  // Adds deal `id` with `answers` (an object; a null answer is none); false
  // when it exists already.
  Result<bool> create(std::string_view id, const nlohmann::json& answers);
  // The deal, with its history when `with_history`; nullopt when absent.
  Result<std::optional<StoredDeal>> find(std::string_view id, bool with_history = true);
  // Every deal, by id, without history.
  Result<std::vector<StoredDeal>> list();
  // Sets the facts of `set` (an object; a null answer removes the fact) and
  // removes those of `unset`, in one
  // transaction; false when the deal is absent (nothing written).
  Result<bool> update(std::string_view id, const nlohmann::json& set,
                      const std::vector<std::string>& unset);
  // Removes the deal, its answers and the advice in its history; the outcomes
  // logged on it stay in the journal. False when it is absent.
  Result<bool> remove(std::string_view id);
  // Appends an advice to the deal's history and, when `save_answers`, sets
  // `event.answers` on the deal, in one transaction. False when it is absent.
  Result<bool> add_advice(const DealEvent& event, bool save_answers);
  // Appends an outcome (event.kind outcome) to the journal. False when the
  // deal is absent.
  Result<bool> log_outcome(const DealEvent& event);
  // Every outcome in the journal, oldest first.
  Result<std::vector<DealEvent>> outcomes();
  // Adds or replaces (answers and all) each deal, all in one transaction:
  // either every deal is in or none is. Returns how many were written.
  Result<std::size_t> import_deals(const std::vector<StoredDeal>& deals);

 private:
  struct Impl;
  explicit DealStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace closecoach
