#include "sqlite.hpp"

#include <limits>

namespace closecoach::store {

namespace {

int text_size(std::string_view text) {
  if (text.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    throw SqliteError("string or blob too big", SQLITE_TOOBIG);
  return static_cast<int>(text.size());
}

}  // namespace

Connection::Connection(const std::string& path, Mode mode, int busy_timeout_ms) {
  const int flags =
      mode == Mode::read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  sqlite3* db = nullptr;
  const int code = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  m_db.reset(db);
  if (code != SQLITE_OK) {
    const std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    throw SqliteError(message, code);
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, busy_timeout_ms);
}

void Connection::check(int code) const {
  if (code == SQLITE_OK || code == SQLITE_ROW || code == SQLITE_DONE) return;
  throw SqliteError(sqlite3_errmsg(m_db.get()), code);
}

void Connection::execute(const char* sql) {
  check(sqlite3_exec(m_db.get(), sql, nullptr, nullptr, nullptr));
}

Statement Connection::prepare(std::string_view sql) {
  sqlite3_stmt* statement = nullptr;
  check(sqlite3_prepare_v2(m_db.get(), sql.data(), text_size(sql), &statement, nullptr));
  return Statement(*this, statement);
}

std::int64_t Connection::query_integer(const char* sql) {
  Statement statement = prepare(sql);
  return statement.step() ? statement.integer(0) : 0;
}

Statement::Statement(Connection& connection, sqlite3_stmt* statement)
    : m_connection(&connection), m_statement(statement) {}

Statement& Statement::bind(int index, std::string_view text) {
  m_connection->check(
      sqlite3_bind_text(m_statement.get(), index, text.data(), text_size(text), SQLITE_TRANSIENT));
  return *this;
}

Statement& Statement::bind(int index, std::int64_t number) {
  m_connection->check(sqlite3_bind_int64(m_statement.get(), index, number));
  return *this;
}

Statement& Statement::bind_null(int index) {
  m_connection->check(sqlite3_bind_null(m_statement.get(), index));
  return *this;
}

Statement& Statement::bind_text_or_null(int index, std::string_view text) {
  return text.empty() ? bind_null(index) : bind(index, text);
}

bool Statement::step() {
  const int code = sqlite3_step(m_statement.get());
  m_connection->check(code);
  return code == SQLITE_ROW;
}

void Statement::run() {
  while (step()) {
  }
}

std::string Statement::text(int column) const {
  const auto* text = sqlite3_column_text(m_statement.get(), column);
  if (text == nullptr) return {};
  const int size = sqlite3_column_bytes(m_statement.get(), column);
  return {reinterpret_cast<const char*>(text), static_cast<std::size_t>(size)};
}

std::int64_t Statement::integer(int column) const {
  return sqlite3_column_int64(m_statement.get(), column);
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(m_statement.get(), column) == SQLITE_NULL;
}

void Statement::reset() {
  sqlite3_reset(m_statement.get());
  sqlite3_clear_bindings(m_statement.get());
}

Transaction::Transaction(Connection& connection) : m_connection(connection) {
  m_connection.execute("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (!m_done) sqlite3_exec(m_connection.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  m_connection.execute("COMMIT");
  m_done = true;
}

}  // namespace closecoach::store
