#include "store_schema.hpp"

#include <fmt/format.h>

#include <array>

namespace closecoach::store {

namespace {

// Version 1: deals and their answers, each answer a row (fact, JSON value), so
// that setting one fact never rewrites another and two writers setting
// different facts of one deal both keep theirs.
constexpr const char* k_version_1 = R"sql(
CREATE TABLE deals (
  id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE answers (
  deal_id TEXT NOT NULL,
  fact TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (deal_id, fact)
);
)sql";

// Version 2: the history of each deal, the advice given from it and the
// outcomes logged on it (the journal stats reads), in the order they happened.
constexpr const char* k_version_2 = R"sql(
CREATE TABLE history (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  deal_id TEXT NOT NULL,
  at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('advice', 'outcome')),
  answers TEXT NOT NULL,
  move TEXT,
  outcome TEXT CHECK (outcome IN ('won', 'lost', 'stalled', 'advanced')),
  customer_class TEXT,
  stage TEXT,
  note TEXT
);
CREATE INDEX history_by_deal ON history (deal_id, seq);
CREATE INDEX history_by_kind ON history (kind, seq);
)sql";

constexpr std::array k_steps = {k_version_1, k_version_2};

}  // namespace

void prepare_connection(Connection& connection) {
  // Setting WAL needs a moment alone with the file; the busy timeout waits for it.
  connection.execute("PRAGMA journal_mode = WAL");
  connection.execute("PRAGMA synchronous = FULL");
}

void migrate(Connection& connection, std::int64_t target) {
  if (connection.query_integer("PRAGMA user_version") == target) return;
  Transaction transaction(connection);
  // Read again under the write lock: another process may have migrated it.
  const std::int64_t version = connection.query_integer("PRAGMA user_version");
  if (version > target)
    throw SqliteError(
        fmt::format("its schema version {} is newer than this closecoach's ({})", version, target),
        SQLITE_MISMATCH);
  if (version == target) return;
  for (std::int64_t step = version; step < target; ++step)
    connection.execute(k_steps[static_cast<std::size_t>(step)]);
  connection.execute(fmt::format("PRAGMA user_version = {}", target).c_str());
  transaction.commit();
}

}  // namespace closecoach::store
