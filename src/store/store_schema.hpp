#pragma once
// The deals database's schema and its migrations, one step per version.

#include <cstdint>

#include "sqlite.hpp"

namespace closecoach::store {

// WAL mode (readers never block the writer, and a killed writer leaves the
// last committed state) and full sync on commit. Throws SqliteError.
void prepare_connection(Connection& connection);

// Brings the schema from its PRAGMA user_version to `target`, one step per
// version, in one transaction. Throws SqliteError, also when the file's
// version is newer than `target`.
void migrate(Connection& connection, std::int64_t target);

}  // namespace closecoach::store
