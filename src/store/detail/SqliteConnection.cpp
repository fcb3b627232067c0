#include "store/detail/SqliteConnection.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

namespace peercert::store::detail {

namespace {

class SqliteStatement final : public PreparedStatement {
public:
  SqliteStatement(sqlite3* db, std::string_view sql) : db_(db) {
    const int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &st_, nullptr);
    if (rc != SQLITE_OK) {
      throw SQLite::Exception(db, rc);
    }
  }
  ~SqliteStatement() override { sqlite3_finalize(st_); }

  void bind_null(int index) override { check(sqlite3_bind_null(st_, index)); }
  void bind_int(int index, std::int64_t value) override {
    check(sqlite3_bind_int64(st_, index, value));
  }
  void bind_text(int index, std::string_view value) override {
    check(
        sqlite3_bind_text64(st_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  }
  bool step() override {
    const int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) {
      return true;
    }
    if (rc == SQLITE_DONE) {
      changes_ = sqlite3_changes64(db_);
      sqlite3_reset(st_);
      return false;
    }
    // The statement's own error, not the reset's.
    const SQLite::Exception error(db_, rc);
    sqlite3_reset(st_);
    throw error;
  }
  void reset() override { sqlite3_reset(st_); }
  std::int64_t changes() const override { return changes_; }

  int column_count() const override { return sqlite3_column_count(st_); }
  std::string column_name(int column) const override {
    const char* name = sqlite3_column_name(st_, column);
    return name == nullptr ? std::string{} : std::string(name);
  }
  ValueType type(int column) const override {
    switch (sqlite3_column_type(st_, column)) {
    case SQLITE_NULL:
      return ValueType::null;
    case SQLITE_INTEGER:
      return ValueType::integer;
    case SQLITE_FLOAT:
      return ValueType::real;
    case SQLITE_BLOB:
      return ValueType::blob;
    default:
      return ValueType::text;
    }
  }
  std::int64_t int64(int column) const override { return sqlite3_column_int64(st_, column); }
  std::string_view text(int column) const override {
    // Asked as text first, so a number comes back as its digits.
    const auto* bytes = sqlite3_column_type(st_, column) == SQLITE_BLOB
                            ? static_cast<const char*>(sqlite3_column_blob(st_, column))
                            : reinterpret_cast<const char*>(sqlite3_column_text(st_, column));
    if (bytes == nullptr) {
      return {};
    }
    return {bytes, static_cast<std::size_t>(sqlite3_column_bytes(st_, column))};
  }

private:
  void check(int rc) const {
    if (rc != SQLITE_OK) {
      throw SQLite::Exception(db_, rc);
    }
  }

  sqlite3* db_;
  sqlite3_stmt* st_ = nullptr;
  std::int64_t changes_ = 0;
};

} // namespace

SqliteConnection::SqliteConnection(std::unique_ptr<SQLite::Database> db) : db_(std::move(db)) {}
SqliteConnection::~SqliteConnection() = default;

std::unique_ptr<PreparedStatement> SqliteConnection::prepare(std::string_view sql) const {
  return std::make_unique<SqliteStatement>(db_->getHandle(), sql);
}

void SqliteConnection::run_script(const std::string& sql) const { db_->exec(sql); }

bool SqliteConnection::in_transaction() const {
  return sqlite3_get_autocommit(db_->getHandle()) == 0;
}

void SqliteConnection::begin_write() const { db_->exec("BEGIN IMMEDIATE"); }

void SqliteConnection::begin_read() const { db_->exec("BEGIN DEFERRED"); }

void SqliteConnection::commit() const { db_->exec("COMMIT"); }

void SqliteConnection::rollback() const noexcept {
  if (in_transaction()) {
    sqlite3_exec(db_->getHandle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

} // namespace peercert::store::detail
