#pragma once

#include "store/Database.hpp"
#include "store/Location.hpp"
#include "store/detail/Connection.hpp"

#include <string>
#include <vector>

struct pg_conn;

namespace peercert::store::detail {

/// What the PostgreSQL server answered a statement with, when it refused it: its SQLSTATE
/// ("23505") and its message.
class PostgresError : public StoreError {
public:
  PostgresError(const std::string& message, std::string sqlstate)
      : StoreError(message), sqlstate_(std::move(sqlstate)) {}
  const std::string& sqlstate() const noexcept { return sqlstate_; }

private:
  std::string sqlstate_;
};

/// A connection to a PostgreSQL server through libpq. Statements are sent with their
/// parameters as text (?N written $N), and their rows read back whole.
class PostgresConnection final : public Connection {
public:
  /// Connects; a server that cannot be reached, refuses the user or has no such database is
  /// core::EnvironmentError naming the URL without its password.
  explicit PostgresConnection(const Location& location);
  ~PostgresConnection() override;

  std::unique_ptr<PreparedStatement> prepare(std::string_view sql) const override;
  void run_script(const std::string& sql) const override;
  bool in_transaction() const override;
  void begin_write() const override;
  void begin_read() const override;
  void commit() const override;
  void rollback() const noexcept override;
  Dialect dialect() const override { return Dialect::postgresql; }

  pg_conn* handle() const { return conn_; }
  const Location& location() const { return location_; }

private:
  pg_conn* conn_ = nullptr;
  Location location_;
};

/// `sql` with SQLite's ?N (and ?) parameters written as PostgreSQL's $N; quoted text and
/// identifiers are left as they are. `used`, when given, is set to which numbers appear
/// (index N - 1): SQLite lets a statement leave a number out, PostgreSQL must be told the
/// type of one it does not see.
std::string postgres_parameters(std::string_view sql, std::vector<bool>* used = nullptr);

/// The advisory lock every write transaction takes, so that writers take turns on the whole
/// database as SQLite's do ("PCRT").
inline constexpr long long write_lock_key = 0x50435254;

} // namespace peercert::store::detail
