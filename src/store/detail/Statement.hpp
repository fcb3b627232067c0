#pragma once

// For the store's .cpp files only: one SQL statement over whichever backend the database is.

#include "store/Database.hpp"
#include "store/detail/Connection.hpp"

#include <concepts>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace peercert::store::detail {

/// One column of a statement's current row.
class Column {
public:
  Column(const PreparedStatement& statement, int index) : st_(&statement), index_(index) {}

  bool is_null() const { return st_->type(index_) == ValueType::null; }
  bool is_blob() const { return st_->type(index_) == ValueType::blob; }
  ValueType type() const { return st_->type(index_); }
  std::int64_t as_int64() const { return st_->int64(index_); }
  int as_int() const { return static_cast<int>(st_->int64(index_)); }
  std::string as_string() const { return std::string(st_->text(index_)); }
  /// Valid until the statement steps again.
  std::string_view view() const { return st_->text(index_); }
  std::string name() const { return st_->column_name(index_); }

private:
  const PreparedStatement* st_;
  int index_;
};

/// A statement prepared on `db`'s connection. Parameters are written ?1, ?2, … (or ?) and
/// bound by number.
class Statement {
public:
  Statement(const Database& db, std::string_view sql) : st_(db.connection().prepare(sql)) {}

  /// NULL.
  void bind(int index) { st_->bind_null(index); }
  template <std::integral T> void bind(int index, T value) {
    st_->bind_int(index, static_cast<std::int64_t>(value));
  }
  void bind(int index, std::string_view value) { st_->bind_text(index, value); }
  void bind(int index, const std::string& value) { st_->bind_text(index, value); }
  void bind(int index, const char* value) { st_->bind_text(index, value); }

  /// The next row, or false once there is none.
  bool step() { return st_->step(); }
  /// Runs a statement that returns no rows; the rows it changed.
  std::int64_t exec() {
    while (st_->step()) {
    }
    return st_->changes();
  }
  /// Runs an INSERT … RETURNING id; the id of the row it inserted.
  std::int64_t insert_id() {
    if (!st_->step()) {
      throw StoreError("An insert returned no id.");
    }
    const std::int64_t id = st_->int64(0);
    while (st_->step()) {
    }
    return id;
  }
  /// Ready to run again, with the same bindings.
  void reset() { st_->reset(); }
  std::int64_t changes() const { return st_->changes(); }
  int column_count() const { return st_->column_count(); }
  Column column(int index) const { return {*st_, index}; }

private:
  std::unique_ptr<PreparedStatement> st_;
};

/// Runs one statement without parameters or rows; the rows it changed.
inline std::int64_t exec(const Database& db, std::string_view sql) {
  return Statement(db, sql).exec();
}

/// The first column of the first row of `sql` (a count, say).
inline std::int64_t scalar_int(const Database& db, std::string_view sql) {
  Statement st(db, sql);
  return st.step() ? st.column(0).as_int64() : 0;
}

} // namespace peercert::store::detail
