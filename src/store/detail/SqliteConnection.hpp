#pragma once

#include "store/detail/Connection.hpp"

#include <memory>

namespace SQLite {
class Database;
}

namespace peercert::store::detail {

/// A connection to an SQLite file through SQLiteCpp.
class SqliteConnection final : public Connection {
public:
  explicit SqliteConnection(std::unique_ptr<SQLite::Database> db);
  ~SqliteConnection() override;

  std::unique_ptr<PreparedStatement> prepare(std::string_view sql) const override;
  void run_script(const std::string& sql) const override;
  bool in_transaction() const override;
  void begin_write() const override;
  void begin_read() const override;
  void commit() const override;
  void rollback() const noexcept override;
  Dialect dialect() const override { return Dialect::sqlite; }

  SQLite::Database& sqlite() const { return *db_; }

private:
  std::unique_ptr<SQLite::Database> db_;
};

} // namespace peercert::store::detail
