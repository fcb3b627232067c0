#pragma once

// The store's one seam between its SQL and a database engine: SQLite (a file) or PostgreSQL
// (a server). Repositories write their SQL once, with ?N parameters, through
// detail::Statement; a backend runs it.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace peercert::store::detail {

/// What a column of the current row holds.
enum class ValueType : std::uint8_t { null, integer, real, text, blob };

/// One prepared statement of a backend: parameters numbered from 1, columns from 0.
class PreparedStatement {
public:
  PreparedStatement() = default;
  PreparedStatement(const PreparedStatement&) = delete;
  PreparedStatement& operator=(const PreparedStatement&) = delete;
  virtual ~PreparedStatement() = default;

  virtual void bind_null(int index) = 0;
  virtual void bind_int(int index, std::int64_t value) = 0;
  /// The text is copied.
  virtual void bind_text(int index, std::string_view value) = 0;
  /// The next row, or false once there is none (a statement without rows runs here).
  virtual bool step() = 0;
  /// Ready to run again, with the same bindings.
  virtual void reset() = 0;
  /// Rows inserted, changed or deleted by the last run.
  virtual std::int64_t changes() const = 0;

  virtual int column_count() const = 0;
  virtual std::string column_name(int column) const = 0;
  virtual ValueType type(int column) const = 0;
  /// The column as a whole number (0 for NULL).
  virtual std::int64_t int64(int column) const = 0;
  /// The column as text, valid until the statement steps again ("" for NULL); a blob as its
  /// bytes.
  virtual std::string_view text(int column) const = 0;
};

/// The SQL a backend speaks, where the two differ (see Dialect.hpp).
enum class Dialect : std::uint8_t { sqlite, postgresql };

/// One open connection to a database.
class Connection {
public:
  Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  virtual ~Connection() = default;

  virtual std::unique_ptr<PreparedStatement> prepare(std::string_view sql) const = 0;
  /// Runs statements separated by semicolons, without parameters (a migration).
  virtual void run_script(const std::string& sql) const = 0;
  /// Whether a transaction is open on this connection.
  virtual bool in_transaction() const = 0;
  /// A write transaction: one writer at a time on the whole database, as SQLite's BEGIN
  /// IMMEDIATE; the others wait.
  virtual void begin_write() const = 0;
  /// A read transaction: every statement in it reads one snapshot.
  virtual void begin_read() const = 0;
  virtual void commit() const = 0;
  /// Never throws: called from destructors.
  virtual void rollback() const noexcept = 0;
  virtual Dialect dialect() const = 0;
};

} // namespace peercert::store::detail
