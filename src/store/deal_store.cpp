#include <closecoach/deal_store.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <system_error>

#include "sqlite.hpp"
#include "store_schema.hpp"

namespace closecoach {

using store::Connection;
using store::SqliteError;
using store::Statement;
using store::Transaction;

struct DealStore::Impl {
  std::string path;
  Connection connection;
};

namespace {

// "deals database FILE: REASON", the one line every failure says (the path
// whole: format_diagnostic escapes what a terminal would act on).
Diagnostic store_error(const std::string& path, std::string_view reason) {
  return make_error(fmt::format("deals database {}: {}", path, reason));
}

// Runs `body` (which throws SqliteError), as a Result.
template <class Body>
auto guarded(const std::string& path, Body&& body) -> Result<decltype(body())> {
  try {
    return body();
  } catch (const SqliteError& error) {
    return store_error(path, error.what());
  }
}

std::string now_sql() { return "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"; }

nlohmann::json parse_answers(const std::string& text) {
  auto parsed = nlohmann::json::parse(text, nullptr, false);
  return parsed.is_object() ? parsed : nlohmann::json::object();
}

bool deal_exists(Connection& connection, std::string_view id) {
  auto statement = connection.prepare("SELECT 1 FROM deals WHERE id = ?1");
  statement.bind(1, id);
  return statement.step();
}

// Sets each answer; a null answer (FACT= on the command line) is no answer,
// so it removes the fact.
void set_answers(Connection& connection, std::string_view id, const nlohmann::json& answers) {
  auto statement = connection.prepare(
      "INSERT INTO answers (deal_id, fact, value) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (deal_id, fact) DO UPDATE SET value = excluded.value");
  auto remove = connection.prepare("DELETE FROM answers WHERE deal_id = ?1 AND fact = ?2");
  for (const auto& [fact, value] : answers.items()) {
    Statement& write = value.is_null() ? remove : statement;
    write.bind(1, id).bind(2, fact);
    if (!value.is_null()) write.bind(3, value.dump());
    write.run();
    write.reset();
  }
  auto touched =
      connection.prepare("UPDATE deals SET updated_at = " + now_sql() + " WHERE id = ?1");
  touched.bind(1, id).run();
}

nlohmann::json answers_of(Connection& connection, std::string_view id) {
  auto statement =
      connection.prepare("SELECT fact, value FROM answers WHERE deal_id = ?1 ORDER BY fact");
  statement.bind(1, id);
  nlohmann::json answers = nlohmann::json::object();
  while (statement.step())
    answers[statement.text(0)] = nlohmann::json::parse(statement.text(1), nullptr, false);
  return answers;
}

constexpr std::string_view k_event_columns =
    "SELECT deal_id, at, kind, answers, move, outcome, customer_class, stage, note FROM history ";

DealEvent event_from(const Statement& row) {
  DealEvent event;
  event.deal = row.text(0);
  event.at = row.text(1);
  event.kind = row.text(2) == "outcome" ? DealEvent::Kind::outcome : DealEvent::Kind::advice;
  event.answers = parse_answers(row.text(3));
  event.move = row.text(4);
  event.outcome = row.text(5);
  event.customer_class = row.text(6);
  event.stage = row.text(7);
  event.note = row.text(8);
  return event;
}

void insert_event(Connection& connection, const DealEvent& event) {
  auto statement = connection.prepare(
      "INSERT INTO history (deal_id, at, kind, answers, move, outcome, customer_class, stage, "
      "note) VALUES (?1, " +
      now_sql() + ", ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  const bool outcome = event.kind == DealEvent::Kind::outcome;
  statement.bind(1, event.deal)
      .bind(2, outcome ? "outcome" : "advice")
      .bind(3, event.answers.is_object() ? event.answers.dump() : "{}")
      .bind_text_or_null(4, event.move)
      .bind_text_or_null(5, event.outcome)
      .bind_text_or_null(6, event.customer_class)
      .bind_text_or_null(7, event.stage)
      .bind_text_or_null(8, event.note);
  statement.run();
}

// The folder of `path`, created when absent.
void create_folder(const std::string& path) {
  const auto folder = std::filesystem::path(path).parent_path();
  if (folder.empty()) return;
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error)
    throw SqliteError(fmt::format("cannot create its folder: {}", error.message()),
                      SQLITE_CANTOPEN);
}

}  // namespace

DealStore::DealStore(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
DealStore::DealStore(DealStore&&) noexcept = default;
DealStore& DealStore::operator=(DealStore&&) noexcept = default;
DealStore::~DealStore() = default;

Result<DealStore> DealStore::open(const std::string& path) {
  return guarded(path, [&] {
    create_folder(path);
    Connection connection(path, Connection::Mode::read_write_create, k_busy_timeout_ms);
    store::prepare_connection(connection);
    store::migrate(connection, k_schema_version);
    return DealStore(std::make_unique<Impl>(Impl{path, std::move(connection)}));
  });
}

Result<DealStore> DealStore::open_read_only(const std::string& path) {
  return guarded(path, [&] {
    Connection connection(path, Connection::Mode::read_only, k_busy_timeout_ms);
    const auto version = connection.query_integer("PRAGMA user_version");
    if (version != k_schema_version)
      throw SqliteError(fmt::format("schema version {}, not {}", version, k_schema_version),
                        SQLITE_MISMATCH);
    return DealStore(std::make_unique<Impl>(Impl{path, std::move(connection)}));
  });
}

const std::string& DealStore::path() const { return m_impl->path; }

Result<std::int64_t> DealStore::schema_version() {
  return guarded(m_impl->path,
                 [&] { return m_impl->connection.query_integer("PRAGMA user_version"); });
}

Result<bool> DealStore::create(std::string_view id, const nlohmann::json& answers) {
  return guarded(m_impl->path, [&] {
    Connection& connection = m_impl->connection;
    Transaction transaction(connection);
    if (deal_exists(connection, id)) return false;
    auto insert = connection.prepare("INSERT INTO deals (id, created_at, updated_at) VALUES (?1, " +
                                     now_sql() + ", " + now_sql() + ")");
    insert.bind(1, id).run();
    set_answers(connection, id, answers);
    transaction.commit();
    return true;
  });
}

Result<std::optional<StoredDeal>> DealStore::find(std::string_view id, bool with_history) {
  return guarded(m_impl->path, [&]() -> std::optional<StoredDeal> {
    Connection& connection = m_impl->connection;
    // One read transaction: the answers and the history of the same moment.
    connection.execute("BEGIN");
    struct End {
      Connection& connection;
      ~End() { sqlite3_exec(connection.handle(), "COMMIT", nullptr, nullptr, nullptr); }
    } end{connection};
    if (!deal_exists(connection, id)) return std::nullopt;
    StoredDeal deal{std::string(id), answers_of(connection, id), {}};
    if (!with_history) return deal;
    auto events =
        connection.prepare(std::string(k_event_columns) + "WHERE deal_id = ?1 ORDER BY seq");
    events.bind(1, id);
    while (events.step()) deal.history.push_back(event_from(events));
    return deal;
  });
}

Result<std::vector<StoredDeal>> DealStore::list() {
  return guarded(m_impl->path, [&] {
    auto statement = m_impl->connection.prepare(
        "SELECT d.id, a.fact, a.value FROM deals d LEFT JOIN answers a ON a.deal_id = d.id "
        "ORDER BY d.id, a.fact");
    std::vector<StoredDeal> deals;
    while (statement.step()) {
      std::string id = statement.text(0);
      if (deals.empty() || deals.back().id != id) deals.push_back({std::move(id), {}, {}});
      if (!statement.is_null(1))
        deals.back().answers[statement.text(1)] =
            nlohmann::json::parse(statement.text(2), nullptr, false);
    }
    return deals;
  });
}

Result<bool> DealStore::update(std::string_view id, const nlohmann::json& set,
                               const std::vector<std::string>& unset) {
  return guarded(m_impl->path, [&] {
    Connection& connection = m_impl->connection;
    Transaction transaction(connection);
    if (!deal_exists(connection, id)) return false;
    set_answers(connection, id, set);
    auto remove = connection.prepare("DELETE FROM answers WHERE deal_id = ?1 AND fact = ?2");
    for (const auto& fact : unset) {
      remove.bind(1, id).bind(2, fact).run();
      remove.reset();
    }
    transaction.commit();
    return true;
  });
}

Result<bool> DealStore::remove(std::string_view id) {
  return guarded(m_impl->path, [&] {
    Connection& connection = m_impl->connection;
    Transaction transaction(connection);
    if (!deal_exists(connection, id)) return false;
    for (const char* sql : {"DELETE FROM answers WHERE deal_id = ?1",
                            "DELETE FROM history WHERE deal_id = ?1 AND kind = 'advice'",
                            "DELETE FROM deals WHERE id = ?1"})
      connection.prepare(sql).bind(1, id).run();
    transaction.commit();
    return true;
  });
}

Result<bool> DealStore::add_advice(const DealEvent& event, bool save_answers) {
  return guarded(m_impl->path, [&] {
    Connection& connection = m_impl->connection;
    Transaction transaction(connection);
    if (!deal_exists(connection, event.deal)) return false;
    if (save_answers) set_answers(connection, event.deal, event.answers);
    DealEvent advice = event;
    advice.kind = DealEvent::Kind::advice;
    insert_event(connection, advice);
    transaction.commit();
    return true;
  });
}

Result<bool> DealStore::log_outcome(const DealEvent& event) {
  return guarded(m_impl->path, [&] {
    Connection& connection = m_impl->connection;
    Transaction transaction(connection);
    if (!deal_exists(connection, event.deal)) return false;
    DealEvent outcome = event;
    outcome.kind = DealEvent::Kind::outcome;
    insert_event(connection, outcome);
    transaction.commit();
    return true;
  });
}

Result<std::vector<DealEvent>> DealStore::outcomes() {
  return guarded(m_impl->path, [&] {
    auto statement = m_impl->connection.prepare(std::string(k_event_columns) +
                                                "WHERE kind = 'outcome' ORDER BY seq");
    std::vector<DealEvent> events;
    while (statement.step()) events.push_back(event_from(statement));
    return events;
  });
}

Result<std::size_t> DealStore::import_deals(const std::vector<StoredDeal>& deals) {
  return guarded(m_impl->path, [&] {
    Connection& connection = m_impl->connection;
    Transaction transaction(connection);
    auto insert =
        connection.prepare("INSERT INTO deals (id, created_at, updated_at) VALUES (?1, " +
                           now_sql() + ", " + now_sql() + ") ON CONFLICT (id) DO NOTHING");
    auto clear = connection.prepare("DELETE FROM answers WHERE deal_id = ?1");
    for (const auto& deal : deals) {
      insert.bind(1, deal.id).run();
      insert.reset();
      clear.bind(1, deal.id).run();
      clear.reset();
      set_answers(connection, deal.id, deal.answers);
    }
    transaction.commit();
    return deals.size();
  });
}

}  // namespace closecoach
