#pragma once
// A thin RAII wrapper over SQLite's C API, private to the store module.
//
// Why our own and not SQLiteCpp: the store needs a connection, prepared
// statements, a transaction guard and text/integer columns, some 150 lines.
// Debian's libsqlite3-dev is already there, while SQLiteCpp would add a
// second package and its exception types to the build; and this way every
// SQLite error becomes a SqliteError carrying SQLite's own message, which the
// store turns into a Diagnostic at its public boundary (the core never throws
// across it).

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace closecoach::store {

// Any failed SQLite call: `what()` is SQLite's message ("database is locked",
// "file is not a database", "database or disk is full").
class SqliteError : public std::runtime_error {
 public:
  SqliteError(std::string message, int code)
      : std::runtime_error(std::move(message)), m_code(code) {}
  int code() const { return m_code; }

 private:
  int m_code;
};

class Statement;

// One connection. Opened with a busy timeout, so a writer waits for another
// instead of failing with "database is locked".
class Connection {
 public:
  enum class Mode { read_write_create, read_only };
  // Throws SqliteError when the file cannot be opened.
  Connection(const std::string& path, Mode mode, int busy_timeout_ms);

  // Runs one or more statements without results. Throws SqliteError.
  void execute(const char* sql);
  // A prepared statement on this connection. Throws SqliteError.
  Statement prepare(std::string_view sql);
  // The single integer a query such as "PRAGMA user_version" returns.
  std::int64_t query_integer(const char* sql);
  sqlite3* handle() const { return m_db.get(); }
  // Throws SqliteError with the connection's message when `code` is an error.
  void check(int code) const;

 private:
  struct Close {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  std::unique_ptr<sqlite3, Close> m_db;
};

// A prepared statement; bind parameters are 1-based, columns 0-based.
class Statement {
 public:
  Statement(Connection& connection, sqlite3_stmt* statement);

  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, std::int64_t number);
  Statement& bind_null(int index);
  // An empty text as NULL (a class or stage not known).
  Statement& bind_text_or_null(int index, std::string_view text);
  // Steps once: true while a row is there. Throws SqliteError.
  bool step();
  // Steps to the end, for statements without results.
  void run();
  std::string text(int column) const;
  std::int64_t integer(int column) const;
  bool is_null(int column) const;
  void reset();

 private:
  struct Finalize {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
  };
  Connection* m_connection;
  std::unique_ptr<sqlite3_stmt, Finalize> m_statement;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back when left without commit(). IMMEDIATE
// takes the write lock at the start, so the busy timeout covers the whole
// transaction: a deferred one that reads and then writes could fail with
// SQLITE_BUSY at once when another process wrote in between.
class Transaction {
 public:
  explicit Transaction(Connection& connection);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Connection& m_connection;
  bool m_done = false;
};

}  // namespace closecoach::store
