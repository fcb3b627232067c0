#pragma once

// For the store's .cpp files only: the few places where SQLite's SQL and PostgreSQL's differ,
// said once. Everything else the store writes is read the same by both: ?N parameters (the
// PostgreSQL connection writes them $N), INSERT … RETURNING id, ON CONFLICT, CASE rather than
// two-argument min()/max(), a typed comparison before "?N IS NULL" (PostgreSQL types a
// parameter where it first meets it), and subqueries in FROM named.

#include "store/detail/Connection.hpp"

#include <string>
#include <string_view>

namespace peercert::store::detail {

/// The names of peercert's tables (not the engine's own, nor PostgreSQL's schema mark), by
/// name.
inline std::string table_names_sql(Dialect d) {
  if (d == Dialect::postgresql) {
    return "SELECT table_name FROM information_schema.tables WHERE table_schema = "
           "current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'peercert_schema' "
           "ORDER BY table_name COLLATE \"C\"";
  }
  return "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
         "ESCAPE '\\' ORDER BY name";
}

/// The columns of table ?1 and whether each holds text (1) or not (0), by name.
inline std::string column_names_sql(Dialect d) {
  if (d == Dialect::postgresql) {
    return "SELECT column_name, CASE WHEN data_type = 'text' THEN 1 ELSE 0 END FROM "
           "information_schema.columns WHERE table_schema = current_schema() AND table_name = "
           "?1 ORDER BY column_name COLLATE \"C\"";
  }
  return "SELECT name, 1 FROM pragma_table_info(?1) ORDER BY name";
}

/// `column` ordered byte by byte when it holds text, NULL first, whatever its declared
/// collation (SQLite's BINARY is PostgreSQL's "C"; PostgreSQL puts NULL last unless told).
inline std::string bytewise_order(Dialect d, const std::string& column, bool text) {
  if (d == Dialect::postgresql) {
    return column + (text ? " COLLATE \"C\"" : "") + " NULLS FIRST";
  }
  return column + " COLLATE BINARY";
}

/// After rows were written with their ids: the statement that moves the id sequence of
/// `table` (which has an id column) past them (PostgreSQL's identities do not look at the
/// rows; SQLite's next id is the largest plus one), or nothing. A table whose id is not an
/// identity (a board's, which is text) has no sequence: HAVING, read before the cast, leaves
/// it alone.
inline std::string move_sequence_sql(Dialect d, std::string_view table) {
  if (d != Dialect::postgresql) {
    return {};
  }
  const std::string t(table);
  const std::string sequence = "pg_get_serial_sequence('" + t + "', 'id')";
  return "SELECT setval(" + sequence + ", max(id)::text::bigint) FROM " + t +
         " HAVING max(id) IS NOT NULL AND " + sequence + " IS NOT NULL";
}

} // namespace peercert::store::detail
