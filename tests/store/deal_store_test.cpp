// The deals database: answers kept as given, history in order, the schema
// migrated from version 1, and failures as one-line messages.

#include <closecoach/deal_store.hpp>

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "sqlite.hpp"

using closecoach::DealEvent;
using closecoach::DealStore;
using nlohmann::json;

namespace {

std::filesystem::path temporary_dir() {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("closecoach-store-" + std::to_string(::getpid()) + "-" +
                    ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

DealStore open_or_die(const std::string& path) {
  auto store = DealStore::open(path);
  if (!store.ok()) throw std::runtime_error(store.error().message);
  return std::move(store.value());
}

std::string single_text(const std::string& path, const char* sql) {
  closecoach::store::Connection connection(path, closecoach::store::Connection::Mode::read_only,
                                           1000);
  auto statement = connection.prepare(sql);
  return statement.step() ? statement.text(0) : std::string();
}

}  // namespace

TEST(DealStore, CreatesTheFileAndItsFolderInWalMode) {
  const auto path = (temporary_dir() / "a" / "b" / "deals.db").string();
  DealStore store = open_or_die(path);
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_EQ(store.schema_version().value(), DealStore::k_schema_version);
  EXPECT_EQ(single_text(path, "PRAGMA journal_mode"), "wal");
}

TEST(DealStore, KeepsAnswersAndRefusesASecondDealOfTheSameId) {
  DealStore store = open_or_die((temporary_dir() / "deals.db").string());
  const json answers{{"stage", "negotiation"}, {"has_need", true}, {"soft_closes_tried", 2}};
  EXPECT_TRUE(store.create("acme", answers).value());
  EXPECT_FALSE(store.create("acme", json::object()).value());
  const auto deal = store.find("acme").value();
  ASSERT_TRUE(deal.has_value());
  EXPECT_EQ(deal->answers, answers);
  EXPECT_FALSE(store.find("nope").value().has_value());
}

TEST(DealStore, UpdateSetsAndUnsetsTogetherAndKnowsAbsentDeals) {
  DealStore store = open_or_die((temporary_dir() / "deals.db").string());
  ASSERT_TRUE(store.create("acme", {{"stage", "discovery"}, {"has_need", true}}).value());
  EXPECT_TRUE(store.update("acme", {{"stage", "negotiation"}}, {"has_need"}).value());
  EXPECT_EQ(store.find("acme").value()->answers, (json{{"stage", "negotiation"}}));
  EXPECT_FALSE(store.update("nope", {{"stage", "negotiation"}}, {}).value());
  EXPECT_EQ(store.list().value().size(), 1U);
}

TEST(DealStore, HistoryKeepsAdviceAndOutcomesInOrderAndRemoveKeepsTheJournal) {
  DealStore store = open_or_die((temporary_dir() / "deals.db").string());
  ASSERT_TRUE(store.create("acme", {{"stage", "negotiation"}}).value());
  const json answers{{"stage", "negotiation"}, {"can_pay", true}};
  const DealEvent advice{
      DealEvent::Kind::advice, "acme", "", answers, "hard_close", "", "", "", ""};
  ASSERT_TRUE(store.add_advice(advice, true).value());
  const DealEvent outcome{
      DealEvent::Kind::outcome, "acme", "", answers, "hard_close", "won", "A", "negotiation", ""};
  ASSERT_TRUE(store.log_outcome(outcome).value());
  const auto deal = store.find("acme").value();
  EXPECT_EQ(deal->answers, advice.answers);  // saved with the advice
  ASSERT_EQ(deal->history.size(), 2U);
  EXPECT_EQ(deal->history[0].kind, DealEvent::Kind::advice);
  EXPECT_EQ(deal->history[1].outcome, "won");
  EXPECT_EQ(deal->history[1].customer_class, "A");
  EXPECT_TRUE(store.remove("acme").value());
  EXPECT_FALSE(store.find("acme").value().has_value());
  EXPECT_EQ(store.outcomes().value().size(), 1U);
  EXPECT_FALSE(store.log_outcome(outcome).value());  // no deal, no outcome
}

TEST(DealStore, ImportReplacesTheAnswersOfDealsItNames) {
  DealStore store = open_or_die((temporary_dir() / "deals.db").string());
  ASSERT_TRUE(store.create("acme", {{"stage", "discovery"}, {"has_need", true}}).value());
  EXPECT_EQ(store
                .import_deals({{"acme", {{"stage", "negotiation"}}, {}},
                               {"globex", {{"can_pay", false}}, {}}})
                .value(),
            2U);
  EXPECT_EQ(store.find("acme").value()->answers, (json{{"stage", "negotiation"}}));
  EXPECT_EQ(store.find("globex").value()->answers, (json{{"can_pay", false}}));
}

TEST(DealStore, MigratesAVersion1Database) {
  const auto path = (temporary_dir() / "deals.db").string();
  {
    closecoach::store::Connection v1(path, closecoach::store::Connection::Mode::read_write_create,
                                     1000);
    v1.execute(
        "CREATE TABLE deals (id TEXT PRIMARY KEY NOT NULL, created_at TEXT NOT NULL, updated_at "
        "TEXT NOT NULL);"
        "CREATE TABLE answers (deal_id TEXT NOT NULL, fact TEXT NOT NULL, value TEXT NOT NULL, "
        "PRIMARY KEY (deal_id, fact));"
        "INSERT INTO deals VALUES ('acme', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');"
        "INSERT INTO answers VALUES ('acme', 'stage', '\"negotiation\"');"
        "PRAGMA user_version = 1;");
  }
  DealStore store = open_or_die(path);
  EXPECT_EQ(store.schema_version().value(), 2);
  EXPECT_EQ(store.find("acme").value()->answers, (json{{"stage", "negotiation"}}));
  const DealEvent outcome{
      DealEvent::Kind::outcome, "acme", "", json::object(), "hard_close", "lost", "", "", ""};
  EXPECT_TRUE(store.log_outcome(outcome).value());
  EXPECT_EQ(store.outcomes().value().size(), 1U);
}

TEST(DealStore, RefusesASchemaNewerThanItsOwn) {
  const auto path = (temporary_dir() / "deals.db").string();
  {
    closecoach::store::Connection newer(
        path, closecoach::store::Connection::Mode::read_write_create, 1000);
    newer.execute("PRAGMA user_version = 99");
  }
  auto store = DealStore::open(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().message, "deals database " + path +
                                       ": its schema version 99 is newer than this "
                                       "closecoach's (2)");
}

TEST(DealStore, SaysAFileIsNotADatabase) {
  const auto path = (temporary_dir() / "deals.db").string();
  std::ofstream(path) << "these are my notes, not a database, and they go on for a while......\n";
  auto store = DealStore::open(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().message, "deals database " + path + ": file is not a database");
}

TEST(DealStore, SaysAFolderCannotBeWritten) {
  if (::geteuid() == 0) GTEST_SKIP() << "root writes into read-only folders";
  const auto dir = temporary_dir() / "locked";
  std::filesystem::create_directories(dir);
  std::filesystem::permissions(
      dir, std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  const auto path = (dir / "deals.db").string();
  auto store = DealStore::open(path);
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().message, "deals database " + path + ": unable to open database file");
}
